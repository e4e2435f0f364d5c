using System;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Npgsql;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Tests.Support
{
    /// <summary>
    /// A fresh schema in the PostgreSQL database named by <see cref="EnvironmentVariable"/>, made the first
    /// entry of the search path so the stores create their tables there. Without the variable the test is
    /// inconclusive (reported as skipped), saying why.
    /// </summary>
    public sealed class PostgresTestDatabase : TestDatabase
    {
        public const string EnvironmentVariable = "SIMPLEIM_TEST_POSTGRES";

        private readonly string _adminConnectionString;
        private readonly string _schema = "t_" + Guid.NewGuid().ToString("N");

        private PostgresTestDatabase(string adminConnectionString)
        {
            _adminConnectionString = adminConnectionString;
            ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { SearchPath = _schema }.ToString();
        }

        /// <summary>Fresh and shared PostgreSQL schemas.</summary>
        public static TestDatabaseSource Source { get; } = new(async () => await CreateAsync());

        /// <summary>The connection string of the test schema.</summary>
        public string ConnectionString { get; }

        /// <summary>Creates the schema, or marks the test inconclusive when no PostgreSQL is configured.</summary>
        public static async Task<PostgresTestDatabase> CreateAsync()
        {
            string? connectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                Assert.Inconclusive($"PostgreSQL not configured: set {EnvironmentVariable} to an Npgsql connection string (test.sh does it via tools/ci/setup-postgres.sh)");
            }

            var database = new PostgresTestDatabase(connectionString);
            await database.AdminAsync($"CREATE SCHEMA {database._schema}");
            return database;
        }

        public override IStorageProvider OpenProvider() => StorageProviderFactory.CreatePostgres(ConnectionString);

        public override async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
        }

        private async Task AdminAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
