using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Config
{
    /// <summary>
    /// Writes a <see cref="DeviceConfig"/> in the format <see cref="DeviceConfigParser"/> reads
    /// (docs/device-config.md): every key in a fixed order with short comments, LF line endings.
    /// It refuses any value the parser would refuse or read back differently.
    /// </summary>
    public static class DeviceConfigWriter
    {
        /// <summary>
        /// The text of the file. <paramref name="comment"/> (null for none) becomes the first lines, each
        /// prefixed with <c># </c>; it must not hold control characters other than line breaks.
        /// </summary>
        /// <exception cref="DeviceConfigException">A required value is missing (MissingField) or a value cannot be written (BadValue).</exception>
        public static string Write(DeviceConfig config, string comment)
        {
            if (config == null)
            {
                throw new System.ArgumentNullException("config");
            }

            string text = string.Empty;
            if (comment != null)
            {
                string[] lines = comment.Split('\n');
                for (int i = 0; i < lines.Length; i++)
                {
                    string line = DeviceConfigParser.TrimBlanks(TrimCarriageReturn(lines[i]));
                    if (DeviceConfigParser.IndexOfControl(line) >= 0)
                    {
                        throw new System.ArgumentException("the comment holds a control character", "comment");
                    }

                    text += line.Length == 0 ? "#\n" : "# " + line + "\n";
                }
            }

            text += "# Format: docs/device-config.md. One \"key = value\" per line; '#' starts a comment line.\n";
            text += "\n# Wi-Fi. An empty wifi.ssid uses the network stored on the device (nanoff --networkdeployment).\n";
            text += Line(config, DeviceConfigKeys.WifiSsid);
            text += Line(config, DeviceConfigKeys.WifiPassword);
            text += "\n# The SIP server: the companion's SIP/IP Core.\n";
            text += Line(config, DeviceConfigKeys.SipServer);
            text += Line(config, DeviceConfigKeys.SipPort);
            text += Line(config, DeviceConfigKeys.SipTransport);
            text += Line(config, DeviceConfigKeys.SipLocalPort);
            text += "\n# The account: address of record sip:<user>@<domain>, digest user <user>; the registration interval in seconds.\n";
            text += Line(config, DeviceConfigKeys.SipUser);
            text += Line(config, DeviceConfigKeys.SipDomain);
            text += Line(config, DeviceConfigKeys.SipPassword);
            text += Line(config, DeviceConfigKeys.SipRegisterExpires);
            text += "\n# Outbox limits: messages and bytes kept on flash while the server cannot be reached.\n";
            text += Line(config, DeviceConfigKeys.OutboxMaxCount);
            text += Line(config, DeviceConfigKeys.OutboxMaxBytes);
            text += "\n# Prefix of the Message-IDs this device gives its messages and its presence tuple id.\n";
            text += Line(config, DeviceConfigKeys.DeviceId);
            text += "\n# Pins (GPIO numbers); -1 switches a function off.\n";
            text += Line(config, DeviceConfigKeys.LedPin);
            text += Line(config, DeviceConfigKeys.LedActiveHigh);
            text += Line(config, DeviceConfigKeys.ButtonPin);
            return text;
        }

        /// <summary>The value of <paramref name="key"/> as the file spells it.</summary>
        public static string ValueOf(DeviceConfig config, string key)
        {
            if (key == DeviceConfigKeys.WifiSsid)
            {
                return config.WifiSsid;
            }

            if (key == DeviceConfigKeys.WifiPassword)
            {
                return config.WifiPassword;
            }

            if (key == DeviceConfigKeys.SipServer)
            {
                return config.SipServer;
            }

            if (key == DeviceConfigKeys.SipPort)
            {
                return config.SipPort.ToString();
            }

            if (key == DeviceConfigKeys.SipTransport)
            {
                return config.Transport == SipTransport.Tcp ? "tcp" : "udp";
            }

            if (key == DeviceConfigKeys.SipLocalPort)
            {
                return config.LocalPort.ToString();
            }

            if (key == DeviceConfigKeys.SipUser)
            {
                return config.User;
            }

            if (key == DeviceConfigKeys.SipDomain)
            {
                return config.Domain;
            }

            if (key == DeviceConfigKeys.SipPassword)
            {
                return config.Password;
            }

            if (key == DeviceConfigKeys.SipRegisterExpires)
            {
                return config.RegisterExpiresSeconds.ToString();
            }

            if (key == DeviceConfigKeys.OutboxMaxCount)
            {
                return config.OutboxMaxCount.ToString();
            }

            if (key == DeviceConfigKeys.OutboxMaxBytes)
            {
                return config.OutboxMaxBytes.ToString();
            }

            if (key == DeviceConfigKeys.DeviceId)
            {
                return config.DeviceId;
            }

            if (key == DeviceConfigKeys.LedPin)
            {
                return config.LedPin.ToString();
            }

            if (key == DeviceConfigKeys.LedActiveHigh)
            {
                return config.LedActiveHigh ? "true" : "false";
            }

            if (key == DeviceConfigKeys.ButtonPin)
            {
                return config.ButtonPin.ToString();
            }

            throw new System.ArgumentException("'" + key + "' is not a key of " + DeviceConfigParser.FileName, "key");
        }

        private static string Line(DeviceConfig config, string key)
        {
            string value = ValueOf(config, key);
            if (value == null)
            {
                value = string.Empty;
            }

            if (value.Length == 0 && IsRequired(key))
            {
                throw new DeviceConfigException(DeviceConfigErrorKind.MissingField, 0, key, key + " is required and has no value");
            }

            if (DeviceConfigParser.IndexOfControl(value) >= 0)
            {
                throw new DeviceConfigException(DeviceConfigErrorKind.BadValue, 0, key, key + " holds a control character and cannot be written");
            }

            if (DeviceConfigParser.TrimBlanks(value).Length != value.Length)
            {
                throw new DeviceConfigException(DeviceConfigErrorKind.BadValue, 0, key, key + " starts or ends with a blank, which the file cannot keep");
            }

            // The parser's own rules decide, so nothing is written that would not read back.
            string problem = DeviceConfigParser.Apply(new DeviceConfig(), key, value);
            if (problem != null)
            {
                throw new DeviceConfigException(DeviceConfigErrorKind.BadValue, 0, key, problem);
            }

            string line = value.Length == 0 ? key + " =" : key + " = " + value;
            if (line.Length > DeviceConfigParser.MaxLineLength)
            {
                throw new DeviceConfigException(DeviceConfigErrorKind.BadValue, 0, key, key + " is too long for one line of " + DeviceConfigParser.MaxLineLength + " characters");
            }

            return line + "\n";
        }

        private static bool IsRequired(string key)
        {
            string[] required = DeviceConfigKeys.Required;
            for (int i = 0; i < required.Length; i++)
            {
                if (required[i] == key)
                {
                    return true;
                }
            }

            return false;
        }

        private static string TrimCarriageReturn(string line)
        {
            return line.Length > 0 && line[line.Length - 1] == '\r' ? line.Substring(0, line.Length - 1) : line;
        }
    }
}
