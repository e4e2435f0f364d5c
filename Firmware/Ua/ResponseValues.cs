using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>
    /// Reads the few values the usages need from a response, by scanning header text instead of building
    /// typed header objects: these run on every refresh, where the device counts bytes.
    /// </summary>
    internal static class ResponseValues
    {
        /// <summary>The delta-seconds of a header (Expires, Min-Expires), or -1 when absent or malformed.</summary>
        public static long Seconds(SipMessage response, string header)
        {
            string value = response.Headers.Get(header);
            if (value == null)
            {
                return -1;
            }

            try
            {
                return ExpiresHeader.Parse(value);
            }
            catch (SipParseException)
            {
                return -1;
            }
        }

        /// <summary>The leading delta-seconds of Retry-After (<c>120 (comment);duration=60</c>), or -1.</summary>
        public static long RetryAfterSeconds(SipMessage response)
        {
            string value = response.Headers.Get(SipHeaderNames.RetryAfter);
            if (value == null)
            {
                return -1;
            }

            int i = 0;
            while (i < value.Length && value[i] == ' ')
            {
                i++;
            }

            long n = -1;
            for (; i < value.Length && value[i] >= '0' && value[i] <= '9' && n < ExpiresHeader.MaxSeconds; i++)
            {
                n = (n < 0 ? 0 : n * 10) + (value[i] - '0');
            }

            return n;
        }

        /// <summary>
        /// The expires parameter of the Contact value that contains <paramref name="contactKey"/>
        /// (<c>@host:port</c> of this binding), or -1 when there is none.
        /// </summary>
        public static long ContactExpires(SipMessage response, string contactKey)
        {
            SipHeaderCollection headers = response.Headers;
            for (int i = 0; i < headers.Count; i++)
            {
                SipHeader header = headers[i];
                if (!((object)header.Name == SipHeaderNames.Contact || SipHeaderNames.EqualsIgnoreCase(header.Name, SipHeaderNames.Contact)))
                {
                    continue;
                }

                string value = header.Value;
                int close = value.IndexOf('>');
                if (value.IndexOf(contactKey) < 0 || close < 0)
                {
                    continue;
                }

                long expires = ParameterSeconds(value, close + 1, "expires");
                if (expires >= 0)
                {
                    return expires;
                }
            }

            return -1;
        }

        /// <summary>The received and rport parameters of the top Via as <c>address:port</c>, or null when the server set neither.</summary>
        public static string PublicAddress(SipMessage response)
        {
            string via = response.Headers.Get(SipHeaderNames.Via);
            if (via == null)
            {
                return null;
            }

            string received = ParameterText(via, 0, "received");
            string rport = ParameterText(via, 0, "rport");
            if (received == null && (rport == null || rport.Length == 0))
            {
                return null;
            }

            return (received ?? "?") + ":" + (rport == null || rport.Length == 0 ? "?" : rport);
        }

        // The value of ";name=value" at or after start (case-insensitive name), or null.
        private static string ParameterText(string value, int start, string name)
        {
            int i = start;
            while ((i = value.IndexOf(';', i)) >= 0)
            {
                int nameStart = i + 1;
                while (nameStart < value.Length && value[nameStart] == ' ')
                {
                    nameStart++;
                }

                int nameEnd = nameStart;
                while (nameEnd < value.Length && value[nameEnd] != '=' && value[nameEnd] != ';' && value[nameEnd] != ' ')
                {
                    nameEnd++;
                }

                i = nameEnd;
                if (NameMatches(value, nameStart, nameEnd - nameStart, name))
                {
                    while (i < value.Length && value[i] == ' ')
                    {
                        i++;
                    }

                    if (i >= value.Length || value[i] != '=')
                    {
                        return string.Empty;
                    }

                    int valueStart = i + 1;
                    int valueEnd = valueStart;
                    while (valueEnd < value.Length && value[valueEnd] != ';')
                    {
                        valueEnd++;
                    }

                    return value.Substring(valueStart, valueEnd - valueStart).Trim();
                }
            }

            return null;
        }

        // Compares in place; name is lower-case ASCII.
        private static bool NameMatches(string value, int start, int length, string name)
        {
            if (length != name.Length)
            {
                return false;
            }

            for (int k = 0; k < length; k++)
            {
                char c = value[start + k];
                if (c >= 'A' && c <= 'Z')
                {
                    c = (char)(c + 32);
                }

                if (c != name[k])
                {
                    return false;
                }
            }

            return true;
        }

        private static long ParameterSeconds(string value, int start, string name)
        {
            string text = ParameterText(value, start, name);
            if (text == null || text.Length == 0)
            {
                return -1;
            }

            try
            {
                return ExpiresHeader.Parse(text);
            }
            catch (SipParseException)
            {
                return -1;
            }
        }
    }
}
