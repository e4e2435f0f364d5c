using System.IO;

namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Where the companion keeps users, bindings, messages and presence state (section <c>Storage</c>).</summary>
    public sealed class StorageOptions
    {
        /// <summary>The configuration section these options bind to.</summary>
        public const string SectionName = "Storage";

        /// <summary>The default data directory, relative to the working directory.</summary>
        public const string DefaultDataDirectory = "./data";

        /// <summary>The name of the SQLite database file inside the data directory.</summary>
        public const string SqliteFileName = "simpleim.db";

        /// <summary>
        /// The database to use. When unset, PostgreSQL is used if <see cref="PostgresConnectionString"/>
        /// is set, SQLite otherwise.
        /// </summary>
        public StorageProviderKind? Provider { get; set; }

        /// <summary>The data directory; <c>--data-dir</c> overrides it. Relative paths start at the working directory.</summary>
        public string DataDirectory { get; set; } = DefaultDataDirectory;

        /// <summary>An Npgsql connection string; selects PostgreSQL unless <see cref="Provider"/> says otherwise.</summary>
        public string? PostgresConnectionString { get; set; }

        /// <summary>The provider in effect after applying the default rule of <see cref="Provider"/>.</summary>
        public StorageProviderKind EffectiveProvider =>
            Provider ?? (string.IsNullOrWhiteSpace(PostgresConnectionString) ? StorageProviderKind.Sqlite : StorageProviderKind.Postgres);

        /// <summary>The absolute path of the SQLite database file.</summary>
        public string SqliteDatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), SqliteFileName);
    }
}
