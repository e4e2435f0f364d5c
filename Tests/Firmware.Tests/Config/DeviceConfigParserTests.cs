#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Firmware.Config;
using SimpleImGateway.Firmware.Pager;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Firmware.Ua;

namespace SimpleImGateway.Firmware.Tests.Config
{
    [TestClass]
    public class DeviceConfigParserTests
    {
        private const string Required =
            "sip.server = 192.168.1.10\n" +
            "sip.domain = simpleim.test\n" +
            "sip.user = bob\n" +
            "sip.password = Zq8wX1vB\n";

        [TestMethod]
        public void Parse_RequiredKeysOnly_ValuesSetAndDefaultsElsewhere()
        {
            DeviceConfig config = DeviceConfigParser.Parse(Required);

            Assert.AreEqual("192.168.1.10", config.SipServer);
            Assert.AreEqual("simpleim.test", config.Domain);
            Assert.AreEqual("bob", config.User);
            Assert.AreEqual("Zq8wX1vB", config.Password);
            Assert.AreEqual(5060, config.SipPort);
            Assert.AreEqual(SipTransport.Udp, config.Transport);
            Assert.AreEqual(5060, config.LocalPort);
            Assert.AreEqual(3600, config.RegisterExpiresSeconds);
            Assert.AreEqual(32, config.OutboxMaxCount);
            Assert.AreEqual(24 * 1024, config.OutboxMaxBytes);
            Assert.AreEqual("device", config.DeviceId);
            Assert.AreEqual(string.Empty, config.WifiSsid);
            Assert.AreEqual(string.Empty, config.WifiPassword);
            Assert.AreEqual(-1, config.LedPin);
            Assert.IsTrue(config.LedActiveHigh);
            Assert.AreEqual(-1, config.ButtonPin);
        }

        [TestMethod]
        public void Parse_EveryKey_EveryValueSet()
        {
            string text =
                "wifi.ssid = Home Net\n" +
                "wifi.password = correct horse\n" +
                "sip.server = companion.lan\n" +
                "sip.port = 5070\n" +
                "sip.transport = TCP\n" +
                "sip.local-port = 0\n" +
                "sip.user = kitchen-pager\n" +
                "sip.domain = example.org\n" +
                "sip.password = pw\n" +
                "sip.register-expires = 600\n" +
                "outbox.max-count = 8\n" +
                "outbox.max-bytes = 4096\n" +
                "device.id = kitchen.1\n" +
                "led.pin = 3\n" +
                "led.active-high = false\n" +
                "button.pin = 9\n";

            DeviceConfig config = DeviceConfigParser.Parse(text);

            Assert.AreEqual("Home Net", config.WifiSsid);
            Assert.AreEqual("correct horse", config.WifiPassword);
            Assert.AreEqual("companion.lan", config.SipServer);
            Assert.AreEqual(5070, config.SipPort);
            Assert.AreEqual(SipTransport.Tcp, config.Transport);
            Assert.AreEqual(0, config.LocalPort);
            Assert.AreEqual("kitchen-pager", config.User);
            Assert.AreEqual("example.org", config.Domain);
            Assert.AreEqual("pw", config.Password);
            Assert.AreEqual(600, config.RegisterExpiresSeconds);
            Assert.AreEqual(8, config.OutboxMaxCount);
            Assert.AreEqual(4096, config.OutboxMaxBytes);
            Assert.AreEqual("kitchen.1", config.DeviceId);
            Assert.AreEqual(3, config.LedPin);
            Assert.IsFalse(config.LedActiveHigh);
            Assert.AreEqual(9, config.ButtonPin);
        }

        [TestMethod]
        public void Parse_CommentsBlankLinesCrLfAndBom_Ignored()
        {
            string text = "\uFEFF# a comment\r\n\r\n   # indented comment\r\n\t\r\n" +
                "sip.server = 192.168.1.10\r\nsip.domain = simpleim.test\r\nsip.user = bob\r\nsip.password = Zq8wX1vB\r\n";

            DeviceConfig config = DeviceConfigParser.Parse(text);

            Assert.AreEqual("bob", config.User);
            Assert.AreEqual("Zq8wX1vB", config.Password);
        }

