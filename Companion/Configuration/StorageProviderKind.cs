namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>The database behind the stores.</summary>
    public enum StorageProviderKind
    {
        /// <summary>A SQLite file in the data directory (WAL journal).</summary>
        Sqlite,

        /// <summary>A PostgreSQL database reached with <see cref="StorageOptions.PostgresConnectionString"/>.</summary>
        Postgres,
    }
}
