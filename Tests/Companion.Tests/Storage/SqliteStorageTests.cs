using System.IO;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Support;

namespace SimpleImGateway.Companion.Tests.Storage
{
    [TestClass]
    public sealed class SqliteStorageTests
    {
        [TestMethod]
        public async Task Migrate_NewFileInMissingDirectories_CreatesThemAndUsesWalJournal()
        {
            using var temp = new TempDirectory();
            string path = temp.Combine(Path.Combine("a", "b", "simpleim.db"));
            await using (IStorageProvider provider = StorageProviderFactory.CreateSqlite(path))
            {
                await provider.MigrateAsync();
            }

            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            Assert.AreEqual("wal", (string?)await command.ExecuteScalarAsync());
        }

        [TestMethod]
        public async Task Migrate_DataDirectoryIsAFile_ThrowsStorageUnavailableNamingThePath()
        {
            using var temp = new TempDirectory();
            string blocker = temp.Combine("data");
            await File.WriteAllTextAsync(blocker, "not a directory");
            await using IStorageProvider provider = StorageProviderFactory.CreateSqlite(Path.Combine(blocker, "simpleim.db"));

            var e = await Assert.ThrowsExactlyAsync<StorageUnavailableException>(() => provider.MigrateAsync());

            StringAssert.Contains(e.Message, blocker);
        }
    }
}
