using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Headers
{
    /// <summary>The CSeq header (RFC 3261 §20.16): a sequence number and a method.</summary>
    public sealed class CSeqHeader
    {
        /// <summary>The largest sequence number RFC 3261 §8.1.1.5 allows (2^32 - 1).</summary>
        public const long MaxNumber = 4294967295L;

        /// <summary>Creates a CSeq value.</summary>
        public CSeqHeader(long number, string method)
        {
            Number = number;
            Method = method;
        }

        /// <summary>The sequence number, 0 .. 2^32-1.</summary>
        public long Number { get; }

        /// <summary>The method, case-sensitive.</summary>
        public string Method { get; }

        /// <summary>Parses <c>4711 INVITE</c>; a number beyond 2^32-1 or a missing method is an error.</summary>
        public static CSeqHeader Parse(string value)
        {
            if (value == null)
            {
                throw new SipParseException("CSeq value is missing");
            }

            long number = Scan(value, out int methodStart, out int methodEnd);
            return new CSeqHeader(number, value.Substring(methodStart, methodEnd - methodStart));
        }

        /// <summary>Checks a CSeq value without allocating; returns the number and where the method lies.</summary>
        internal static long Scan(string value, out int methodStart, out int methodEnd)
        {
            int end = value.Length;
            int i = SipParameters.SkipWhitespace(value, 0, end);
            int digitsStart = i;
            long number = 0;
            while (i < end && SipChars.IsDigit(value[i]))
            {
                number = (number * 10) + (value[i] - '0');
                if (number > MaxNumber)
                {
                    throw new SipParseException("CSeq number exceeds 2^32-1: '" + value + "'");
                }

                i++;
            }

            if (i == digitsStart)
            {
                throw new SipParseException("CSeq lacks a sequence number: '" + value + "'");
            }

            int gap = i;
            i = SipParameters.SkipWhitespace(value, i, end);
            methodStart = i;
            while (i < end && SipChars.IsToken(value[i]))
            {
                i++;
            }

            methodEnd = i;
            if (gap == methodStart || methodStart == i || SipParameters.SkipWhitespace(value, i, end) != end)
            {
                throw new SipParseException("malformed CSeq: '" + value + "'");
            }

            return number;
        }

        /// <inheritdoc/>
        public override string ToString() => Number.ToString() + " " + Method;
    }
}
