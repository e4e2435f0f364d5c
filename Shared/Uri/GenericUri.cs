using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Uri
{
    /// <summary>
    /// An absolute URI of a scheme this stack does not interpret (http:, im:, isbn:, ...), held as
    /// scheme and opaque text so it can be carried, compared and answered with 416 where it is a Request-URI.
    /// </summary>
    public sealed class GenericUri : AddressUri
    {
        private readonly string _scheme;

        /// <summary>Creates <c>scheme:specificPart</c>.</summary>
        public GenericUri(string scheme, string specificPart)
        {
            _scheme = scheme.ToLower();
            SpecificPart = specificPart;
        }

        /// <inheritdoc/>
        public override string Scheme => _scheme;

        /// <summary>Everything after the colon, as written (escapes are not decoded).</summary>
        public string SpecificPart { get; }

        /// <summary>Parses <c>scheme:rest</c> with RFC 3261 absoluteURI syntax.</summary>
        public static new GenericUri Parse(string text)
        {
            if (text == null)
            {
                throw new SipParseException("URI is missing");
            }

            return Parse(text, 0, text.Length);
        }

        /// <summary>Parses the absolute URI <c>text[start..end)</c>.</summary>
        public static new GenericUri Parse(string text, int start, int end)
        {
            int colon = ScanScheme(text, start, end);
            Scan(text, start, colon, end);
            return new GenericUri(text.Substring(start, colon - start), text.Substring(colon + 1, end - colon - 1));
        }

        /// <inheritdoc/>
        public override string ToString() => _scheme + ":" + SpecificPart;

        /// <summary>Scheme case-insensitive, the rest compared exactly.</summary>
        public override bool Equals(object obj)
        {
            var other = obj as GenericUri;
            return other != null && other._scheme == _scheme && other.SpecificPart == SpecificPart;
        }

        /// <inheritdoc/>
        public override int GetHashCode() => SpecificPart.GetHashCode();

        internal static void Scan(string s, int start, int colon, int end)
        {
            int i = colon + 1;
            if (i >= end)
            {
                throw new SipParseException("URI has nothing after its scheme: '" + s.Substring(start, end - start) + "'");
            }

            while (i < end)
            {
                char c = s[i];
                if (c == '%')
                {
                    i = UriEscaping.CheckEscape(s, i, end, "URI");
                    continue;
                }

                if (!SipChars.IsUric(c) && c != '[' && c != ']')
                {
                    throw new SipParseException("invalid character '" + c + "' in URI '" + s.Substring(start, end - start) + "'");
                }

                i++;
            }
        }
    }
}
