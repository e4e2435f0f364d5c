using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Cli;
using SimpleImGateway.Companion.Devices;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Support;
using SimpleImGateway.Firmware.Config;
using SimpleImGateway.Sip.Auth;
using DeviceTransport = SimpleImGateway.Firmware.Platform.SipTransport;
using DigestHa1 = SimpleImGateway.Companion.Accounts.DigestHa1;

namespace SimpleImGateway.Companion.Tests.Devices
{
    [TestClass]
    public sealed class DevicesCommandTests
    {
        private const string Realm = "simpleim.test";

        private TempDirectory _temp = null!;

        private string DataDir => _temp.Combine("data");

        private string BobDir => Path.Combine(DataDir, "devices", "bob");

        private string BobConfig => Path.Combine(BobDir, "simpleim.conf");

        private string BobDeploy => Path.Combine(BobDir, "deploy.json");

        [TestInitialize]
        public void CreateTemp() => _temp = new TempDirectory();

        [TestCleanup]
        public void DeleteTemp() => _temp.Dispose();

        [TestMethod]
        public async Task Pair_NewDevice_WritesConfigAndCreatesUserWhoseHa1MatchesThePassword()
        {
            CliResult result = await RunAsync("devices", "pair", "bob", "--server", "192.168.1.10:5070", "--transport", "tcp", "--board", "esp32-c3");

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            Assert.AreEqual(string.Empty, result.Error);
            DeviceConfig config = ReadConfig(BobConfig);
            Assert.AreEqual("192.168.1.10", config.SipServer);
            Assert.AreEqual(5070, config.SipPort);
            Assert.AreEqual(DeviceTransport.Tcp, config.Transport);
            Assert.AreEqual(5060, config.LocalPort);
            Assert.AreEqual("bob", config.User);
            Assert.AreEqual(Realm, config.Domain);
            Assert.AreEqual("bob", config.DeviceId);
            Assert.AreEqual(3600, config.RegisterExpiresSeconds);
            Assert.AreEqual(3, config.LedPin);
            Assert.AreEqual(9, config.ButtonPin);
            Assert.AreEqual(string.Empty, config.WifiSsid);
            Assert.AreEqual(DevicePasswords.Length, config.Password.Length);
            Assert.IsTrue(config.Password.All(c => DevicePasswords.Alphabet.Contains(c)), config.Password);

            UserAccount bob = await ReadUserAsync("bob");
            Assert.AreEqual(Realm, bob.Realm);
            Assert.AreEqual(DigestHa1.Md5("bob", Realm, config.Password), bob.Ha1Md5);
            Assert.AreEqual(DigestHa1.Sha256("bob", Realm, config.Password), bob.Ha1Sha256);
            Assert.IsNotNull(bob.PairedAt);
            Assert.IsNull(bob.Pending);
        }

        [TestMethod]
        public async Task Pair_NewDevice_NeverPrintsThePassword()
        {
            CliResult result = await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1");

            string password = ReadConfig(BobConfig).Password;
            Assert.IsFalse(result.Output.Contains(password, StringComparison.Ordinal), result.Output);
            Assert.IsFalse(result.Error.Contains(password, StringComparison.Ordinal), result.Error);
        }

        [TestMethod]
        public async Task Pair_ShowPassword_PrintsThePasswordOfTheFile()
        {
            CliResult result = await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1", "--show-password");

            StringAssert.Contains(result.Output, "  password    " + ReadConfig(BobConfig).Password + "\n");
        }

        [TestMethod]
        public async Task Pair_NewDevice_DeployJsonUploadsTheConfigToDriveI()
        {
            await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1");

            string expected =
                "{\n" +
                "  \"files\": [\n" +
                "    {\n" +
                "      \"DestinationFilePath\": \"I:\\\\simpleim.conf\",\n" +
                "      \"SourceFilePath\": \"" + BobConfig.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"\n" +
                "    }\n" +
                "  ]\n" +
                "}\n";
            Assert.AreEqual(expected, await File.ReadAllTextAsync(BobDeploy));
        }

