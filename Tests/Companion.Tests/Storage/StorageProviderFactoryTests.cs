using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Tests.Storage
{
    [TestClass]
    public sealed class StorageProviderFactoryTests
    {
        private const string Postgres = "Host=127.0.0.1;Port=5432;Database=simpleim;Username=u;Password=p";

        [TestMethod]
        [DataRow(null, null, "SQLite")]
        [DataRow(null, Postgres, "PostgreSQL")]
        [DataRow(StorageProviderKind.Sqlite, Postgres, "SQLite")]
        [DataRow(StorageProviderKind.Postgres, Postgres, "PostgreSQL")]
        public async Task Create_ProviderAndConnectionString_PicksTheExpectedDatabase(StorageProviderKind? provider, string? connectionString, string expected)
        {
            var options = new StorageOptions { Provider = provider, PostgresConnectionString = connectionString, DataDirectory = "/tmp/x" };

            await using IStorageProvider storage = StorageProviderFactory.Create(options);

            StringAssert.StartsWith(storage.Description, expected);
        }

        [TestMethod]
        public async Task Create_Sqlite_UsesTheFileInTheDataDirectory()
        {
            await using IStorageProvider storage = StorageProviderFactory.Create(new StorageOptions { DataDirectory = "/var/lib/simpleim" });

            Assert.AreEqual("SQLite database /var/lib/simpleim/simpleim.db", storage.Description);
        }
    }
}
