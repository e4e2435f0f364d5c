using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Message
{
    /// <summary>Character classes of the RFC 3261 §25 grammar.</summary>
    /// <remarks>
    /// The grammar's classes overlap (every token char is a word char, the password chars are shared by user
    /// parts and uric, ...), so they are written down once, as the grammar lists them, into one table of
    /// class bits over ASCII; each test is a lookup.
    /// </remarks>
    public static class SipChars
    {
        private const int Token = 1;
        private const int Word = 2;
        private const int Unreserved = 4;
        private const int User = 8;
        private const int Password = 16;
        private const int Param = 32;
        private const int Header = 64;
        private const int Uric = 128;

        private const string AlphaNum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

        private static readonly byte[] s_classes = BuildClasses();

        /// <summary>token characters: alphanum and <c>-.!%*_+`'~</c>.</summary>
        public static bool IsToken(char c) => Is(c, Token);

        /// <summary>Whether every character of <paramref name="s"/> is a token character and it is not empty.</summary>
        public static bool IsToken(string s)
        {
            if (s == null || s.Length == 0)
            {
                return false;
            }

            for (int i = 0; i < s.Length; i++)
            {
                if (!Is(s[i], Token))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>SP or HTAB.</summary>
        public static bool IsWhitespace(char c) => c == ' ' || c == '\t';

        /// <summary>ASCII digit.</summary>
        public static bool IsDigit(char c) => c >= '0' && c <= '9';

        /// <summary>ASCII letter.</summary>
        public static bool IsAlpha(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        /// <summary>ASCII letter or digit.</summary>
        public static bool IsAlphaNum(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

        /// <summary>Hexadecimal digit, either case.</summary>
        public static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        /// <summary>The value of a hexadecimal digit; -1 when <paramref name="c"/> is not one (<see cref="Hex.DigitValue"/>).</summary>
        public static int HexValue(char c) => Hex.DigitValue(c);

        /// <summary>unreserved: alphanum and the marks <c>-_.!~*'()</c>.</summary>
        public static bool IsUnreserved(char c) => Is(c, Unreserved);

        /// <summary>Characters a SIP URI user part may hold unescaped: unreserved and <c>&amp;=+$,;?/</c>.</summary>
        public static bool IsUserChar(char c) => Is(c, User);

        /// <summary>Characters a SIP URI password may hold unescaped: unreserved and <c>&amp;=+$,</c>.</summary>
        public static bool IsPasswordChar(char c) => Is(c, Password);

        /// <summary>paramchar without escapes: unreserved and <c>[]/:&amp;+$</c> (RFC 3261 uri-parameter, RFC 3966).</summary>
        public static bool IsParamChar(char c) => Is(c, Param);

        /// <summary>Characters of a URI header name or value, unescaped: unreserved and <c>[]/?:+$</c>.</summary>
        public static bool IsHeaderChar(char c) => Is(c, Header);

        /// <summary>uric of an absoluteURI: unreserved and reserved <c>;/?:@&amp;=+$,</c> (escapes are checked apart).</summary>
        public static bool IsUric(char c) => Is(c, Uric);

        /// <summary>word characters of a Call-ID (RFC 3261 §25.1): the token characters and <c>()&lt;&gt;:\"/[]?{}</c>.</summary>
        public static bool IsWord(char c) => Is(c, Word);

        /// <summary>Characters of a host name or IPv4 address (underscore tolerated as deployed DNS names use it).</summary>
        public static bool IsHostNameChar(char c) => IsAlphaNum(c) || c == '-' || c == '.' || c == '_';

        private static bool Is(char c, int classes) => c < 128 && (s_classes[c] & classes) != 0;

        private static byte[] BuildClasses()
        {
            var table = new byte[128];
            const int UnreservedAndAbove = Unreserved | User | Password | Param | Header | Uric;
            Add(table, AlphaNum, Token | Word | UnreservedAndAbove);
            Add(table, "-.!%*_+`'~", Token | Word);
            Add(table, "()<>:\\\"/[]?{}", Word);
            Add(table, "-_.!~*'()", UnreservedAndAbove); // mark
            Add(table, "&=+$,", User | Password | Uric);
            Add(table, ";?/", User);
            Add(table, "[]/:&+$", Param);
            Add(table, "[]/?:+$", Header);
            Add(table, ";/?:@", Uric);
            return table;
        }

        private static void Add(byte[] table, string chars, int classes)
        {
            for (int i = 0; i < chars.Length; i++)
            {
                table[chars[i]] = (byte)(table[chars[i]] | classes);
            }
        }
    }
}
