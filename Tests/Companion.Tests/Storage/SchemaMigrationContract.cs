using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Tests.Storage
{
    /// <summary>How every provider creates and upgrades its schema.</summary>
    public abstract class SchemaMigrationContract : StoreContractTestBase
    {
        // These tests change the schema_version table, which the shared database must not see.
        protected override bool NeedsOwnDatabase => true;

        [TestMethod]
        public async Task Migrate_Again_KeepsTheData()
        {
            await Storage.Users.AddAsync(new UserAccount("alice", "r", new string('0', 32), new string('0', 64), T0));

            await Storage.MigrateAsync();
            await ReopenAsync();

            Assert.IsNotNull(await Storage.Users.GetAsync("alice"));
        }

        [TestMethod]
        public async Task Migrate_DatabaseFromANewerBuild_ThrowsStorageUnavailable()
        {
            await Database.ExecuteAsync("INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'from the future', 0)");
            await using IStorageProvider provider = Database.OpenProvider();

            var e = await Assert.ThrowsExactlyAsync<StorageUnavailableException>(() => provider.MigrateAsync());

            StringAssert.Contains(e.Message, "schema version 999");
        }

        [TestMethod]
        public async Task Migrate_ConcurrentProviders_AllSucceed()
        {
            await using IStorageProvider a = Database.OpenProvider();
            await using IStorageProvider b = Database.OpenProvider();

            await Task.WhenAll(Task.Run(() => a.MigrateAsync()), Task.Run(() => b.MigrateAsync()));

            Assert.IsTrue(await a.Users.AddAsync(new UserAccount("x", "r", new string('0', 32), new string('0', 64), T0)));
        }
    }
}