        [TestMethod]
        public void Parse_Utf8BytesWithBom_SameAsText()
        {
            byte[] body = Bytes("wifi.ssid = Caf\u00e9\n" + Required);
            var bytes = new byte[body.Length + 3];
            bytes[0] = 0xEF;
            bytes[1] = 0xBB;
            bytes[2] = 0xBF;
            System.Array.Copy(body, 0, bytes, 3, body.Length);

            DeviceConfig config = DeviceConfigParser.Parse(bytes, 0, bytes.Length);

            Assert.AreEqual("Caf\u00e9", config.WifiSsid);
            Assert.AreEqual("simpleim.test", config.Domain);
        }

        [TestMethod]
        public void Parse_ValueWithHashAndEquals_KeptWhole()
        {
            DeviceConfig config = DeviceConfigParser.Parse(Required + "wifi.password = a#b=c # d\n");

            Assert.AreEqual("a#b=c # d", config.WifiPassword);
        }

        [TestMethod]
        public void Parse_BlanksAroundKeyAndValue_Trimmed()
        {
            DeviceConfig config = DeviceConfigParser.Parse(Required + " \tsip.port\t=   5080 \t\n");

            Assert.AreEqual(5080, config.SipPort);
        }

        [TestMethod]
        public void Parse_EmptyWifiSsid_Accepted()
        {
            DeviceConfig config = DeviceConfigParser.Parse("wifi.ssid =\n" + Required);

            Assert.AreEqual(string.Empty, config.WifiSsid);
        }

        [TestMethod]
        [DataRow("sip.server 10.0.0.1\n", 0, 1, null)]
        [DataRow("# ok\n= 5060\n", 0, 2, null)]
        [DataRow("sip.port = 50\u000160\n", 0, 1, null)]
        [DataRow("sip.port = 5060\rsip.user = x\n", 0, 1, null)]
        [DataRow("sip.sever = 10.0.0.1\n", 1, 1, "sip.sever")]
        [DataRow("\n\nSIP.Port = 5060\n", 1, 3, "SIP.Port")]
        [DataRow("sip.port = 5060\nsip.port = 5061\n", 2, 2, "sip.port")]
        [DataRow("sip.port = abc\n", 4, 1, "sip.port")]
        [DataRow("sip.port = 0\n", 4, 1, "sip.port")]
        [DataRow("sip.port = 65536\n", 4, 1, "sip.port")]
        [DataRow("sip.port = +5060\n", 4, 1, "sip.port")]
        [DataRow("sip.port = 99999999999\n", 4, 1, "sip.port")]
        [DataRow("sip.transport = sctp\n", 4, 1, "sip.transport")]
        [DataRow("sip.local-port = -1\n", 4, 1, "sip.local-port")]
        [DataRow("sip.register-expires = 59\n", 4, 1, "sip.register-expires")]
        [DataRow("sip.register-expires = 86401\n", 4, 1, "sip.register-expires")]
        [DataRow("outbox.max-count = 0\n", 4, 1, "outbox.max-count")]
        [DataRow("outbox.max-bytes = 1023\n", 4, 1, "outbox.max-bytes")]
        [DataRow("device.id = has space\n", 4, 1, "device.id")]
        [DataRow("led.pin = 64\n", 4, 1, "led.pin")]
        [DataRow("button.pin = -2\n", 4, 1, "button.pin")]
        [DataRow("led.active-high = yes\n", 4, 1, "led.active-high")]
        [DataRow("wifi.ssid = 123456789012345678901234567890123\n", 4, 1, "wifi.ssid")]
        public void Parse_BadLineBeforeRequiredKeys_NamedErrorWithLine(string firstLines, int kind, int line, string key)
        {
            DeviceConfigException error = ParseError(firstLines + Required);

            Assert.AreEqual((DeviceConfigErrorKind)kind, error.Kind, error.Message);
            Assert.AreEqual(line, error.Line, error.Message);
            Assert.AreEqual(key, error.Key, error.Message);
            Assert.IsTrue(error.Message.IndexOf(DeviceConfigException.KindName(error.Kind) + " at line " + line + ": ") == 0, error.Message);
        }

