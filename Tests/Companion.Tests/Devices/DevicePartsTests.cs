using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Devices;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Support;
using SimpleImGateway.Firmware.Config;
using SimpleImGateway.Sip.Bodies.Pidf;

namespace SimpleImGateway.Companion.Tests.Devices
{
    [TestClass]
    public sealed class DevicePartsTests
    {
        [TestMethod]
        public void BoardProfiles_MatchTheBoardsFolder_TargetsAndTemplatePins()
        {
            string boardsDir = Path.Combine(RepoRoot.Path, "boards");
            string[] folders = Directory.GetDirectories(boardsDir).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToArray();

            CollectionAssert.AreEqual(folders, BoardProfile.All.Select(b => b.Name).Order(StringComparer.Ordinal).ToArray());
            foreach (BoardProfile board in BoardProfile.All)
            {
                string readme = File.ReadAllText(Path.Combine(boardsDir, board.Name, "README.md"));
                StringAssert.Contains(readme, $"--target {board.Target} ", board.Name);
                string template = File.ReadAllText(Path.Combine(boardsDir, board.Name, "simpleim.conf.template"));
                DeviceConfig pins = DeviceConfigParser.Parse(Regex.Replace(template, "<[A-Z0-9-]+>", "x1"));
                Assert.AreEqual(board.LedPin, pins.LedPin, board.Name);
                Assert.AreEqual(board.LedActiveHigh, pins.LedActiveHigh, board.Name);
                Assert.AreEqual(board.ButtonPin, pins.ButtonPin, board.Name);
            }
        }

        [TestMethod]
        public void Passwords_Generated_24Base62CharactersAndDistinct()
        {
            string[] passwords = Enumerable.Range(0, 200).Select(_ => DevicePasswords.Generate()).ToArray();

            Assert.IsTrue(passwords.All(p => p.Length == 24 && p.All(char.IsAsciiLetterOrDigit)));
            Assert.AreEqual(passwords.Length, passwords.Distinct(StringComparer.Ordinal).Count());

            // Every character of the alphabet turns up in 4800 draws (the chance that one does not is below 1e-30).
            string all = string.Concat(passwords);
            Assert.IsTrue(DevicePasswords.Alphabet.All(c => all.Contains(c)), "some characters never drawn");
        }

        [TestMethod]
        [DataRow("bob", null)]
        [DataRow("kitchen-pager.2_b", null)]
        [DataRow("", "the device name is empty")]
        [DataRow("-bob", "the device name '-bob' must start with a letter or digit")]
        [DataRow("bo b", "the device name 'bo b' contains ' '; use letters, digits, '-', '.' and '_'")]
        [DataRow("a/b", "the device name 'a/b' contains '/'; use letters, digits, '-', '.' and '_'")]
        public void DeviceNames_Validate(string name, string? expected)
        {
            Assert.AreEqual(expected, DeviceNames.Validate(name));
        }

        [TestMethod]
        public void DeviceNames_TooLong_Refused()
        {
            Assert.AreEqual("the device name is longer than 64 characters", DeviceNames.Validate(new string('a', 65)));
            Assert.IsNull(DeviceNames.Validate(new string('a', 64)));
        }

        [TestMethod]
        public void DeployJson_WindowsPath_BackslashesEscaped()
        {
            Assert.AreEqual(
                "{\n  \"files\": [\n    {\n      \"DestinationFilePath\": \"I:\\\\simpleim.conf\",\n      \"SourceFilePath\": \"C:\\\\work\\\\bob\\\\simpleim.conf\"\n    }\n  ]\n}\n",
                DeviceFiles.DeployJson(@"C:\work\bob\simpleim.conf"));
        }

        [TestMethod]
        public void DeployJson_SameShapeAsTheBoardTemplate()
        {
            string template = File.ReadAllText(Path.Combine(RepoRoot.Path, "boards", "esp32-devkitc", "deploy.json.template")).ReplaceLineEndings("\n");

            Assert.AreEqual(template.TrimEnd('\n'), DeviceFiles.DeployJson("<ABSOLUTE-PATH-OF-YOUR>/simpleim.conf").TrimEnd('\n'));
        }