        [TestMethod]
        public async Task Pair_NewDevice_FilesReadableByOwnerOnly()
        {
            if (OperatingSystem.IsWindows())
            {
                Assert.Inconclusive("Unix permissions only");
            }

            await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1");

            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(BobConfig));
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(BobDeploy));
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(BobDir));
            CollectionAssert.AreEquivalent(new[] { "deploy.json", "simpleim.conf" }, Directory.GetFiles(BobDir).Select(Path.GetFileName).ToArray());
        }

        [TestMethod]
        public async Task Pair_WithBoard_PrintsTheExactNanoffCommandsForThatBoardOnly()
        {
            CliResult result = await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1", "--board", "esp32-wrover", "--serial-port", "/dev/ttyUSB1");

            string output = result.Output.ReplaceLineEndings("\n");
            StringAssert.Contains(output, "  esp32-wrover (image ESP32_PSRAM_REV0; boards/esp32-wrover/README.md):\n");
            StringAssert.Contains(output, $"    nanoff --serialport /dev/ttyUSB1 --filedeployment {BobDeploy}\n");
            StringAssert.Contains(output, $"    nanoff deploy file {BobDeploy} serialport /dev/ttyUSB1    # newer nanoff\n");
            Assert.IsFalse(output.Contains("esp32-c3", StringComparison.Ordinal), output);
            StringAssert.Contains(output, "  pins        esp32-wrover: led.pin = 2, button.pin = 0\n");
        }

        [TestMethod]
        public async Task Pair_WithoutBoard_PrintsCommandsForEveryBoardInTheBoardsFolder()
        {
            CliResult result = await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1");

            string[] boards = Directory.GetDirectories(Path.Combine(RepoRoot.Path, "boards")).Select(Path.GetFileName).ToArray()!;
            Assert.IsTrue(boards.Length >= 3);
            foreach (string board in boards)
            {
                StringAssert.Contains(result.Output, $"  {board} (image ", board);
            }

            Assert.AreEqual(boards.Length, result.Output.Split('\n').Count(l => l.StartsWith("    nanoff --serialport ", StringComparison.Ordinal)));
            Assert.AreEqual(-1, ReadConfig(BobConfig).LedPin);
        }

        [TestMethod]
        public async Task Pair_WifiAndOut_WrittenWhereAsked()
        {
            string output = _temp.Combine("pager files");

            CliResult result = await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1", "--out", output, "--wifi-ssid", "Home Net", "--wifi-password", "correct horse");

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            DeviceConfig config = ReadConfig(Path.Combine(output, "simpleim.conf"));
            Assert.AreEqual("Home Net", config.WifiSsid);
            Assert.AreEqual("correct horse", config.WifiPassword);
            Assert.IsTrue(File.Exists(Path.Combine(output, "deploy.json")));
            Assert.IsFalse(Directory.Exists(BobDir));
        }

        [TestMethod]
        public async Task Pair_NoServerCoreOnLoopback_UsesTheCoreAddressWarnsAndFreesTheLocalPort()
        {
            string settings = ConfigFile.Write(_temp, """{ "Core": { "Address": "127.0.0.1", "Port": 5099 } }""");

            CliResult result = await RunAsync("devices", "pair", "bob", "--config", settings);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            DeviceConfig config = ReadConfig(BobConfig);
            Assert.AreEqual("127.0.0.1", config.SipServer);
            Assert.AreEqual(5099, config.SipPort);
            Assert.AreEqual(0, config.LocalPort);
            StringAssert.StartsWith(result.Error, "simpleim: warning: the Core listens on 127.0.0.1 only");
        }

        [TestMethod]
        public async Task Pair_NoServerCoreOnSpecificAddress_UsesIt()
        {
            string settings = ConfigFile.Write(_temp, """{ "Core": { "Address": "10.1.2.3", "Port": 5062 } }""");

            CliResult result = await RunAsync("devices", "pair", "bob", "--config", settings);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            Assert.AreEqual(string.Empty, result.Error);
            Assert.AreEqual("10.1.2.3", ReadConfig(BobConfig).SipServer);
            Assert.AreEqual(5062, ReadConfig(BobConfig).SipPort);
        }

        [TestMethod]
        public async Task Pair_ServerWithoutPort_TakesTheCorePort()
        {
            string settings = ConfigFile.Write(_temp, """{ "Core": { "Port": 5077 } }""");

            await RunAsync("devices", "pair", "bob", "--config", settings, "--server", "companion.lan");

            Assert.AreEqual("companion.lan", ReadConfig(BobConfig).SipServer);
            Assert.AreEqual(5077, ReadConfig(BobConfig).SipPort);
        }

        [TestMethod]
        public async Task Pair_ExistingDevice_RefusedAndNothingChanges()
        {
            await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1");
            string before = await File.ReadAllTextAsync(BobConfig);
            UserAccount account = await ReadUserAsync("bob");

            CliResult result = await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1");

            Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
            Assert.AreEqual("simpleim: error: device 'bob' is already paired; use --rotate to issue a new password\n", result.Error.ReplaceLineEndings("\n"));
            Assert.AreEqual(before, await File.ReadAllTextAsync(BobConfig));
            Assert.AreEqual(account, await ReadUserAsync("bob"));
        }

        [TestMethod]
        public async Task Pair_NameOfPlainUser_RefusedAndNoFilesWritten()
        {
            await RunAsync("users", "add", "bob", "--password", "user-Password-9");

            CliResult result = await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1");

            Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
            StringAssert.Contains(result.Error, "a user named 'bob' exists");
            Assert.IsFalse(Directory.Exists(BobDir));
            Assert.IsNull((await ReadUserAsync("bob")).PairedAt);
        }

        [TestMethod]
        [DataRow("../evil")]
        [DataRow("bob@home")]
        [DataRow(".hidden")]
        public async Task Pair_InvalidName_RefusedAndNothingWritten(string name)
        {
            CliResult result = await RunAsync("devices", "pair", name, "--server", "10.0.0.1");

            Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
            StringAssert.StartsWith(result.Error, "simpleim: error: the device name '" + name + "'");
            Assert.IsFalse(Directory.Exists(Path.Combine(DataDir, "devices")));
            Assert.IsFalse(Directory.Exists(_temp.Combine("evil")));
        }

        [TestMethod]
        public async Task Pair_BadServerHost_RefusedWithTheFormatRuleAndNoAccount()
        {
            CliResult result = await RunAsync("devices", "pair", "bob", "--server", "bad_host");

            Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
            StringAssert.StartsWith(result.Error, "simpleim: error: cannot write the device configuration: sip.server must be a host name or an IPv4 address");
            Assert.IsNull(await TryReadUserAsync("bob"));
            Assert.IsFalse(Directory.Exists(BobDir));
        }

        [TestMethod]
        [DataRow("host:99999")]
        [DataRow("host:")]
        [DataRow("[::1]:5060")]
        public async Task Pair_BadServerPort_Refused(string server)
        {
            CliResult result = await RunAsync("devices", "pair", "bob", "--server", server);

            Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
            StringAssert.StartsWith(result.Error, $"simpleim: error: --server '{server}'");
        }

        [TestMethod]
        public async Task Pair_UnknownBoardOrTransport_UsageError()
        {
            Assert.AreEqual(ExitCodes.Usage, (await RunAsync("devices", "pair", "bob", "--board", "esp8266")).ExitCode);
            Assert.AreEqual(ExitCodes.Usage, (await RunAsync("devices", "pair", "bob", "--transport", "sctp")).ExitCode);
        }

        [TestMethod]
        public async Task Rotate_PairedDevice_OldPasswordWorksUntilTheNewOneIsUsedThenFails()
        {
            await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1");
            string oldPassword = ReadConfig(BobConfig).Password;

            CliResult result = await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1", "--rotate");

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            StringAssert.StartsWith(result.Output, "issued a new password for device bob (sip:bob@simpleim.test); the old one works until the device registers with the new one\n");
            string newPassword = ReadConfig(BobConfig).Password;
            Assert.AreNotEqual(oldPassword, newPassword);
            UserAccount stored = await ReadUserAsync("bob");
            Assert.AreEqual(DigestHa1.Md5("bob", Realm, oldPassword), stored.Ha1Md5);
            Assert.AreEqual(DigestHa1.Md5("bob", Realm, newPassword), stored.Pending!.Ha1Md5);
            Assert.AreEqual(DigestHa1.Sha256("bob", Realm, newPassword), stored.Pending.Ha1Sha256);

            await using IStorageProvider storage = await OpenAsync();
            var verifier = new UserCredentialVerifier(storage.Users);
            var digest = new DigestTestClient();
            Assert.AreEqual(DigestVerifyResult.Ok, (await Verify(verifier, digest, oldPassword)).Result, "old, before the new one was used");
            Assert.AreEqual(DigestVerifyResult.Ok, (await Verify(verifier, digest, oldPassword)).Result, "old, again");
            CredentialVerification first = await Verify(verifier, digest, newPassword);
            Assert.IsTrue(first.IsOk && first.UsedPending && first.Promoted, first.ToString());
            Assert.AreEqual(DigestVerifyResult.BadResponse, (await Verify(verifier, digest, oldPassword)).Result, "old, after the new one was used");
            Assert.AreEqual(DigestVerifyResult.Ok, (await Verify(verifier, digest, newPassword)).Result, "new, again");
        }

        [TestMethod]
        public async Task Rotate_Twice_OnlyTheLatestPendingPasswordIsAccepted()
        {
            await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1");
            string first = ReadConfig(BobConfig).Password;
            await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1", "--rotate");
            string second = ReadConfig(BobConfig).Password;
            await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1", "--rotate");
            string third = ReadConfig(BobConfig).Password;

            await using IStorageProvider storage = await OpenAsync();
            var verifier = new UserCredentialVerifier(storage.Users);
            var digest = new DigestTestClient();
            Assert.AreEqual(DigestVerifyResult.BadResponse, (await Verify(verifier, digest, second)).Result);
            Assert.AreEqual(DigestVerifyResult.Ok, (await Verify(verifier, digest, first)).Result);
            Assert.IsTrue((await Verify(verifier, digest, third)).Promoted);
        }

        [TestMethod]
        public async Task Rotate_UnknownDevice_NoSuchUser()
        {
            CliResult result = await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1", "--rotate");

            Assert.AreEqual(ExitCodes.NoSuchUser, result.ExitCode, result.ToString());
            Assert.AreEqual("simpleim: error: no paired device 'bob' to rotate; pair it without --rotate\n", result.Error.ReplaceLineEndings("\n"));
            Assert.IsFalse(Directory.Exists(BobDir));
        }

        [TestMethod]
        public async Task Rotate_PlainUser_RefusedAndUntouched()
        {
            await RunAsync("users", "add", "tom", "--password", "user-Password-9");

            CliResult result = await RunAsync("devices", "pair", "tom", "--server", "10.0.0.1", "--rotate");

            Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
            Assert.IsNull((await ReadUserAsync("tom")).Pending);
        }

        [TestMethod]
        public async Task Unpair_PairedDevice_RemovesAccountAndOnlyItsRegistrations()
        {
            await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1");
            string password = ReadConfig(BobConfig).Password;
            await using (IStorageProvider seed = await OpenAsync())
            {
                await seed.Bindings.UpsertAsync(Binding("sip:bob@simpleim.test", "sip:bob@10.0.0.7:5060"));
                await seed.Bindings.UpsertAsync(Binding("sip:bob@simpleim.test", "sip:bob@10.0.0.8:5060"));
                await seed.Bindings.UpsertAsync(Binding("sip:alice@simpleim.test", "sip:alice@10.0.0.9:5060"));
            }

            CliResult result = await RunAsync("devices", "unpair", "bob");

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            Assert.AreEqual(
                "unpaired device bob: removed its account and 2 registrations\n" +
                $"{BobDir} holds a password that no longer works; delete it when you no longer need it\n",
                result.Output.ReplaceLineEndings("\n"));
            await using IStorageProvider storage = await OpenAsync();
            Assert.IsNull(await storage.Users.GetAsync("bob"));
            Assert.AreEqual(0, (await storage.Bindings.ListLiveAsync("sip:bob@simpleim.test", DateTimeOffset.UtcNow)).Count);
            Assert.AreEqual(1, (await storage.Bindings.ListLiveAsync("sip:alice@simpleim.test", DateTimeOffset.UtcNow)).Count);

            // What the registrar then sees for the device's next REGISTER: no account, so it answers 403 (or 401).
            var digest = new DigestTestClient();
            Assert.AreEqual(DigestVerifyResult.UnknownUser, (await Verify(new UserCredentialVerifier(storage.Users), digest, password)).Result);
        }

        [TestMethod]
        public async Task Unpair_UnknownDevice_NoSuchUser()
        {
            CliResult result = await RunAsync("devices", "unpair", "ghost");

            Assert.AreEqual(ExitCodes.NoSuchUser, result.ExitCode, result.ToString());
            Assert.AreEqual("simpleim: error: no such device: ghost\n", result.Error.ReplaceLineEndings("\n"));
        }

        [TestMethod]
        public async Task Unpair_PlainUser_RefusedAndKept()
        {
            await RunAsync("users", "add", "tom", "--password", "user-Password-9");

            CliResult result = await RunAsync("devices", "unpair", "tom");

            Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
            Assert.AreEqual("simpleim: error: 'tom' is a user, not a paired device; use 'users remove tom'\n", result.Error.ReplaceLineEndings("\n"));
            Assert.IsNotNull(await TryReadUserAsync("tom"));
        }

        [TestMethod]
        public async Task Unpair_ThenPairAgain_Allowed()
        {
            await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1");
            await RunAsync("devices", "unpair", "bob");

            CliResult result = await RunAsync("devices", "pair", "bob", "--server", "10.0.0.1");

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        }

        private static ContactBinding Binding(string aor, string contact) => new()
        {
            Aor = aor,
            ContactUri = contact,
            ExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
            CallId = "call-" + contact,
            CSeq = 1,
            Source = "10.0.0.7:5060",
            Transport = "udp",
        };

        private static DeviceConfig ReadConfig(string path)
        {
            byte[] bytes = File.ReadAllBytes(path);
            return DeviceConfigParser.Parse(bytes, 0, bytes.Length);
        }

        private static Task<CredentialVerification> Verify(UserCredentialVerifier verifier, DigestTestClient digest, string password) =>
            verifier.VerifyAsync(digest.Server, digest.Answer("bob", password), "REGISTER", DigestTestClient.RequestUri, digest.Now);

        private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync([.. args, "--data-dir", DataDir]);

        private async Task<IStorageProvider> OpenAsync()
        {
            IStorageProvider storage = StorageProviderFactory.CreateSqlite(Path.Combine(DataDir, "simpleim.db"));
            await storage.MigrateAsync();
            return storage;
        }

        private async Task<UserAccount?> TryReadUserAsync(string name)
        {
            await using IStorageProvider storage = await OpenAsync();
            return await storage.Users.GetAsync(name);
        }

        private async Task<UserAccount> ReadUserAsync(string name)
        {
            UserAccount? account = await TryReadUserAsync(name);
            Assert.IsNotNull(account, $"user {name} not stored");
            return account;
        }
    }
}
