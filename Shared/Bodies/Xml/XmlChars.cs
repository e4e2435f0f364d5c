namespace SimpleImGateway.Sip.Bodies.Xml
{
    /// <summary>
    /// Character classes of XML 1.0 as this subset applies them. Names are checked exactly for ASCII;
    /// any non-ASCII character is accepted in a name once its UTF-8 is valid, which is looser than the
    /// XML name tables but never lets markup characters through.
    /// </summary>
    internal static class XmlChars
    {
        /// <summary>XML white space: space, tab, CR, LF.</summary>
        public static bool IsWhitespace(int c) => c == ' ' || c == '\t' || c == '\r' || c == '\n';

        /// <summary>Whether <paramref name="c"/> may start a name (colons are handled by the caller).</summary>
        public static bool IsNameStart(int c)
            => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;

        /// <summary>Whether <paramref name="c"/> may continue a name (colons are handled by the caller).</summary>
        public static bool IsNamePart(int c)
            => IsNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';

        /// <summary>Whether a Unicode scalar value is a legal XML 1.0 character.</summary>
        public static bool IsLegalScalar(int c)
            => c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);

        /// <summary>Whether <paramref name="name"/> is a name without colon (NCName).</summary>
        public static bool IsNcName(string name)
        {
            if (name == null || name.Length == 0 || !IsNameStart(name[0]))
            {
                return false;
            }

            for (int i = 1; i < name.Length; i++)
            {
                if (!IsNamePart(name[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether every character of <paramref name="s"/> is XML white space (true for empty).</summary>
        public static bool IsAllWhitespace(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (!IsWhitespace(s[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary><paramref name="s"/> without leading and trailing XML white space.</summary>
        public static string Trim(string s)
        {
            int start = 0;
            int end = s.Length;
            while (start < end && IsWhitespace(s[start]))
            {
                start++;
            }

            while (end > start && IsWhitespace(s[end - 1]))
            {
                end--;
            }

            return start == 0 && end == s.Length ? s : s.Substring(start, end - start);
        }
    }
}