        [TestMethod]
        [DataRow("sip.server", "sip.server = \n")]
        [DataRow("sip.server", "sip.server = my host\n")]
        [DataRow("sip.server", "sip.server = -host\n")]
        [DataRow("sip.domain", "sip.domain = <SIP-DOMAIN>\n")]
        [DataRow("sip.user", "sip.user = bob@home\n")]
        [DataRow("sip.user", "sip.user = \n")]
        [DataRow("sip.password", "sip.password =\n")]
        public void Parse_BadRequiredValue_BadValueAtItsLine(string key, string line)
        {
            string text = "# header\n";
            string[] requiredLines = Required.Split('\n');
            for (int i = 0; i < requiredLines.Length; i++)
            {
                if (requiredLines[i].Length > 0 && requiredLines[i].IndexOf(key + " ") != 0)
                {
                    text += requiredLines[i] + "\n";
                }
            }

            DeviceConfigException error = ParseError(text + line);

            Assert.AreEqual(DeviceConfigErrorKind.BadValue, error.Kind, error.Message);
            Assert.AreEqual(5, error.Line, error.Message);
            Assert.AreEqual(key, error.Key);
        }

        [TestMethod]
        public void Parse_UnknownKey_MessageNamesKeyAndLine()
        {
            DeviceConfigException error = ParseError(Required + "\nsip.sever = 10.0.0.1\n");

            Assert.AreEqual("UnknownKey at line 6: 'sip.sever' is not a key of simpleim.conf", error.Message);
        }

        [TestMethod]
        public void Parse_UpperCaseKey_MessageSuggestsLowerCase()
        {
            DeviceConfigException error = ParseError("SIP.Port = 5060\n" + Required);

            Assert.AreEqual("UnknownKey at line 1: 'SIP.Port' is not a key of simpleim.conf; keys are lower case: 'sip.port'", error.Message);
        }

        [TestMethod]
        public void Parse_DuplicateKey_MessageNamesBothLines()
        {
            DeviceConfigException error = ParseError(Required + "sip.user = alice\n");

            Assert.AreEqual("DuplicateKey at line 5: sip.user is set again; line 3 already sets it", error.Message);
            Assert.AreEqual("bob", error.PartialConfig.User);
        }

        [TestMethod]
        [DataRow("sip.server")]
        [DataRow("sip.domain")]
        [DataRow("sip.user")]
        [DataRow("sip.password")]
        public void Parse_RequiredKeyAbsent_MissingFieldWithoutLine(string key)
        {
            string text = string.Empty;
            string[] lines = Required.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length > 0 && lines[i].IndexOf(key + " ") != 0)
                {
                    text += lines[i] + "\n";
                }
            }

            DeviceConfigException error = ParseError(text);

