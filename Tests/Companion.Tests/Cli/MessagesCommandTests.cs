using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Cli;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Support;

namespace SimpleImGateway.Companion.Tests.Cli
{
    [TestClass]
    public sealed class MessagesCommandTests
    {
        private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-05-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        private TempDirectory _temp = null!;

        private string DataDir => _temp.Combine("data");

        [TestInitialize]
        public void CreateTemp() => _temp = new TempDirectory();

        [TestCleanup]
        public void DeleteTemp() => _temp.Dispose();

        [TestMethod]
        public async Task List_AllMessages_OneTabSeparatedLineEachInDeliveryOrder()
        {
            long first = await StoreAsync("sip:bob@simpleim.test", "hi bob", 0);
            long second = await StoreAsync("sip:alice@simpleim.test", "hi alice", 5);

            CliResult result = await CliRunner.RunAsync("messages", "list", "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            Assert.AreEqual(
                $"{second}\tsip:alice@simpleim.test\tTom <sip:tom@simpleim.test>\t2026-05-01T10:00:05Z\t2026-05-08T10:00:05Z\t0\ttext/plain\t8\n" +
                $"{first}\tsip:bob@simpleim.test\tTom <sip:tom@simpleim.test>\t2026-05-01T10:00:00Z\t2026-05-08T10:00:00Z\t0\ttext/plain\t6\n",
                result.Output.ReplaceLineEndings("\n"));
        }

        [TestMethod]
        [DataRow("bob")]
        [DataRow("sip:bob@SIMPLEIM.test")]
        public async Task List_OneUser_OnlyTheirMessages(string user)
        {
            await StoreAsync("sip:bob@simpleim.test", "for bob", 0);
            await StoreAsync("sip:alice@simpleim.test", "for alice", 1);

            CliResult result = await CliRunner.RunAsync("messages", "list", "--user", user, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            string[] lines = result.Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
            Assert.AreEqual(1, lines.Length, result.Output);
            StringAssert.Contains(lines[0], "\tsip:bob@simpleim.test\t");
        }

        [TestMethod]
        public async Task List_NothingStored_PrintsNothing()
        {
            CliResult result = await CliRunner.RunAsync("messages", "list", "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            Assert.AreEqual(string.Empty, result.Output);
        }

        [TestMethod]
        public async Task Purge_User_DeletesOnlyTheirMessagesAndSaysHowMany()
        {
            await StoreAsync("sip:bob@simpleim.test", "1", 0);
            await StoreAsync("sip:bob@simpleim.test", "2", 1);
            await StoreAsync("sip:alice@simpleim.test", "3", 2);

            CliResult result = await CliRunner.RunAsync("messages", "purge", "--user", "bob", "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            Assert.AreEqual("purged 2 message(s) for sip:bob@simpleim.test\n", result.Output.ReplaceLineEndings("\n"));
            await using IStorageProvider storage = await OpenAsync();
            Assert.AreEqual(0, await storage.Messages.CountAsync("sip:bob@simpleim.test"));
            Assert.AreEqual(1, await storage.Messages.CountAsync("sip:alice@simpleim.test"));
        }

        [TestMethod]
        public async Task Purge_WithoutUser_IsAUsageError()
        {
            CliResult result = await CliRunner.RunAsync("messages", "purge", "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Usage, result.ExitCode, result.ToString());
            StringAssert.Contains(result.Error, "--user");
        }

        [TestMethod]
        [DataRow("bad name")]
        [DataRow("sip:@simpleim.test")]
        public async Task Purge_InvalidUser_IsADataError(string user)
        {
            CliResult result = await CliRunner.RunAsync("messages", "purge", "--user", user, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
            Assert.AreEqual(1, result.ErrorLines.Length);
            StringAssert.StartsWith(result.Error, "simpleim: error: ");
        }

        private async Task<IStorageProvider> OpenAsync()
        {
            IStorageProvider storage = StorageProviderFactory.CreateSqlite(Path.Combine(DataDir, StorageOptions.SqliteFileName));
            await storage.MigrateAsync();
            return storage;
        }

        private async Task<long> StoreAsync(string recipient, string text, int second)
        {
            await using IStorageProvider storage = await OpenAsync();
            MessageStoreResult result = await storage.Messages.StoreAsync(new NewDeferredMessage
            {
                Sender = "Tom <sip:tom@simpleim.test>",
                Recipient = recipient,
                ContentType = "text/plain",
                Body = Encoding.UTF8.GetBytes(text),
                ArrivedAt = T0.AddSeconds(second),
                ExpiresAt = T0.AddSeconds(second).AddDays(7),
                DedupKey = "mid:" + Guid.NewGuid().ToString("N"),
            }, quota: 100);
            return result.MessageId;
        }
    }
}
