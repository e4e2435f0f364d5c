using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Sip.Headers
{
    /// <summary>
    /// The value of a From, To, Contact, Route or Record-Route header (RFC 3261 §20.10, §25.1):
    /// an optional display name, a URI in &lt;&gt; or bare, and header parameters such as tag, expires or q.
    /// When the URI is bare, everything after the first ';' belongs to the header, never to the URI;
    /// a URI holding ',', ';' or '?' must therefore be written in &lt;&gt;.
    /// </summary>
    public sealed class NameAddress
    {
        internal const int ModeFromTo = 0;
        internal const int ModeContact = 1;
        internal const int ModeRoute = 2;

        /// <summary>Creates an address; <paramref name="displayName"/> may be null.</summary>
        public NameAddress(string displayName, AddressUri uri)
        {
            DisplayName = displayName;
            Uri = uri;
            Parameters = new SipParameters();
        }

        private NameAddress()
        {
            Parameters = new SipParameters();
        }

        /// <summary>The display name, unquoted and unescaped; null when absent.</summary>
        public string DisplayName { get; set; }

        /// <summary>The URI; null for the wildcard Contact <c>*</c>.</summary>
        public AddressUri Uri { get; set; }

        /// <summary>The URI when it is a sip/sips URI, else null.</summary>
        public SipUri SipUri => Uri as SipUri;

        /// <summary>Header parameters (tag, expires, q, unknown ones) in order.</summary>
        public SipParameters Parameters { get; private set; }

        /// <summary>Whether this is the Contact wildcard <c>*</c> (REGISTER removing all bindings).</summary>
        public bool IsWildcard { get; private set; }

        /// <summary>The tag parameter, or null.</summary>
        public string Tag
        {
            get => Parameters.Get("tag");
            set
            {
                if (value == null)
                {
                    Parameters.Remove("tag");
                }
                else
                {
                    Parameters.Set("tag", value);
                }
            }
        }

        /// <summary>The Contact wildcard <c>*</c>.</summary>
        public static NameAddress CreateWildcard()
        {
            var a = new NameAddress();
            a.IsWildcard = true;
            return a;
        }

        /// <summary>Parses a From or To value (name-addr or addr-spec, then parameters).</summary>
        public static NameAddress Parse(string value) => Parse(value, ModeFromTo);

        /// <summary>Parses one Contact value; <c>*</c> gives the wildcard.</summary>
        public static NameAddress ParseContact(string value) => Parse(value, ModeContact);

        /// <summary>Parses one Route or Record-Route value, which must be a name-addr (URI in &lt;&gt;).</summary>
        public static NameAddress ParseRoute(string value) => Parse(value, ModeRoute);

        /// <summary>Formats the value with the URI in &lt;&gt; and the display name quoted when it needs to be.</summary>
        public override string ToString()
        {
            if (IsWildcard)
            {
                return "*";
            }

            string s = string.Empty;
            if (DisplayName != null)
            {
                s = FormatDisplayName(DisplayName) + " ";
            }

            return s + "<" + Uri.ToString() + ">" + Parameters.ToString();
        }

        /// <summary>Checks the syntax of one value without allocating; throws <see cref="SipParseException"/>.</summary>
        internal static void Validate(string s, int start, int end, int mode)
        {
            Scan(s, start, end, mode, out NameAddressParts p);
            if (p.Wildcard)
            {
                return;
            }

            AddressUri.Validate(s, p.UriStart, p.UriEnd, p.Bracketed ? AddressUri.ContextBracketed : AddressUri.ContextBare);
            SipParameters.Scan(s, p.ParamsStart, end, null);
        }

        internal static void Scan(string s, int start, int end, int mode, out NameAddressParts p)
        {
            p = default;
            p.DisplayStart = -1;
            while (end > start && SipChars.IsWhitespace(s[end - 1]))
            {
                end--;
            }

            int i = SipParameters.SkipWhitespace(s, start, end);
            if (i >= end)
            {
                throw new SipParseException("empty address");
            }

            if (mode == ModeContact && s[i] == '*')
            {
                if (SipParameters.SkipWhitespace(s, i + 1, end) != end)
                {
                    throw new SipParseException("a wildcard Contact must stand alone: '" + s + "'");
                }

                p.Wildcard = true;
                p.ParamsStart = end;
                return;
            }

            if (s[i] == '"')
            {
                int q = i + 1;
                while (true)
                {
                    if (q >= end)
                    {
                        throw new SipParseException("unterminated quoted display name in '" + s + "'");
                    }

                    char c = s[q];
                    if (c == '\\')
                    {
                        q += 2;
                        continue;
                    }

                    if (c == '"')
                    {
                        break;
                    }

                    q++;
                }

                p.DisplayStart = i + 1;
                p.DisplayEnd = q;
                p.DisplayQuoted = true;
                i = SipParameters.SkipWhitespace(s, q + 1, end);
                if (i >= end || s[i] != '<')
                {
                    throw new SipParseException("a quoted display name must be followed by <URI>: '" + s + "'");
                }
            }
            else if (s[i] != '<')
            {
                int k = i;
                int tokensEnd = i;
                while (k < end)
                {
                    char c = s[k];
                    if (SipChars.IsToken(c))
                    {
                        k++;
                        tokensEnd = k;
                    }
                    else if (SipChars.IsWhitespace(c))
                    {
                        k++;
                    }
                    else
                    {
                        break;
                    }
                }

                if (k < end && s[k] == '<')
                {
                    p.DisplayStart = i;
                    p.DisplayEnd = tokensEnd;
                    i = k;
                }
                else if (s.IndexOf('<', k, end - k) >= 0)
                {
                    throw new SipParseException("display name must be a token sequence or a quoted string: '" + s + "'");
                }
            }

            if (s[i] == '<')
            {
                int close = s.IndexOf('>', i + 1, end - i - 1);
                if (close < 0)
                {
                    throw new SipParseException("unterminated <URI> in '" + s + "'");
                }

                p.UriStart = i + 1;
                p.UriEnd = close;
                p.Bracketed = true;
                if (p.UriEnd > p.UriStart && (SipChars.IsWhitespace(s[p.UriStart]) || SipChars.IsWhitespace(s[p.UriEnd - 1])))
                {
                    throw new SipParseException("whitespace inside <> around the URI in '" + s + "'");
                }

                p.ParamsStart = close + 1;
                return;
            }

            if (mode == ModeRoute)
            {
                throw new SipParseException("a Route or Record-Route value must be a URI in <>: '" + s + "'");
            }

            int u = i;
            while (u < end && s[u] != ';' && !SipChars.IsWhitespace(s[u]))
            {
                u++;
            }

            p.UriStart = i;
            p.UriEnd = u;
            p.ParamsStart = u;
        }

        internal static string FormatDisplayName(string name)
        {
            bool plain = name.Length > 0 && name[0] != ' ' && name[name.Length - 1] != ' ';
            for (int i = 0; plain && i < name.Length; i++)
            {
                plain = SipChars.IsToken(name[i]) || name[i] == ' ';
            }

            if (plain)
            {
                return name;
            }

            var chars = new char[(name.Length * 2) + 2];
            int n = 0;
            chars[n++] = '"';
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (c == '\r' || c == '\n')
                {
                    c = ' ';
                }
                else if (c == '"' || c == '\\' || c < 0x20 || c == 0x7F)
                {
                    chars[n++] = '\\';
                }

                chars[n++] = c;
            }

            chars[n++] = '"';
            return new string(chars, 0, n);
        }

        private static NameAddress Parse(string value, int mode)
        {
            if (value == null)
            {
                throw new SipParseException("address is missing");
            }

            int end = value.Length;
            Scan(value, 0, end, mode, out NameAddressParts p);
            var result = new NameAddress();
            if (p.Wildcard)
            {
                result.IsWildcard = true;
                return result;
            }

            if (p.DisplayStart >= 0)
            {
                result.DisplayName = p.DisplayQuoted
                    ? Unquote(value, p.DisplayStart, p.DisplayEnd)
                    : value.Substring(p.DisplayStart, p.DisplayEnd - p.DisplayStart);
            }

            AddressUri.Validate(value, p.UriStart, p.UriEnd, p.Bracketed ? AddressUri.ContextBracketed : AddressUri.ContextBare);
            result.Uri = AddressUri.Parse(value, p.UriStart, p.UriEnd);
            SipParameters.Scan(value, p.ParamsStart, end, result.Parameters);
            return result;
        }

        private static string Unquote(string s, int start, int end)
        {
            if (s.IndexOf('\\', start, end - start) < 0)
            {
                return s.Substring(start, end - start);
            }

            var chars = new char[end - start];
            int n = 0;
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                if (c == '\\' && i + 1 < end)
                {
                    c = s[++i];
                }

                chars[n++] = c;
            }

            return new string(chars, 0, n);
        }
    }

    /// <summary>Where the parts of a scanned name-addr or addr-spec lie; DisplayStart is -1 when there is no display name.</summary>
    internal struct NameAddressParts
    {
        public bool Wildcard;
        public int DisplayStart;
        public int DisplayEnd;
        public bool DisplayQuoted;
        public int UriStart;
        public int UriEnd;
        public bool Bracketed;
        public int ParamsStart;
    }
}
