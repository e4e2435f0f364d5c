using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Cli;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Support;

namespace SimpleImGateway.Companion.Tests.Cli
{
    [TestClass]
    public sealed class WatchersCommandTests
    {
        private const string Bob = "sip:bob@simpleim.test";
        private const string Tom = "sip:tom@simpleim.test";
        private const string Ann = "sip:ann@simpleim.test";

        private TempDirectory _temp = null!;

        private string DataDir => _temp.Combine("data");

        [TestInitialize]
        public void CreateTemp() => _temp = new TempDirectory();

        [TestCleanup]
        public void DeleteTemp() => _temp.Dispose();

        [TestMethod]
        [DataRow("allow", WatcherDecision.Allow)]
        [DataRow("block", WatcherDecision.Block)]
        [DataRow("polite-block", WatcherDecision.PoliteBlock)]
        public async Task Set_StoresTheRuleAndSaysSo(string verb, WatcherDecision decision)
        {
            CliResult result = await CliRunner.RunAsync("watchers", verb, Bob, Tom, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            Assert.AreEqual($"{verb} {Tom} for {Bob}\n", result.Output.ReplaceLineEndings("\n"));
            CollectionAssert.AreEqual(new[] { new WatcherRule(Bob, Tom, decision) }, await ReadRulesAsync(Bob));
        }

        [TestMethod]
        public async Task Set_Again_ReplacesTheDecision()
        {
            await CliRunner.RunAsync("watchers", "block", Bob, Tom, "--data-dir", DataDir);

            await CliRunner.RunAsync("watchers", "allow", Bob, Tom, "--data-dir", DataDir);

            CollectionAssert.AreEqual(new[] { new WatcherRule(Bob, Tom, WatcherDecision.Allow) }, await ReadRulesAsync(Bob));
        }

        [TestMethod]
        public async Task Set_UrisAreCanonicalised()
        {
            CliResult result = await CliRunner.RunAsync("watchers", "allow", "sip:bob@SimpleIM.Test;transport=udp", "sip:tom@SIMPLEIM.test", "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            CollectionAssert.AreEqual(new[] { new WatcherRule(Bob, Tom, WatcherDecision.Allow) }, await ReadRulesAsync(Bob));
        }

        [TestMethod]
        public async Task Set_NotASipUri_FailsWithDataError()
        {
            CliResult result = await CliRunner.RunAsync("watchers", "allow", Bob, "tom", "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
            CollectionAssert.AreEqual(new[] { "simpleim: error: watcher 'tom' is not a sip URI with a user (e.g. sip:bob@simpleim.test)" }, result.ErrorLines);
        }

        [TestMethod]
        public async Task Remove_KnownRule_RemovesIt()
        {
            await CliRunner.RunAsync("watchers", "allow", Bob, Tom, "--data-dir", DataDir);

            CliResult result = await CliRunner.RunAsync("watchers", "remove", Bob, Tom, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            Assert.AreEqual($"removed the rule for {Tom} at {Bob}\n", result.Output.ReplaceLineEndings("\n"));
            Assert.AreEqual(0, (await ReadRulesAsync(Bob)).Length);
        }

        [TestMethod]
        public async Task Remove_UnknownRule_FailsWithDataError()
        {
            CliResult result = await CliRunner.RunAsync("watchers", "remove", Bob, Tom, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
            CollectionAssert.AreEqual(new[] { $"simpleim: error: no rule for {Tom} at {Bob}" }, result.ErrorLines);
        }

        [TestMethod]
        public async Task List_ThePresentitysRules_TabSeparatedByWatcher()
        {
            await CliRunner.RunAsync("watchers", "allow", Bob, Tom, "--data-dir", DataDir);
            await CliRunner.RunAsync("watchers", "polite-block", Bob, Ann, "--data-dir", DataDir);
            await CliRunner.RunAsync("watchers", "block", Tom, Bob, "--data-dir", DataDir);

            CliResult result = await CliRunner.RunAsync("watchers", "list", Bob, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            Assert.AreEqual($"{Ann}\tpolite-block\n{Tom}\tallow\n", result.Output.ReplaceLineEndings("\n"));
        }

        [TestMethod]
        public async Task UnknownDecision_IsAUsageError()
        {
            CliResult result = await CliRunner.RunAsync("watchers", "deny", Bob, Tom, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Usage, result.ExitCode, result.ToString());
        }

        private async Task<WatcherRule[]> ReadRulesAsync(string presentity)
        {
            await using IStorageProvider storage = StorageProviderFactory.CreateSqlite(System.IO.Path.Combine(DataDir, "simpleim.db"));
            await storage.MigrateAsync();
            return (await storage.Presence.ListWatcherRulesAsync(presentity)).ToArray();
        }
    }
}
