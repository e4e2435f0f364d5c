namespace SimpleImGateway.Sip.Text
{
    /// <summary>
    /// ASCII-only case-insensitive comparison, as protocol tokens need it (culture-free, allocation-free;
    /// nanoFramework has no <c>StringComparison</c>), and the exact comparison of a region for case-sensitive ones.
    /// </summary>
    public static class AsciiCase
    {
        /// <summary>True when both strings are equal ignoring the case of ASCII letters; false if either is null.</summary>
        public static bool EqualsIgnoreCase(string a, string b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            return RegionEqualsIgnoreCase(a, 0, b);
        }

        /// <summary>
        /// True when <paramref name="text"/>[<paramref name="start"/> .. start + length) equals <paramref name="other"/>
        /// ignoring the case of ASCII letters.
        /// </summary>
        public static bool EqualsIgnoreCase(string text, int start, int length, string other)
        {
            if (text == null || other == null || other.Length != length || start < 0 || start > text.Length - length)
            {
                return false;
            }

            return RegionEqualsIgnoreCase(text, start, other);
        }

        /// <summary>
        /// True when <paramref name="text"/>[<paramref name="start"/> .. start + length) equals <paramref name="other"/>
        /// exactly (for case-sensitive tokens such as methods), without taking a substring.
        /// </summary>
        internal static bool RegionEquals(string text, int start, int length, string other)
        {
            if (text == null || other == null || other.Length != length || start < 0 || start > text.Length - length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (text[start + i] != other[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The ASCII lower-case form of a letter; any other char is returned unchanged.</summary>
        public static char ToLower(char c) => c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;

        private static bool RegionEqualsIgnoreCase(string text, int start, string other)
        {
            for (int i = 0; i < other.Length; i++)
            {
                char x = text[start + i];
                char y = other[i];
                if (x != y && ToLower(x) != ToLower(y))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
