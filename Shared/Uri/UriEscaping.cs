using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Uri
{
    /// <summary>
    /// %HH escaping of URI components (RFC 3261 §19.1.2, RFC 3986 §2.1). Decoding happens once, when a
    /// component is taken out of a URI; formatting escapes exactly the characters the component may not hold.
    /// </summary>
    internal static class UriEscaping
    {
        internal const int User = 0;
        internal const int Password = 1;
        internal const int Param = 2;
        internal const int Header = 3;

        /// <summary>Checks that a '%' at <paramref name="i"/> starts a complete escape; returns the index after it.</summary>
        internal static int CheckEscape(string s, int i, int end, string what)
        {
            if (i + 2 >= end || !SipChars.IsHex(s[i + 1]) || !SipChars.IsHex(s[i + 2]))
            {
                throw new SipParseException("malformed %-escape in " + what + " of '" + s + "'");
            }

            return i + 3;
        }

        /// <summary>Decodes the %HH escapes of <c>s[start..end)</c> once; the octets are read as UTF-8.</summary>
        internal static string Unescape(string s, int start, int end)
        {
            int pct = s.IndexOf('%', start, end - start);
            if (pct < 0)
            {
                return s.Substring(start, end - start);
            }

            var octets = new byte[end - start];
            int n = 0;
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                if (c == '%' && i + 2 < end && SipChars.IsHex(s[i + 1]) && SipChars.IsHex(s[i + 2]))
                {
                    octets[n++] = (byte)((SipChars.HexValue(s[i + 1]) << 4) | SipChars.HexValue(s[i + 2]));
                    i += 2;
                }
                else
                {
                    octets[n++] = (byte)c; // validated URI text is ASCII
                }
            }

            return Utf8.Decode(octets, 0, n);
        }

        /// <summary>Escapes every character of <paramref name="value"/> the component may not hold unescaped.</summary>
        internal static string Escape(string value, int component)
        {
            int i = 0;
            while (i < value.Length && IsAllowed(value[i], component))
            {
                i++;
            }

            if (i == value.Length)
            {
                return value;
            }

            byte[] octets = Utf8.Encode(value);
            int count = octets.Length;
            var chars = new char[count * 3];
            int o = 0;
            for (int k = 0; k < count; k++)
            {
                int b = octets[k];
                if (b < 0x80 && IsAllowed((char)b, component))
                {
                    chars[o++] = (char)b;
                }
                else
                {
                    chars[o++] = '%';
                    chars[o++] = HexDigit(b >> 4);
                    chars[o++] = HexDigit(b & 0xF);
                }
            }

            return new string(chars, 0, o);
        }

        private static char HexDigit(int v) => (char)(v < 10 ? '0' + v : 'A' + v - 10);

        private static bool IsAllowed(char c, int component)
        {
            switch (component)
            {
                case User: return SipChars.IsUserChar(c);
                case Password: return SipChars.IsPasswordChar(c);
                case Param: return SipChars.IsParamChar(c);
                default: return SipChars.IsHeaderChar(c);
            }
        }
    }
}
