using System.IO;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Tests.Support
{
    /// <summary>A SQLite file in a fresh temporary directory.</summary>
    public sealed class SqliteTestDatabase : TestDatabase
    {
        private readonly TempDirectory _directory = new();

        /// <summary>Fresh and shared SQLite databases.</summary>
        public static TestDatabaseSource Source { get; } = new(() => Task.FromResult<TestDatabase>(new SqliteTestDatabase()));

        public string DatabasePath => Path.Combine(_directory.Path, "simpleim.db");

        public override IStorageProvider OpenProvider() => StorageProviderFactory.CreateSqlite(DatabasePath);

        public override async Task ExecuteAsync(string sql)
        {
            await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
            await connection.OpenAsync();
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        public override ValueTask DisposeAsync()
        {
            _directory.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
