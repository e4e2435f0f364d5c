namespace SimpleImGateway.Sip.Message
{
    /// <summary>Character classes of the RFC 3261 §25 grammar.</summary>
    public static class SipChars
    {
        /// <summary>token characters: alphanum and <c>-.!%*_+`'~</c>.</summary>
        public static bool IsToken(char c)
        {
            if (IsAlphaNum(c))
            {
                return true;
            }

            switch (c)
            {
                case '-':
                case '.':
                case '!':
                case '%':
                case '*':
                case '_':
                case '+':
                case '`':
                case '\'':
                case '~':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Whether every character of <paramref name="s"/> is a token character and it is not empty.</summary>
        public static bool IsToken(string s)
        {
            if (s == null || s.Length == 0)
            {
                return false;
            }

            for (int i = 0; i < s.Length; i++)
            {
                if (!IsToken(s[i]))
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

        /// <summary>The value of a hexadecimal digit; -1 when <paramref name="c"/> is not one.</summary>
        public static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }

        /// <summary>unreserved: alphanum and the marks <c>-_.!~*'()</c>.</summary>
        public static bool IsUnreserved(char c)
        {
            if (IsAlphaNum(c))
            {
                return true;
            }

            switch (c)
            {
                case '-':
                case '_':
                case '.':
                case '!':
                case '~':
                case '*':
                case '\'':
                case '(':
                case ')':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Characters a SIP URI user part may hold unescaped: unreserved and <c>&amp;=+$,;?/</c>.</summary>
        public static bool IsUserChar(char c)
        {
            if (IsUnreserved(c))
            {
                return true;
            }

            switch (c)
            {
                case '&':
                case '=':
                case '+':
                case '$':
                case ',':
                case ';':
                case '?':
                case '/':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Characters a SIP URI password may hold unescaped: unreserved and <c>&amp;=+$,</c>.</summary>
        public static bool IsPasswordChar(char c)
        {
            if (IsUnreserved(c))
            {
                return true;
            }

            switch (c)
            {
                case '&':
                case '=':
                case '+':
                case '$':
                case ',':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>paramchar without escapes: unreserved and <c>[]/:&amp;+$</c> (RFC 3261 uri-parameter, RFC 3966).</summary>
        public static bool IsParamChar(char c)
        {
            if (IsUnreserved(c))
            {
                return true;
            }

            switch (c)
            {
                case '[':
                case ']':
                case '/':
                case ':':
                case '&':
                case '+':
                case '$':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Characters of a URI header name or value, unescaped: unreserved and <c>[]/?:+$</c>.</summary>
        public static bool IsHeaderChar(char c)
        {
            if (IsUnreserved(c))
            {
                return true;
            }

            switch (c)
            {
                case '[':
                case ']':
                case '/':
                case '?':
                case ':':
                case '+':
                case '$':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>uric of an absoluteURI: unreserved and reserved <c>;/?:@&amp;=+$,</c> (escapes are checked apart).</summary>
        public static bool IsUric(char c)
        {
            if (IsUnreserved(c))
            {
                return true;
            }

            switch (c)
            {
                case ';':
                case '/':
                case '?':
                case ':':
                case '@':
                case '&':
                case '=':
                case '+':
                case '$':
                case ',':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>word characters of a Call-ID (RFC 3261 §25.1).</summary>
        public static bool IsWord(char c)
        {
            if (IsAlphaNum(c))
            {
                return true;
            }

            switch (c)
            {
                case '-':
                case '.':
                case '!':
                case '%':
                case '*':
                case '_':
                case '+':
                case '`':
                case '\'':
                case '~':
                case '(':
                case ')':
                case '<':
                case '>':
                case ':':
                case '\\':
                case '"':
                case '/':
                case '[':
                case ']':
                case '?':
                case '{':
                case '}':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Characters of a host name or IPv4 address (underscore tolerated as deployed DNS names use it).</summary>
        public static bool IsHostNameChar(char c) => IsAlphaNum(c) || c == '-' || c == '.' || c == '_';
    }
}
