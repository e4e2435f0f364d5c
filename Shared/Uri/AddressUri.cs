using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Uri
{
    /// <summary>
    /// An absolute URI as SIP carries it in a Request-URI, From, To, Contact or Route: a <see cref="SipUri"/>
    /// (sip, sips), a <see cref="TelUri"/> (tel) or, for any other scheme, a <see cref="GenericUri"/> kept
    /// opaque so a server can still answer 416 Unsupported URI Scheme.
    /// </summary>
    public abstract class AddressUri
    {
        internal const int KindOther = 0;
        internal const int KindSip = 1;
        internal const int KindSips = 2;
        internal const int KindTel = 3;

        /// <summary>How the URI appears: inside a header's &lt;&gt;, bare in a header, or as a Request-URI.</summary>
        internal const int ContextBracketed = 0;
        internal const int ContextBare = 1;
        internal const int ContextRequestUri = 2;

        /// <summary>The scheme in lower case (<c>sip</c>, <c>sips</c>, <c>tel</c>, ...).</summary>
        public abstract string Scheme { get; }

        /// <summary>Whether this is a sip: or sips: URI.</summary>
        public bool IsSip => this is SipUri;

        /// <summary>Parses an absolute URI, choosing the class by scheme.</summary>
        public static AddressUri Parse(string text)
        {
            if (text == null)
            {
                throw new SipParseException("URI is missing");
            }

            return Parse(text, 0, text.Length);
        }

        /// <summary>Parses the absolute URI <c>text[start..end)</c>.</summary>
        public static AddressUri Parse(string text, int start, int end)
        {
            int colon = ScanScheme(text, start, end);
            switch (KindOf(text, start, colon))
            {
                case KindSip:
                case KindSips:
                    return SipUri.Parse(text, start, end);
                case KindTel:
                    return TelUri.Parse(text, start, end);
                default:
                    return GenericUri.Parse(text, start, end);
            }
        }

        /// <summary>Parses like <see cref="Parse(string)"/> but returns false instead of throwing.</summary>
        public static bool TryParse(string text, out AddressUri uri)
        {
            try
            {
                uri = Parse(text);
                return true;
            }
            catch (SipParseException)
            {
                uri = null;
                return false;
            }
        }

        /// <summary>Whether <paramref name="scheme"/> is sip, sips or tel, the schemes this stack routes.</summary>
        public static bool IsSupportedScheme(string scheme)
            => SipHeaderNames.EqualsIgnoreCase(scheme, "sip") || SipHeaderNames.EqualsIgnoreCase(scheme, "sips")
            || SipHeaderNames.EqualsIgnoreCase(scheme, "tel");

        /// <summary>The scheme of the URI text in lower case, or null when it does not start with one.</summary>
        public static string SchemeOf(string text)
        {
            if (text == null)
            {
                return null;
            }

            int i = 0;
            while (i < text.Length && (SipChars.IsAlphaNum(text[i]) || text[i] == '+' || text[i] == '-' || text[i] == '.'))
            {
                i++;
            }

            return i > 0 && i < text.Length && text[i] == ':' && SipChars.IsAlpha(text[0]) ? text.Substring(0, i).ToLower() : null;
        }

        /// <summary>
        /// Checks the syntax of <c>text[start..end)</c> without allocating; throws <see cref="SipParseException"/>.
        /// A SIP URI used as Request-URI may not carry headers; a bare one in a header may not hold '?' or ','.
        /// </summary>
        internal static int Validate(string text, int start, int end, int context)
        {
            int colon = ScanScheme(text, start, end);
            int kind = KindOf(text, start, colon);
            switch (kind)
            {
                case KindSip:
                case KindSips:
                    SipUri.Scan(text, start, end, out SipUriParts parts);
                    if (parts.HeadersStart >= 0 && context == ContextRequestUri)
                    {
                        throw new SipParseException("a SIP Request-URI must not carry headers (RFC 3261 §19.1.1): '" + text.Substring(start, end - start) + "'");
                    }

                    if (context == ContextBare && (parts.HeadersStart >= 0 || text.IndexOf(',', start, end - start) >= 0))
                    {
                        throw new SipParseException("a URI holding ',', ';' or '?' must be enclosed in <> (RFC 3261 §20.10): '" + text + "'");
                    }

                    break;
                case KindTel:
                    TelUri.Scan(text, start, end);
                    break;
                default:
                    GenericUri.Scan(text, start, colon, end);
                    if (context == ContextBare && (text.IndexOf(',', start, end - start) >= 0 || text.IndexOf('?', start, end - start) >= 0))
                    {
                        throw new SipParseException("a URI holding ',', ';' or '?' must be enclosed in <> (RFC 3261 §20.10): '" + text + "'");
                    }

                    break;
            }

            return kind;
        }

        /// <summary>Scans <c>scheme ":"</c>; returns the index of the colon.</summary>
        internal static int ScanScheme(string text, int start, int end)
        {
            int i = start;
            if (i >= end || !SipChars.IsAlpha(text[i]))
            {
                throw new SipParseException("URI lacks a scheme: '" + text.Substring(start, end - start) + "'");
            }

            while (i < end && (SipChars.IsAlphaNum(text[i]) || text[i] == '+' || text[i] == '-' || text[i] == '.'))
            {
                i++;
            }

            if (i >= end || text[i] != ':')
            {
                throw new SipParseException("URI lacks a scheme: '" + text.Substring(start, end - start) + "'");
            }

            return i;
        }

        internal static int KindOf(string text, int start, int colon)
        {
            int n = colon - start;
            if (n == 3 && (text[start] | 0x20) == 's' && (text[start + 1] | 0x20) == 'i' && (text[start + 2] | 0x20) == 'p')
            {
                return KindSip;
            }

            if (n == 4 && (text[start] | 0x20) == 's' && (text[start + 1] | 0x20) == 'i' && (text[start + 2] | 0x20) == 'p'
                && (text[start + 3] | 0x20) == 's')
            {
                return KindSips;
            }

            if (n == 3 && (text[start] | 0x20) == 't' && (text[start + 1] | 0x20) == 'e' && (text[start + 2] | 0x20) == 'l')
            {
                return KindTel;
            }

            return KindOther;
        }
    }
}
