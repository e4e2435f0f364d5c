#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Firmware.Config;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Tests.Config
{
    [TestClass]
    public class DeviceConfigWriterTests
    {
        private const string ExpectedFull =
            "# Paired with the companion.\n" +
            "#\n" +
            "# Keep this file secret.\n" +
            "# Format: docs/device-config.md. One \"key = value\" per line; '#' starts a comment line.\n" +
            "\n" +
            "# Wi-Fi. An empty wifi.ssid uses the network stored on the device (nanoff --networkdeployment).\n" +
            "wifi.ssid = Home Net\n" +
            "wifi.password = correct horse\n" +
            "\n" +
            "# The SIP server: the companion's SIP/IP Core.\n" +
            "sip.server = 192.168.1.10\n" +
            "sip.port = 5070\n" +
            "sip.transport = tcp\n" +
            "sip.local-port = 5061\n" +
            "\n" +
            "# The account: address of record sip:<user>@<domain>, digest user <user>; the registration interval in seconds.\n" +
            "sip.user = bob\n" +
            "sip.domain = simpleim.test\n" +
            "sip.password = aB3#x=Y\n" +
            "sip.register-expires = 900\n" +
            "\n" +
            "# Outbox limits: messages and bytes kept on flash while the server cannot be reached.\n" +
            "outbox.max-count = 16\n" +
            "outbox.max-bytes = 8192\n" +
            "\n" +
            "# Prefix of the Message-IDs this device gives its messages and its presence tuple id.\n" +
            "device.id = bob-pager\n" +
            "\n" +
            "# Pins (GPIO numbers); -1 switches a function off.\n" +
            "led.pin = 2\n" +
            "led.active-high = false\n" +
            "button.pin = 0\n";

        [TestMethod]
        public void Write_EveryValueSet_ExactText()
        {
            string text = DeviceConfigWriter.Write(Full(), "Paired with the companion.\r\n\nKeep this file secret.");

            Assert.AreEqual(ExpectedFull, text);
        }

        [TestMethod]
        public void Write_EveryValueSet_ExactUtf8Bytes()
        {
            byte[] bytes = DeviceConfigParserTests.Bytes(DeviceConfigWriter.Write(Full(), "Paired with the companion.\n\nKeep this file secret."));

            byte[] expected = DeviceConfigParserTests.Bytes(ExpectedFull);
            Assert.AreEqual(expected.Length, bytes.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], bytes[i], "byte " + i);
            }

            Assert.AreEqual((byte)'\n', bytes[bytes.Length - 1]);
            for (int i = 0; i < bytes.Length; i++)
            {
                Assert.AreNotEqual((byte)'\r', bytes[i], "no CR at " + i);
            }
        }

        [TestMethod]
        public void Write_Defaults_EmptyWifiWrittenAsKeyAndEquals()
        {
            var config = new DeviceConfig { SipServer = "10.0.0.2", Domain = "d.test", User = "u", Password = "p" };

            string text = DeviceConfigWriter.Write(config, null);

            Assert.IsTrue(text.IndexOf("# Format: docs/device-config.md.") == 0, text);
            Assert.IsTrue(text.IndexOf("\nwifi.ssid =\nwifi.password =\n") > 0, text);
            Assert.IsTrue(text.IndexOf("\nled.pin = -1\nled.active-high = true\nbutton.pin = -1\n") > 0, text);
            Assert.IsTrue(text.IndexOf("\nsip.register-expires = 3600\n") > 0, text);
        }

        [TestMethod]
        public void Write_ThenParse_RoundTripsEveryValue()
        {
            DeviceConfig original = Full();

            DeviceConfig read = DeviceConfigParser.Parse(DeviceConfigWriter.Write(original, "round trip"));

            string[] keys = DeviceConfigKeys.All;
            for (int i = 0; i < keys.Length; i++)
            {
                Assert.AreEqual(DeviceConfigWriter.ValueOf(original, keys[i]), DeviceConfigWriter.ValueOf(read, keys[i]), keys[i]);
            }

            Assert.AreEqual(SipTransport.Tcp, read.Transport);
            Assert.IsFalse(read.LedActiveHigh);
        }

        [TestMethod]
        public void Write_ThenParseBytes_RoundTripsNonAsciiWifi()
        {
            DeviceConfig original = Full();
            original.WifiSsid = "Caf\u00e9 \u263A";
            byte[] bytes = DeviceConfigParserTests.Bytes(DeviceConfigWriter.Write(original, null));

            DeviceConfig read = DeviceConfigParser.Parse(bytes, 0, bytes.Length);

            Assert.AreEqual("Caf\u00e9 \u263A", read.WifiSsid);
        }

        [TestMethod]
        [DataRow("sip.password")]
        [DataRow("sip.server")]
        [DataRow("sip.user")]
        [DataRow("sip.domain")]
        public void Write_RequiredValueMissing_MissingField(string key)
        {
            DeviceConfig config = Full();
            if (key == "sip.password")
            {
                config.Password = null;
            }
            else if (key == "sip.server")
            {
                config.SipServer = string.Empty;
            }
            else if (key == "sip.user")
            {
                config.User = null;
            }
            else
            {
                config.Domain = null;
            }

            DeviceConfigException error = WriteError(config);

            Assert.AreEqual(DeviceConfigErrorKind.MissingField, error.Kind);
            Assert.AreEqual(key, error.Key);
        }

        [TestMethod]
        public void Write_PasswordWithLineBreak_BadValueWithoutTheValue()
        {
            DeviceConfig config = Full();
            config.Password = "abc\nsip.server = evil";

            DeviceConfigException error = WriteError(config);

            Assert.AreEqual(DeviceConfigErrorKind.BadValue, error.Kind);
            Assert.AreEqual("sip.password", error.Key);
            Assert.IsTrue(error.Message.IndexOf("evil") < 0, error.Message);
        }

        [TestMethod]
        public void Write_WifiPasswordWithLeadingBlank_BadValue()
        {
            DeviceConfig config = Full();
            config.WifiPassword = " secret";

            DeviceConfigException error = WriteError(config);

            Assert.AreEqual(DeviceConfigErrorKind.BadValue, error.Kind);
            Assert.AreEqual("wifi.password", error.Key);
        }

        [TestMethod]
        public void Write_PortOutOfRange_BadValueFromTheParserRule()
        {
            DeviceConfig config = Full();
            config.SipPort = 70000;

            DeviceConfigException error = WriteError(config);

            Assert.AreEqual("BadValue: sip.port must be a whole number from 1 to 65535, not '70000'", error.Message);
        }

        [TestMethod]
        public void Write_UserWithAt_BadValue()
        {
            DeviceConfig config = Full();
            config.User = "bob@home";

            Assert.AreEqual(DeviceConfigErrorKind.BadValue, WriteError(config).Kind);
        }

        private static DeviceConfig Full()
        {
            return new DeviceConfig
            {
                WifiSsid = "Home Net",
                WifiPassword = "correct horse",
                SipServer = "192.168.1.10",
                SipPort = 5070,
                Transport = SipTransport.Tcp,
                LocalPort = 5061,
                User = "bob",
                Domain = "simpleim.test",
                Password = "aB3#x=Y",
                RegisterExpiresSeconds = 900,
                OutboxMaxCount = 16,
                OutboxMaxBytes = 8192,
                DeviceId = "bob-pager",
                LedPin = 2,
                LedActiveHigh = false,
                ButtonPin = 0,
            };
        }

        private static DeviceConfigException WriteError(DeviceConfig config)
        {
            DeviceConfigException caught = null;
            try
            {
                DeviceConfigWriter.Write(config, null);
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
