using System;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Storage.Postgres;
using SimpleImGateway.Companion.Storage.Sql;
using SimpleImGateway.Companion.Storage.Sqlite;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>Creates the storage provider the configuration asks for. Nothing is opened until <see cref="IStorageProvider.MigrateAsync"/>.</summary>
    public static class StorageProviderFactory
    {
        /// <summary>SQLite in the data directory, or PostgreSQL when the options select it (see <see cref="StorageOptions.EffectiveProvider"/>).</summary>
        public static IStorageProvider Create(StorageOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            return options.EffectiveProvider switch
            {
                StorageProviderKind.Sqlite => CreateSqlite(options.SqliteDatabasePath),
                StorageProviderKind.Postgres => CreatePostgres(options.PostgresConnectionString
                    ?? throw new ArgumentException("a PostgreSQL connection string is required", nameof(options))),
                _ => throw new ArgumentOutOfRangeException(nameof(options), options.EffectiveProvider, "unknown storage provider"),
            };
        }

        /// <summary>A SQLite database at <paramref name="databasePath"/>; its directory is created on migration.</summary>
        public static IStorageProvider CreateSqlite(string databasePath) => new SqlStorageProvider(new SqliteDatabase(databasePath));

        /// <summary>A PostgreSQL database; tables go into the first schema of the connection's search path.</summary>
        public static IStorageProvider CreatePostgres(string connectionString) => new SqlStorageProvider(new PostgresDatabase(connectionString));
    }
}
