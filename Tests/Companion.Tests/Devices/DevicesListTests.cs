using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Cli;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Support;
using SimpleImGateway.Sip.Bodies.Pidf;

namespace SimpleImGateway.Companion.Tests.Devices
{
    [TestClass]
    public sealed class DevicesListTests
    {
        private const string Header = "NAME\tREGISTERED\tEXPIRES\tTRANSPORT\tCONTACT\tSOURCE\tAVAILABLE\tPASSWORD\n";

        private static readonly DateTimeOffset Paired = DateTimeOffset.Parse("2026-03-01T10:00:00Z");
        private static readonly DateTimeOffset Future = DateTimeOffset.Parse("2100-01-01T12:00:00Z");

        private TempDirectory _temp = null!;

        private string DataDir => _temp.Combine("data");

        [TestInitialize]
        public void CreateTemp() => _temp = new TempDirectory();

        [TestCleanup]
        public void DeleteTemp() => _temp.Dispose();

        [TestMethod]
        public async Task List_NoDevices_HeaderOnly()
        {
            await CliRunner.RunAsync("users", "add", "tom", "--password", "user-Password-9", "--data-dir", DataDir);

            CliResult result = await CliRunner.RunAsync("devices", "list", "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            Assert.AreEqual(Header, result.Output.ReplaceLineEndings("\n"));
        }

        [TestMethod]
        public async Task List_SeededStores_OneExactLinePerPairedDevice()
        {
            await using (IStorageProvider storage = await OpenAsync())
            {
                // bob: registered over UDP, publishes "available for IM".
                await storage.Users.AddAsync(Device("bob"));
                await storage.Bindings.UpsertAsync(Binding("bob", "sip:bob@192.168.1.23:5060", Future, "udp", "192.168.1.23:5060"));
                await storage.Presence.AddPublicationAsync(Publication("bob", "e1", available: true));

                // carol: never registered, no publication, a rotation pending.
                await storage.Users.AddAsync(Device("carol") with
                {
                    Pending = new PendingCredentials(new string('1', 32), new string('2', 64), DateTimeOffset.Parse("2026-03-02T08:30:00Z")),
                });

                // dave: two registrations over TCP (the later expiry is shown), publishes "not available"; one expired binding.
                await storage.Users.AddAsync(Device("dave"));
                await storage.Bindings.UpsertAsync(Binding("dave", "sip:dave@10.0.0.5:5060;transport=tcp", Future.AddHours(-1), "tcp", "10.0.0.5:40001"));
                await storage.Bindings.UpsertAsync(Binding("dave", "sip:dave@10.0.0.6:5060;transport=tcp", Future, "tcp", "10.0.0.6:40002"));
                await storage.Bindings.UpsertAsync(Binding("dave", "sip:dave@10.0.0.7:5060", DateTimeOffset.UtcNow.AddHours(-1), "udp", "10.0.0.7:5060"));
                await storage.Presence.AddPublicationAsync(Publication("dave", "e2", available: false));

                // tom: a plain user, registered, never listed.
                await storage.Users.AddAsync(new UserAccount("tom", "simpleim.test", new string('a', 32), new string('b', 64), Paired));
                await storage.Bindings.UpsertAsync(Binding("tom", "sip:tom@10.0.0.9:5060", Future, "udp", "10.0.0.9:5060"));
            }

            CliResult result = await CliRunner.RunAsync("devices", "list", "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            Assert.AreEqual(
                Header +
                "bob\tyes\t2100-01-01T12:00:00Z\tudp\tsip:bob@192.168.1.23:5060\t192.168.1.23:5060\tyes\tcurrent\n" +
                "carol\tno\t-\t-\t-\t-\t-\trotation pending since 2026-03-02T08:30:00Z\n" +
                "dave\tyes (2)\t2100-01-01T12:00:00Z\ttcp\tsip:dave@10.0.0.6:5060;transport=tcp\t10.0.0.6:40002\tno\tcurrent\n",
                result.Output.ReplaceLineEndings("\n"));
        }

        [TestMethod]
        public async Task List_AfterPair_ShowsTheNewDeviceUnregistered()
        {
            await CliRunner.RunAsync("devices", "pair", "bob", "--server", "10.0.0.1", "--data-dir", DataDir);

            CliResult result = await CliRunner.RunAsync("devices", "list", "--data-dir", DataDir);

            Assert.AreEqual(Header + "bob\tno\t-\t-\t-\t-\t-\tcurrent\n", result.Output.ReplaceLineEndings("\n"));
        }

        private static UserAccount Device(string name) =>
            new(name, "simpleim.test", new string('a', 32), new string('b', 64), Paired) { PairedAt = Paired };

        private static ContactBinding Binding(string user, string contact, DateTimeOffset expires, string transport, string source) => new()
        {
            Aor = $"sip:{user}@simpleim.test",
            ContactUri = contact,
            ExpiresAt = expires,
            CallId = "call-" + contact,
            CSeq = 1,
            Source = source,
            Transport = transport,
        };

        private static PresencePublication Publication(string user, string etag, bool available)
        {
            string entity = $"sip:{user}@simpleim.test";
            byte[] body = PidfWriter.Write(PresenceDocument.CreateForDevice(entity, user, open: true, availableForIm: available, contact: null, note: null));
            return new PresencePublication
            {
                ETag = etag,
                Presentity = entity,
                EventPackage = "presence",
                ExpiresAt = Future,
                ContentType = "application/pidf+xml",
                Body = body,
                PublishedAt = Paired,
            };
        }

        private async Task<IStorageProvider> OpenAsync()
        {
            IStorageProvider storage = StorageProviderFactory.CreateSqlite(Path.Combine(DataDir, "simpleim.db"));
            await storage.MigrateAsync();
            return storage;
        }
    }
}