        [TestMethod]
        public void WriteSecret_ExistingFile_ReplacedOwnerOnlyWithoutLeftovers()
        {
            using var temp = new TempDirectory();
            string path = temp.Combine("simpleim.conf");
            File.WriteAllText(path, "old contents that are longer than the new ones");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            DeviceFiles.WriteSecret(path, "new\n");

            Assert.AreEqual("new\n", File.ReadAllText(path));
            CollectionAssert.AreEqual(new[] { path }, Directory.GetFiles(temp.Path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }

        [TestMethod]
        [DataRow("10.0.0.1", "10.0.0.1", 5060)]
        [DataRow("companion.lan:5070", "companion.lan", 5070)]
        [DataRow("10.0.0.1:1", "10.0.0.1", 1)]
        public void ServerAddress_WellFormed_Split(string value, string host, int port)
        {
            Assert.IsNull(DeviceServerAddress.TryParse(value, 5060, out string parsedHost, out int parsedPort));
            Assert.AreEqual(host, parsedHost);
            Assert.AreEqual(port, parsedPort);
        }

        [TestMethod]
        [DataRow("host:0")]
        [DataRow("host:65536")]
        [DataRow("host:+5")]
        [DataRow(":5060")]
        [DataRow("fe80::1")]
        public void ServerAddress_Malformed_Reason(string value)
        {
            StringAssert.StartsWith(DeviceServerAddress.TryParse(value, 5060, out _, out _), $"--server '{value}':");
        }

        [TestMethod]
        public void ServerAddress_ChooseSpecificIpv4_ThatAddressWithoutWarning()
        {
            Assert.AreEqual("192.168.7.2", DeviceServerAddress.Choose("192.168.7.2", out string? warning));
            Assert.IsNull(warning);
        }

        [TestMethod]
        public void ServerAddress_ChooseLoopback_LoopbackWithWarning()
        {
            Assert.AreEqual("127.0.0.1", DeviceServerAddress.Choose("127.0.0.1", out string? warning));
            StringAssert.Contains(warning, "only a simulator on this machine");
        }

        [TestMethod]
        public void ServerAddress_ChooseAnyAddress_AnIpv4AddressAndAWarningSayingWhich()
        {
            string? host = DeviceServerAddress.Choose("0.0.0.0", out string? warning);

            Assert.IsNotNull(host);
            Assert.IsTrue(System.Net.IPAddress.TryParse(host, out System.Net.IPAddress? address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork, host);
            StringAssert.Contains(warning, host);
        }

        [TestMethod]
        public void ServerAddress_ChooseIpv6_NoHost()
        {
            Assert.IsNull(DeviceServerAddress.Choose("2001:db8::1", out string? warning));
            StringAssert.Contains(warning, "pass --server HOST");
        }

        [TestMethod]
        public void IsAvailable_Publications_AnyAvailableWinsUnreadableIgnored()
        {
            PresencePublication open = Publication(available: true);
            PresencePublication closed = Publication(available: false);
            PresencePublication garbage = Publication(available: true) with { Body = "<presence"u8.ToArray() };
            PresencePublication other = Publication(available: true) with { ContentType = "application/xpidf+xml" };

            Assert.AreEqual(true, DeviceInventory.IsAvailable([closed, open]));
            Assert.AreEqual(false, DeviceInventory.IsAvailable([closed]));
            Assert.AreEqual(false, DeviceInventory.IsAvailable([garbage, closed]));
            Assert.IsNull(DeviceInventory.IsAvailable([garbage, other]));
            Assert.IsNull(DeviceInventory.IsAvailable([]));
            Assert.AreEqual(true, DeviceInventory.IsAvailable([Publication(available: true) with { ContentType = "Application/PIDF+XML; charset=utf-8" }]));
        }

        private static PresencePublication Publication(bool available) => new()
        {
            ETag = "e",
            Presentity = "sip:bob@simpleim.test",
            EventPackage = "presence",
            ExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
            ContentType = "application/pidf+xml",
            Body = PidfWriter.Write(PresenceDocument.CreateForDevice("sip:bob@simpleim.test", "t1", true, available, null, null)),
            PublishedAt = DateTimeOffset.UtcNow,
        };
    }
}
