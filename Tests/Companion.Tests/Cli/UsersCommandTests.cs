using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Cli;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Support;

namespace SimpleImGateway.Companion.Tests.Cli
{
    [TestClass]
    public sealed class UsersCommandTests
    {
        private const string Password = "Zebra-Quartz-7731";

        // Computed outside .NET: printf 'alice:simpleim.test:Zebra-Quartz-7731' | md5sum (and sha256sum).
        private const string AliceMd5 = "7c6196c0e18981728f0f044dc22d8c01";
        private const string AliceSha256 = "beff760bb21b842209fe1eea641078ceb7afea349510717005f34bcc19a85ea5";

        // printf 'alice:example.org:Zebra-Quartz-7731' | md5sum (and sha256sum).
        private const string AliceExampleOrgMd5 = "e47a698c512623258e229a1da0bdbd11";
        private const string AliceExampleOrgSha256 = "ff814348aaad42dbdf1e42463b00cd92a6159409a48e5af725d5474266dc09f5";

        private TempDirectory _temp = null!;

        private string DataDir => _temp.Combine("data");

        [TestInitialize]
        public void CreateTemp() => _temp = new TempDirectory();

        [TestCleanup]
        public void DeleteTemp() => _temp.Dispose();

        [TestMethod]
        public async Task Add_NewUser_StoresHa1DigestsOfUserRealmPassword()
        {
            CliResult result = await CliRunner.RunAsync("users", "add", "alice", "--password", Password, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            Assert.AreEqual("added user alice (sip:alice@simpleim.test)\n", result.Output.ReplaceLineEndings("\n"));
            UserAccount alice = await ReadUserAsync("alice");
            Assert.AreEqual("simpleim.test", alice.Realm);
            Assert.AreEqual(AliceMd5, alice.Ha1Md5);
            Assert.AreEqual(AliceSha256, alice.Ha1Sha256);
        }

        [TestMethod]
        public async Task Add_NewUser_NeverWritesThePassword()
        {
            await CliRunner.RunAsync("users", "add", "alice", "--password", Password, "--data-dir", DataDir);

            foreach (string file in Directory.GetFiles(DataDir))
            {
                string bytes = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
                Assert.IsFalse(bytes.Contains(Password, StringComparison.Ordinal), $"password found in {file}");
            }
        }

        [TestMethod]
        public async Task Add_WithConfiguredDomain_UsesItAsRealm()
        {
            string config = ConfigFile.Write(_temp, """{ "Sip": { "Domain": "example.org" } }""");

            CliResult result = await CliRunner.RunAsync("users", "add", "alice", "-p", Password, "--data-dir", DataDir, "--config", config);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            UserAccount alice = await ReadUserAsync("alice");
            Assert.AreEqual("example.org", alice.Realm);
            Assert.AreEqual(AliceExampleOrgMd5, alice.Ha1Md5);
            Assert.AreEqual(AliceExampleOrgSha256, alice.Ha1Sha256);
        }

        [TestMethod]
        public async Task Add_ExistingUser_FailsWithDataErrorAndKeepsTheOldDigests()
        {
            await CliRunner.RunAsync("users", "add", "alice", "--password", Password, "--data-dir", DataDir);

            CliResult result = await CliRunner.RunAsync("users", "add", "alice", "--password", "other", "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
            CollectionAssert.AreEqual(new[] { "simpleim: error: user 'alice' already exists" }, result.ErrorLines);
            Assert.AreEqual(AliceMd5, (await ReadUserAsync("alice")).Ha1Md5);
        }

        [TestMethod]
        public async Task Add_InvalidName_FailsWithDataError()
        {
            CliResult result = await CliRunner.RunAsync("users", "add", "bob@evil", "--password", "x", "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
            StringAssert.StartsWith(result.Error, "simpleim: error: the user name 'bob@evil' contains '@'");
        }

        [TestMethod]
        public async Task Add_WithoutPassword_IsAUsageError()
        {
            CliResult result = await CliRunner.RunAsync("users", "add", "alice", "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Usage, result.ExitCode, result.ToString());
            StringAssert.Contains(result.Error, "--password");
        }

        [TestMethod]
        public async Task List_SeveralUsers_PrintsNameRealmAndTimeInNameOrder()
        {
            await CliRunner.RunAsync("users", "add", "tom", "--password", "a", "--data-dir", DataDir);
            await CliRunner.RunAsync("users", "add", "bob", "--password", "b", "--data-dir", DataDir);

            CliResult result = await CliRunner.RunAsync("users", "list", "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            string[] lines = result.Output.TrimEnd().ReplaceLineEndings("\n").Split('\n');
            Assert.AreEqual(2, lines.Length, result.Output);
            StringAssert.Matches(lines[0], new System.Text.RegularExpressions.Regex(@"^bob\tsimpleim\.test\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
            StringAssert.StartsWith(lines[1], "tom\tsimpleim.test\t");
        }

        [TestMethod]
        public async Task List_NoUsers_PrintsNothing()
        {
            CliResult result = await CliRunner.RunAsync("users", "list", "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            Assert.AreEqual(string.Empty, result.Output);
        }

        [TestMethod]
        public async Task Remove_ExistingUser_RemovesIt()
        {
            await CliRunner.RunAsync("users", "add", "alice", "--password", Password, "--data-dir", DataDir);

            CliResult result = await CliRunner.RunAsync("users", "remove", "alice", "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            await using IStorageProvider storage = await OpenAsync();
            Assert.IsNull(await storage.Users.GetAsync("alice"));
        }

        [TestMethod]
        public async Task Remove_UnknownUser_FailsWithNoSuchUser()
        {
            CliResult result = await CliRunner.RunAsync("users", "remove", "ghost", "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.NoSuchUser, result.ExitCode, result.ToString());
            CollectionAssert.AreEqual(new[] { "simpleim: error: no such user: ghost" }, result.ErrorLines);
        }

        [TestMethod]
        public async Task Add_WithPostgresConfigured_StoresTheUserInPostgres()
        {
            await using PostgresTestDatabase database = await PostgresTestDatabase.CreateAsync();
            string config = ConfigFile.Write(_temp, $$"""{ "Storage": { "PostgresConnectionString": "{{database.ConnectionString}}" } }""");

            CliResult result = await CliRunner.RunAsync("users", "add", "alice", "--password", Password, "--config", config, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            Assert.IsFalse(Directory.Exists(DataDir), "SQLite must not be used when PostgreSQL is configured");
            await using IStorageProvider storage = database.OpenProvider();
            UserAccount? alice = await storage.Users.GetAsync("alice");
            Assert.IsNotNull(alice);
            Assert.AreEqual(AliceSha256, alice.Ha1Sha256);
        }

        private async Task<IStorageProvider> OpenAsync()
        {
            IStorageProvider storage = StorageProviderFactory.CreateSqlite(Path.Combine(DataDir, "simpleim.db"));
            await storage.MigrateAsync();
            return storage;
        }

        private async Task<UserAccount> ReadUserAsync(string name)
        {
            await using IStorageProvider storage = await OpenAsync();
            UserAccount? account = await storage.Users.GetAsync(name);
            Assert.IsNotNull(account, $"user {name} not stored");
            return account;
        }
    }
}
