using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Headers
{
    /// <summary>
    /// Splits a comma-separated header value (RFC 3261 §7.3.1) into its elements. Commas inside a quoted
    /// string or inside &lt;...&gt; do not separate. The parser uses it to store one header per list element.
    /// </summary>
    public static class HeaderValueSplitter
    {
        // Where the scan stands: commas separate only in Plain.
        private const int Plain = 0;
        private const int Quoted = 1;
        private const int QuotedEscape = 2;
        private const int Angle = 3;

        /// <summary>
        /// The elements of <paramref name="value"/>, each trimmed of surrounding whitespace. An empty element
        /// (as in <c>a,,b</c>) is returned as an empty string so callers can reject it; an empty value gives none.
        /// </summary>
        public static string[] Split(string value)
        {
            int end = value.Length;
            int first = SipParameters.SkipWhitespace(value, 0, end);
            if (first == end)
            {
                return new string[0];
            }

            int count = 0;
            int i = 0;
            while (true)
            {
                count++;
                int comma = FindSeparator(value, i, end);
                if (comma >= end)
                {
                    break;
                }

                i = comma + 1;
            }

            var parts = new string[count];
            i = 0;
            for (int n = 0; n < count; n++)
            {
                int comma = FindSeparator(value, i, end);
                int s = SipParameters.SkipWhitespace(value, i, comma);
                int e = comma;
                while (e > s && SipChars.IsWhitespace(value[e - 1]))
                {
                    e--;
                }

                parts[n] = value.Substring(s, e - s);
                i = comma + 1;
            }

            return parts;
        }

        /// <summary>The index of the next separating comma in <c>s[start..end)</c>, or <paramref name="end"/>.</summary>
        public static int FindSeparator(string s, int start, int end)
        {
            int state = Plain;
            for (int i = start; i < end; i++)
            {
                if (Step(s[i], ref state))
                {
                    return i;
                }
            }

            return end;
        }

        /// <summary>The same as <see cref="FindSeparator(string, int, int)"/> over a char buffer (the parser's scratch).</summary>
        internal static int FindSeparator(char[] s, int start, int end)
        {
            int state = Plain;
            for (int i = start; i < end; i++)
            {
                if (Step(s[i], ref state))
                {
                    return i;
                }
            }

            return end;
        }

        /// <summary>Moves the scan over <paramref name="c"/>; true when it is a separating comma.</summary>
        private static bool Step(char c, ref int state)
        {
            switch (state)
            {
                case Quoted:
                    state = c == '\\' ? QuotedEscape : c == '"' ? Plain : Quoted;
                    return false;
                case QuotedEscape:
                    state = Quoted;
                    return false;
                case Angle:
                    state = c == '>' ? Plain : Angle;
                    return false;
                default:
                    state = c == '"' ? Quoted : c == '<' ? Angle : Plain;
                    return c == ',';
            }
        }
    }
}
