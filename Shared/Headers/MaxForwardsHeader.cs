using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Headers
{
    /// <summary>The Max-Forwards header (RFC 3261 §20.22): an integer 0..255.</summary>
    public static class MaxForwardsHeader
    {
        /// <summary>The value a UAC puts in a new request (§8.1.1.6).</summary>
        public const int Default = 70;

        /// <summary>Parses the value; anything but 1*DIGIT in 0..255 is an error.</summary>
        public static int Parse(string value)
        {
            if (value == null)
            {
                throw new SipParseException("Max-Forwards value is missing");
            }

            return Scan(value);
        }

        internal static int Scan(string value)
        {
            int end = value.Length;
            while (end > 0 && SipChars.IsWhitespace(value[end - 1]))
            {
                end--;
            }

            int i = SipParameters.SkipWhitespace(value, 0, end);
            if (i == end)
            {
                throw new SipParseException("empty Max-Forwards");
            }

            int n = 0;
            for (; i < end; i++)
            {
                char c = value[i];
                if (!SipChars.IsDigit(c))
                {
                    throw new SipParseException("Max-Forwards must be digits: '" + value + "'");
                }

                n = (n * 10) + (c - '0');
                if (n > 255)
                {
                    throw new SipParseException("Max-Forwards exceeds 255: '" + value + "'");
                }
            }

            return n;
        }
    }
}
