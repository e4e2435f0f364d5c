namespace SimpleImGateway.Sip.Message
{
    /// <summary>Character classes of the RFC 3261 §25 grammar.</summary>
    public static class SipChars
    {
        /// <summary>token characters: alphanum and <c>-.!%*_+`'~</c>.</summary>
        public static bool IsToken(char c)
        {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
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
    }
}
