using SimpleImGateway.Firmware.Pager;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Firmware.Config
{
    /// <summary>
    /// Reads the device configuration file (docs/device-config.md): UTF-8 lines of <c>key = value</c>,
    /// blank lines and <c>#</c> comment lines. Every line is checked; the first problem found is thrown
    /// as a <see cref="DeviceConfigException"/> carrying what the other lines set.
    /// </summary>
    public static class DeviceConfigParser
    {
        /// <summary>The file name on the device's internal flash (<c>I:\simpleim.conf</c>).</summary>
        public const string FileName = "simpleim.conf";

        /// <summary>The largest file accepted, in bytes.</summary>
        public const int MaxFileBytes = 4096;

        /// <summary>The longest line accepted, in characters (line break excluded).</summary>
        public const int MaxLineLength = 256;

        /// <summary>The shortest registration interval accepted, in seconds.</summary>
        public const int MinRegisterExpires = 60;

        /// <summary>The longest registration interval accepted, in seconds (one day).</summary>
        public const int MaxRegisterExpires = 86400;

        /// <summary>The highest GPIO number accepted.</summary>
        public const int MaxPin = 63;

        private const string UserPunctuation = "-_.!~*'()&=+$,;?/";

        /// <summary>Parses the UTF-8 bytes of a configuration file (a leading byte order mark is skipped).</summary>
        /// <exception cref="DeviceConfigException">The file cannot be used; the message names the error and its line.</exception>
        public static DeviceConfig Parse(byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new System.ArgumentException("the range lies outside the buffer");
            }

            if (count > MaxFileBytes)
            {
                throw TooLarge(count);
            }

            int end = offset + count;
            int position = offset;
            if (count >= 3 && buffer[offset] == 0xEF && buffer[offset + 1] == 0xBB && buffer[offset + 2] == 0xBF)
            {
                position += 3;
            }

            var state = new ParseState();
            int lineNumber = 0;
            while (position < end || (lineNumber == 0 && position == end))
            {
                lineNumber++;
                int lineEnd = position;
                while (lineEnd < end && buffer[lineEnd] != (byte)'\n')
                {
                    lineEnd++;
                }

                int next = lineEnd + 1;
                if (lineEnd > position && buffer[lineEnd - 1] == (byte)'\r')
                {
                    lineEnd--;
                }

                if (!Utf8.IsValid(buffer, position, lineEnd - position))
                {
                    state.Fail(new DeviceConfigException(DeviceConfigErrorKind.Encoding, lineNumber, null, "the line is not valid UTF-8"));
                }
                else
                {
                    ParseLine(Utf8.Decode(buffer, position, lineEnd - position), lineNumber, state);
                }

                position = next;
            }

            return state.Finish();
        }

        /// <summary>Parses the text of a configuration file (a leading U+FEFF is skipped).</summary>
        /// <exception cref="DeviceConfigException">The file cannot be used; the message names the error and its line.</exception>
        public static DeviceConfig Parse(string text)
        {
            if (text == null)
            {
                throw new System.ArgumentNullException("text");
            }

            int bytes = Utf8.GetByteCount(text);
            if (bytes > MaxFileBytes)
            {
                throw TooLarge(bytes);
            }

            var state = new ParseState();
            int position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
            int lineNumber = 0;
            while (position < text.Length || (lineNumber == 0 && position == text.Length))
            {
                lineNumber++;
                int lineEnd = text.IndexOf('\n', position);
                if (lineEnd < 0)
                {
                    lineEnd = text.Length;
                }

                int next = lineEnd + 1;
                if (lineEnd > position && text[lineEnd - 1] == '\r')
                {
                    lineEnd--;
                }

                ParseLine(text.Substring(position, lineEnd - position), lineNumber, state);
                position = next;
            }

            return state.Finish();
        }

        /// <summary>Whether <paramref name="key"/> is a key of the format (keys are lower case).</summary>
        public static bool IsKey(string key)
        {
            return IndexOfKey(key) >= 0;
        }

        /// <summary>Whether the value of <paramref name="key"/> is a secret that no message may show.</summary>
        public static bool IsSecret(string key)
        {
            return key == DeviceConfigKeys.SipPassword || key == DeviceConfigKeys.WifiPassword;
        }

        /// <summary>
        /// Sets <paramref name="key"/> on <paramref name="config"/> from its text; returns null when the value
        /// is accepted, otherwise why not (without the value of a secret). The writer checks with this too,
        /// so whatever it writes reads back the same.
        /// </summary>
        internal static string Apply(DeviceConfig config, string key, string value)
        {
            if (value.Length > 1 && value[0] == '<' && value[value.Length - 1] == '>')
            {
                return key + " still holds the template placeholder " + (IsSecret(key) ? "<...>" : value) + "; put the real value there";
            }

            if (key == DeviceConfigKeys.WifiSsid)
            {
                if (Utf8.GetByteCount(value) > 32)
                {
                    return key + " is longer than 32 bytes, the most a Wi-Fi network name has";
                }

                config.WifiSsid = value;
            }
            else if (key == DeviceConfigKeys.WifiPassword)
            {
                if (value.Length > 64)
                {
                    return key + " is longer than 64 characters, the most a Wi-Fi passphrase has";
                }

                config.WifiPassword = value;
            }
            else if (key == DeviceConfigKeys.SipServer)
            {
                string problem = CheckHost(key, value);
                if (problem != null)
                {
                    return problem;
                }

                config.SipServer = value;
            }
            else if (key == DeviceConfigKeys.SipPort)
            {
                int port;
                if (!TryParseInt(value, 1, 65535, out port))
                {
                    return NotInRange(key, value, 1, 65535);
                }

                config.SipPort = port;
            }
            else if (key == DeviceConfigKeys.SipTransport)
            {
                string lower = value.ToLower();
                if (lower == "udp")
                {
                    config.Transport = SipTransport.Udp;
                }
                else if (lower == "tcp")
                {
                    config.Transport = SipTransport.Tcp;
                }
                else
                {
                    return key + " must be udp or tcp, not '" + value + "'";
                }
            }
            else if (key == DeviceConfigKeys.SipLocalPort)
            {
                int port;
                if (!TryParseInt(value, 0, 65535, out port))
                {
                    return NotInRange(key, value, 0, 65535);
                }

                config.LocalPort = port;
            }
            else if (key == DeviceConfigKeys.SipUser)
            {
                string problem = CheckUser(key, value);
                if (problem != null)
                {
                    return problem;
                }

                config.User = value;
            }
            else if (key == DeviceConfigKeys.SipDomain)
            {
                string problem = CheckHost(key, value);
                if (problem != null)
                {
                    return problem;
                }

                config.Domain = value;
            }
            else if (key == DeviceConfigKeys.SipPassword)
            {
                if (value.Length == 0)
                {
                    return key + " is empty";
                }

                if (value.Length > 128)
                {
                    return key + " is longer than 128 characters";
                }

                config.Password = value;
            }
            else if (key == DeviceConfigKeys.SipRegisterExpires)
            {
                int seconds;
                if (!TryParseInt(value, MinRegisterExpires, MaxRegisterExpires, out seconds))
                {
                    return NotInRange(key, value, MinRegisterExpires, MaxRegisterExpires);
                }

                config.RegisterExpiresSeconds = seconds;
            }
            else if (key == DeviceConfigKeys.OutboxMaxCount)
            {
                int limit;
                if (!TryParseInt(value, 1, 1024, out limit))
                {
                    return NotInRange(key, value, 1, 1024);
                }

                config.OutboxMaxCount = limit;
            }
            else if (key == DeviceConfigKeys.OutboxMaxBytes)
            {
                int limit;
                if (!TryParseInt(value, 1024, 1048576, out limit))
                {
                    return NotInRange(key, value, 1024, 1048576);
                }

                config.OutboxMaxBytes = limit;
            }
            else if (key == DeviceConfigKeys.DeviceId)
            {
                if (!MessageIds.IsToken(value, 64))
                {
                    return key + " must be 1 to 64 letters, digits, '-', '.' or '_', not '" + value + "'";
                }

                config.DeviceId = value;
            }
            else if (key == DeviceConfigKeys.LedPin || key == DeviceConfigKeys.ButtonPin)
            {
                int pin;
                if (!TryParseInt(value, -1, MaxPin, out pin))
                {
                    return NotInRange(key, value, -1, MaxPin);
                }

                if (key == DeviceConfigKeys.LedPin)
                {
                    config.LedPin = pin;
                }
                else
                {
                    config.ButtonPin = pin;
                }
            }
            else if (key == DeviceConfigKeys.LedActiveHigh)
            {
                string lower = value.ToLower();
                if (lower == "true")
                {
                    config.LedActiveHigh = true;
                }
                else if (lower == "false")
                {
                    config.LedActiveHigh = false;
                }
                else
                {
                    return key + " must be true or false, not '" + value + "'";
                }
            }
            else
            {
                return "'" + key + "' is not a key of " + FileName;
            }

            return null;
        }

        /// <summary>Removes spaces and tabs at both ends.</summary>
        internal static string TrimBlanks(string value)
        {
            int start = 0;
            int end = value.Length;
            while (start < end && (value[start] == ' ' || value[start] == '\t'))
            {
                start++;
            }

            while (end > start && (value[end - 1] == ' ' || value[end - 1] == '\t'))
            {
                end--;
            }

            return start == 0 && end == value.Length ? value : value.Substring(start, end - start);
        }

        /// <summary>The index of the first control character other than tab, or -1.</summary>
        internal static int IndexOfControl(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if ((c < 0x20 && c != '\t') || c == 0x7F)
                {
                    return i;
                }
            }

            return -1;
        }

        private static void ParseLine(string line, int number, ParseState state)
        {
            if (line.Length > MaxLineLength)
            {
                state.Fail(new DeviceConfigException(DeviceConfigErrorKind.Syntax, number, null, "the line is longer than " + MaxLineLength + " characters"));
                return;
            }

            int control = IndexOfControl(line);
            if (control >= 0)
            {
                state.Fail(new DeviceConfigException(DeviceConfigErrorKind.Syntax, number, null, "the line holds the control character " + HexCode(line[control])));
                return;
            }

            string content = TrimBlanks(line);
            if (content.Length == 0 || content[0] == '#')
            {
                return;
            }

            int equals = content.IndexOf('=');
            if (equals < 0)
            {
                state.Fail(new DeviceConfigException(DeviceConfigErrorKind.Syntax, number, null, "expected 'key = value', a comment starting with '#' or a blank line"));
                return;
            }

            string key = TrimBlanks(content.Substring(0, equals));
            string value = TrimBlanks(content.Substring(equals + 1));
            if (key.Length == 0)
            {
                state.Fail(new DeviceConfigException(DeviceConfigErrorKind.Syntax, number, null, "there is no key before '='"));
                return;
            }

            int index = IndexOfKey(key);
            if (index < 0)
            {
                string lower = key.ToLower();
                string hint = IndexOfKey(lower) >= 0 ? "; keys are lower case: '" + lower + "'" : string.Empty;
                state.Fail(new DeviceConfigException(DeviceConfigErrorKind.UnknownKey, number, key, "'" + key + "' is not a key of " + FileName + hint));
                return;
            }

            if (state.FirstLine[index] > 0)
            {
                state.Fail(new DeviceConfigException(
                    DeviceConfigErrorKind.DuplicateKey, number, key, key + " is set again; line " + state.FirstLine[index] + " already sets it"));
                return;
            }

            state.FirstLine[index] = number;
            string problem = Apply(state.Config, key, value);
            if (problem != null)
            {
                state.Fail(new DeviceConfigException(DeviceConfigErrorKind.BadValue, number, key, problem));
            }
        }

        private static int IndexOfKey(string key)
        {
            string[] keys = DeviceConfigKeys.All;
            for (int i = 0; i < keys.Length; i++)
            {
                if (keys[i] == key)
                {
                    return i;
                }
            }

            return -1;
        }

        private static string CheckHost(string key, string value)
        {
            if (value.Length == 0)
            {
                return key + " is empty";
            }

            if (value.Length > 253)
            {
                return key + " is longer than 253 characters";
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
                if (!ok)
                {
                    return key + " must be a host name or an IPv4 address (letters, digits, '-', '.'), not '" + value + "'";
                }
            }

            if (value[0] == '.' || value[0] == '-' || value[value.Length - 1] == '.' || value[value.Length - 1] == '-')
            {
                return key + " must not start or end with '.' or '-': '" + value + "'";
            }

            return null;
        }

        private static string CheckUser(string key, string value)
        {
            if (value.Length == 0)
            {
                return key + " is empty";
            }

            if (value.Length > 64)
            {
                return key + " is longer than 64 characters";
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || UserPunctuation.IndexOf(c) >= 0;
                if (!ok)
                {
                    return key + " may hold letters, digits and " + UserPunctuation + ", not '" + value + "'";
                }
            }

            return null;
        }

        // Optional '-', then 1 to 9 digits: no '+', no blanks, no overflow.
        private static bool TryParseInt(string text, int min, int max, out int value)
        {
            value = 0;
            int i = 0;
            bool negative = text.Length > 0 && text[0] == '-';
            if (negative)
            {
                i = 1;
            }

            int digits = text.Length - i;
            if (digits < 1 || digits > 9)
            {
                return false;
            }

            long result = 0;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                result = (result * 10) + (c - '0');
            }

            if (negative)
            {
                result = -result;
            }

            if (result < min || result > max)
            {
                return false;
            }

            value = (int)result;
            return true;
        }

        private static string NotInRange(string key, string value, int min, int max)
        {
            return key + " must be a whole number from " + min + " to " + max + ", not '" + value + "'";
        }

        private static string HexCode(char c)
        {
            const string Digits = "0123456789ABCDEF";
            return "U+00" + new string(new char[] { Digits[(c >> 4) & 0xF], Digits[c & 0xF] });
        }

        private static DeviceConfigException TooLarge(int bytes)
        {
            return new DeviceConfigException(
                DeviceConfigErrorKind.TooLarge, 0, null, "the file has " + bytes + " bytes; at most " + MaxFileBytes + " are read");
        }

        // What one parse has seen so far; the first error wins, later lines still fill the partial configuration.
        private sealed class ParseState
        {
            public readonly DeviceConfig Config = new DeviceConfig();
            public readonly int[] FirstLine = new int[DeviceConfigKeys.All.Length];
            private DeviceConfigException _error;

            public void Fail(DeviceConfigException error)
            {
                if (_error == null)
                {
                    _error = error;
                }
            }

            public DeviceConfig Finish()
            {
                if (_error == null)
                {
                    string[] keys = DeviceConfigKeys.All;
                    string[] required = DeviceConfigKeys.Required;
                    for (int r = 0; r < required.Length && _error == null; r++)
                    {
                        for (int i = 0; i < keys.Length; i++)
                        {
                            if (keys[i] == required[r] && FirstLine[i] == 0)
                            {
                                _error = new DeviceConfigException(
                                    DeviceConfigErrorKind.MissingField, 0, required[r], required[r] + " is required and no line sets it");
                                break;
                            }
                        }
                    }
                }

                if (_error != null)
                {
                    _error.PartialConfig = Config;
                    throw _error;
                }

                return Config;
            }
        }
    }
}
