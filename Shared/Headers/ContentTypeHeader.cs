using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Headers
{
    /// <summary>The Content-Type header (RFC 3261 §20.15): <c>type/subtype;param=value</c>.</summary>
    public sealed class ContentTypeHeader
    {
        /// <summary>Creates <c>type/subtype</c> with no parameters.</summary>
        public ContentTypeHeader(string type, string subtype)
        {
            Type = type;
            Subtype = subtype;
            Parameters = new SipParameters();
        }

        /// <summary>The top-level type as received (compare case-insensitively).</summary>
        public string Type { get; }

        /// <summary>The subtype as received (compare case-insensitively).</summary>
        public string Subtype { get; }

        /// <summary><c>type/subtype</c> without parameters.</summary>
        public string MediaType => Type + "/" + Subtype;

        /// <summary>Parameters such as charset or boundary, in order.</summary>
        public SipParameters Parameters { get; private set; }

        /// <summary>Whether this is <paramref name="type"/>/<paramref name="subtype"/>, ignoring case.</summary>
        public bool Is(string type, string subtype)
            => SipHeaderNames.EqualsIgnoreCase(Type, type) && SipHeaderNames.EqualsIgnoreCase(Subtype, subtype);

        /// <summary>Parses a Content-Type value.</summary>
        public static ContentTypeHeader Parse(string value)
        {
            if (value == null)
            {
                throw new SipParseException("Content-Type value is missing");
            }

            int paramsStart = Scan(value, out int typeStart, out int typeEnd, out int subStart, out int subEnd);
            var result = new ContentTypeHeader(
                value.Substring(typeStart, typeEnd - typeStart), value.Substring(subStart, subEnd - subStart));
            SipParameters.Scan(value, paramsStart, value.Length, result.Parameters);
            return result;
        }

        /// <inheritdoc/>
        public override string ToString() => Type + "/" + Subtype + Parameters.ToString();

        /// <summary>Checks a Content-Type value without allocating.</summary>
        internal static void Validate(string value)
        {
            int paramsStart = Scan(value, out int _, out int _, out int _, out int _);
            SipParameters.Scan(value, paramsStart, value.Length, null);
        }

        private static int Scan(string value, out int typeStart, out int typeEnd, out int subStart, out int subEnd)
        {
            int end = value.Length;
            int i = SipParameters.SkipWhitespace(value, 0, end);
            typeStart = i;
            while (i < end && SipChars.IsToken(value[i]))
            {
                i++;
            }

            typeEnd = i;
            i = SipParameters.SkipWhitespace(value, i, end);
            if (typeEnd == typeStart || i >= end || value[i] != '/')
            {
                throw new SipParseException("malformed media type (expected type/subtype): '" + value + "'");
            }

            i = SipParameters.SkipWhitespace(value, i + 1, end);
            subStart = i;
            while (i < end && SipChars.IsToken(value[i]))
            {
                i++;
            }

            subEnd = i;
            if (subEnd == subStart)
            {
                throw new SipParseException("malformed media type (expected type/subtype): '" + value + "'");
            }

            return i;
        }
    }
}
