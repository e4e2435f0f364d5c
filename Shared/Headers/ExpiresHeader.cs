using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Headers
{
    /// <summary>delta-seconds values: the Expires and Min-Expires headers, expires and retry-after parameters.</summary>
    public static class ExpiresHeader
    {
        /// <summary>The largest delta-seconds value accepted (2^32-1).</summary>
        public const long MaxSeconds = 4294967295L;

        /// <summary>
        /// Parses delta-seconds (<c>1*DIGIT</c>, surrounding whitespace allowed). A value beyond 2^32-1 or anything
        /// but digits is an error; a caller may then fall back to its default expiry (RFC 4475 §3.1.2.4).
        /// </summary>
        public static long Parse(string value)
        {
            if (value == null)
            {
                throw new SipParseException("expiry value is missing");
            }

            int end = value.Length;
            while (end > 0 && SipChars.IsWhitespace(value[end - 1]))
            {
                end--;
            }

            int i = SipParameters.SkipWhitespace(value, 0, end);
            if (i == end)
            {
                throw new SipParseException("empty delta-seconds value");
            }

            long n = 0;
            for (; i < end; i++)
            {
                char c = value[i];
                if (!SipChars.IsDigit(c))
                {
                    throw new SipParseException("delta-seconds must be digits: '" + value + "'");
                }

                n = (n * 10) + (c - '0');
                if (n > MaxSeconds)
                {
                    throw new SipParseException("delta-seconds exceeds 2^32-1: '" + value + "'");
                }
            }

            return n;
        }
    }
}