            Assert.AreEqual(DeviceConfigErrorKind.MissingField, error.Kind);
            Assert.AreEqual(0, error.Line);
            Assert.AreEqual(key, error.Key);
            Assert.AreEqual("MissingField: " + key + " is required and no line sets it", error.Message);
        }

        [TestMethod]
        public void Parse_EmptyFile_MissingFieldServerFirst()
        {
            DeviceConfigException error = ParseError(string.Empty);

            Assert.AreEqual(DeviceConfigErrorKind.MissingField, error.Kind);
            Assert.AreEqual("sip.server", error.Key);
        }

        [TestMethod]
        public void Parse_InvalidUtf8OnLineTwo_EncodingAtLineTwo()
        {
            byte[] good = Bytes(Required);
            byte[] bad = Bytes("# ok\nwifi.ssid = X\n");
            bad[bad.Length - 2] = 0xFF;
            var bytes = new byte[bad.Length + good.Length];
            System.Array.Copy(bad, 0, bytes, 0, bad.Length);
            System.Array.Copy(good, 0, bytes, bad.Length, good.Length);

            DeviceConfigException error = ParseErrorBytes(bytes);

            Assert.AreEqual(DeviceConfigErrorKind.Encoding, error.Kind);
            Assert.AreEqual(2, error.Line);
            Assert.AreEqual("Encoding at line 2: the line is not valid UTF-8", error.Message);
        }

        [TestMethod]
        public void Parse_FileOverLimit_TooLarge()
        {
            var bytes = new byte[DeviceConfigParser.MaxFileBytes + 1];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)'#';
            }

            DeviceConfigException error = ParseErrorBytes(bytes);

            Assert.AreEqual(DeviceConfigErrorKind.TooLarge, error.Kind);
            Assert.AreEqual(0, error.Line);
            Assert.AreEqual("TooLarge: the file has 4097 bytes; at most 4096 are read", error.Message);
        }

        [TestMethod]
        public void Parse_LineOverLimit_Syntax()
        {
            string comment = "#";
            while (comment.Length <= DeviceConfigParser.MaxLineLength)
            {
                comment += "x";
            }

            DeviceConfigException error = ParseError(Required + comment + "\n");

            Assert.AreEqual(DeviceConfigErrorKind.Syntax, error.Kind);
            Assert.AreEqual(5, error.Line);
        }

        [TestMethod]
        public void Parse_ControlCharacter_MessageNamesCodePoint()
        {
            DeviceConfigException error = ParseError("sip.port = 50\u001b60\n" + Required);

            Assert.AreEqual("Syntax at line 1: the line holds the control character U+001B", error.Message);
        }

        [TestMethod]
        public void Parse_PasswordPlaceholder_MessageHidesValue()
        {
            DeviceConfigException error = ParseError("sip.server = 10.0.0.1\nsip.domain = d\nsip.user = u\nsip.password = <s3cret-looking>\n");

            Assert.AreEqual(DeviceConfigErrorKind.BadValue, error.Kind);
            Assert.AreEqual(4, error.Line);
            Assert.IsTrue(error.Message.IndexOf("s3cret") < 0, error.Message);
            Assert.AreEqual("BadValue at line 4: sip.password still holds the template placeholder <...>; put the real value there", error.Message);
        }

        [TestMethod]
        public void Parse_LongPassword_MessageHidesValue()
        {
            string password = "p";
            while (password.Length <= 128)
            {
                password += "Q";
            }

            DeviceConfigException error = ParseError("sip.password = " + password + "\nsip.server = a\nsip.domain = d\nsip.user = u\n");

            Assert.AreEqual(DeviceConfigErrorKind.BadValue, error.Kind);
            Assert.IsTrue(error.Message.IndexOf("pQQ") < 0, error.Message);
        }

        [TestMethod]
        public void Parse_BadPortMessage_NamesKeyRangeAndValue()
        {
            DeviceConfigException error = ParseError(Required + "sip.port = 5o60\n");

            Assert.AreEqual("BadValue at line 5: sip.port must be a whole number from 1 to 65535, not '5o60'", error.Message);
        }

        [TestMethod]
        public void Parse_TwoErrors_FirstReportedAndLaterLinesStillRead()
        {
            DeviceConfigException error = ParseError("sip.port = x\nbogus line\nled.pin = 2\nled.active-high = false\nbutton.pin = 0\n");

            Assert.AreEqual(DeviceConfigErrorKind.BadValue, error.Kind);
            Assert.AreEqual(1, error.Line);
            Assert.IsNotNull(error.PartialConfig);
            Assert.AreEqual(2, error.PartialConfig.LedPin);
            Assert.IsFalse(error.PartialConfig.LedActiveHigh);
            Assert.AreEqual(0, error.PartialConfig.ButtonPin);
        }

        [TestMethod]
        public void Parse_MissingField_PartialConfigHasPins()
        {
            DeviceConfigException error = ParseError("led.pin = 3\nsip.server = 10.0.0.1\n");

            Assert.AreEqual(DeviceConfigErrorKind.MissingField, error.Kind);
            Assert.AreEqual(3, error.PartialConfig.LedPin);
        }

        [TestMethod]
        public void KindName_EveryKind_DistinctDocumentedName()
        {
            string[] expected = { "Syntax", "UnknownKey", "DuplicateKey", "MissingField", "BadValue", "Encoding", "TooLarge", "Unreadable" };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], DeviceConfigException.KindName((DeviceConfigErrorKind)i));
            }

            Assert.AreEqual("Unknown", DeviceConfigException.KindName((DeviceConfigErrorKind)expected.Length));
        }

        [TestMethod]
        public void IsKey_EveryListedKey_True()
        {
            string[] keys = DeviceConfigKeys.All;
            Assert.AreEqual(16, keys.Length);
            for (int i = 0; i < keys.Length; i++)
            {
                Assert.IsTrue(DeviceConfigParser.IsKey(keys[i]), keys[i]);
            }

            Assert.IsFalse(DeviceConfigParser.IsKey("sip.Server"));
        }

        [TestMethod]
        public void CreateOutboxOptions_FromParsedLimits_CarriesThem()
        {
            DeviceConfig config = DeviceConfigParser.Parse(Required + "outbox.max-count = 5\noutbox.max-bytes = 2048\ndevice.id = pager-7\n");

            PagerOptions options = config.CreateOutboxOptions("outbox.jnl");

            Assert.AreEqual("outbox.jnl", options.FileName);
            Assert.AreEqual(5, options.MaxCount);
            Assert.AreEqual(2048, options.MaxBytes);
            Assert.AreEqual("pager-7", options.DeviceId);
        }

        [TestMethod]
        public void CreateUserAgentSettings_FromParsedFile_CarriesAccountServerExpiryAndLimits()
        {
            DeviceConfig config = DeviceConfigParser.Parse(
                Required + "sip.port = 5070\nsip.register-expires = 600\ndevice.id = pager-7\noutbox.max-count = 5\noutbox.max-bytes = 2048\n");

            UserAgentSettings settings = config.CreateUserAgentSettings();

            Assert.AreEqual("bob", settings.User);
            Assert.AreEqual("simpleim.test", settings.Domain);
            Assert.AreEqual("Zq8wX1vB", settings.Password);
            Assert.AreEqual("192.168.1.10", settings.ServerHost);
            Assert.AreEqual(5070, settings.ServerPort);
            Assert.AreEqual(600, settings.RegisterExpiresSeconds);
            Assert.AreEqual("pager-7", settings.DeviceId);
            Assert.AreEqual("outbox.jnl", settings.OutboxOptions.FileName);
            Assert.AreEqual(5, settings.OutboxOptions.MaxCount);
            Assert.AreEqual(2048, settings.OutboxOptions.MaxBytes);
            Assert.AreEqual("sip:bob@simpleim.test", settings.AddressOfRecord);
            settings.Validate();
        }

        internal static byte[] Bytes(string text)
        {
            return SimpleImGateway.Sip.Text.Utf8.Encode(text);
        }

        private static DeviceConfigException ParseError(string text)
        {
            DeviceConfigException fromText = null;
            try
            {
                DeviceConfigParser.Parse(text);
            }
            catch (DeviceConfigException e)
            {
                fromText = e;
            }

            Assert.IsNotNull(fromText, "no error for:\n" + text);

            // The byte entry point must agree with the text one.
            byte[] bytes = Bytes(text);
            DeviceConfigException fromBytes = ParseErrorBytes(bytes);
            Assert.AreEqual(fromText.Message, fromBytes.Message);
            return fromText;
        }

        private static DeviceConfigException ParseErrorBytes(byte[] bytes)
        {
            DeviceConfigException caught = null;
            try
            {
                DeviceConfigParser.Parse(bytes, 0, bytes.Length);
            }
            catch (DeviceConfigException e)
            {
                caught = e;
            }

            Assert.IsNotNull(caught, "no error");
            return caught;
        }
    }
}
