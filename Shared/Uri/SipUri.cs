using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Uri
{
    /// <summary>
    /// A sip: or sips: URI (RFC 3261 §19.1): <c>sip:user:password@host:port;uri-parameters?headers</c>.
    /// User, password, parameter and header texts are held %-decoded (decoded exactly once, when parsed)
    /// and escaped again when formatted.
    /// </summary>
    public sealed class SipUri : AddressUri
    {
        /// <summary>Creates <c>sip:user@host:port</c>; <paramref name="user"/> may be null, <paramref name="port"/> 0 for none.</summary>
        public SipUri(string user, string host, int port)
        {
            User = user;
            Host = host;
            Port = port;
            Parameters = new SipParameters();
            Headers = new SipParameters();
        }

        /// <summary>Creates <c>sip:host</c>.</summary>
        public SipUri(string host)
            : this(null, host, 0)
        {
        }

        /// <summary>True for sips:.</summary>
        public bool IsSecure { get; set; }

        /// <inheritdoc/>
        public override string Scheme => IsSecure ? "sips" : "sip";

        /// <summary>The user part, %-decoded; null when absent.</summary>
        public string User { get; set; }

        /// <summary>The password, %-decoded; null when absent.</summary>
        public string Password { get; set; }

        /// <summary>The host: a name, an IPv4 address or a bracketed IPv6 reference, as written.</summary>
        public string Host { get; set; }

        /// <summary>The port; 0 when absent (which is not the same URI as an explicit 5060, §19.1.4).</summary>
        public int Port { get; set; }

        /// <summary>uri-parameters in order, names and values %-decoded; unknown ones are kept.</summary>
        public SipParameters Parameters { get; private set; }

        /// <summary>URI headers (<c>?name=value&amp;...</c>) in order, %-decoded.</summary>
        public SipParameters Headers { get; private set; }

        /// <summary>The transport parameter, or null.</summary>
        public string Transport
        {
            get => Parameters.Get("transport");
            set => SetOrRemove("transport", value);
        }

        /// <summary>The user parameter (<c>phone</c>, <c>ip</c>), or null.</summary>
        public string UserParam
        {
            get => Parameters.Get("user");
            set => SetOrRemove("user", value);
        }

        /// <summary>The method parameter, or null.</summary>
        public string Method
        {
            get => Parameters.Get("method");
            set => SetOrRemove("method", value);
        }

        /// <summary>The maddr parameter, or null.</summary>
        public string Maddr
        {
            get => Parameters.Get("maddr");
            set => SetOrRemove("maddr", value);
        }

        /// <summary>The ttl parameter (0..255), or -1 when absent or malformed.</summary>
        public int Ttl
        {
            get
            {
                string v = Parameters.Get("ttl");
                if (v == null || v.Length == 0 || v.Length > 3)
                {
                    return -1;
                }

                int n = 0;
                for (int i = 0; i < v.Length; i++)
                {
                    if (!SipChars.IsDigit(v[i]))
                    {
                        return -1;
                    }

                    n = (n * 10) + (v[i] - '0');
                }

                return n <= 255 ? n : -1;
            }

            set
            {
                if (value < 0)
                {
                    Parameters.Remove("ttl");
                }
                else
                {
                    Parameters.Set("ttl", value.ToString());
                }
            }
        }

        /// <summary>Whether the lr (loose routing) flag is present.</summary>
        public bool Lr
        {
            get => Parameters.Contains("lr");
            set
            {
                if (value)
                {
                    Parameters.Set("lr", null);
                }
                else
                {
                    Parameters.Remove("lr");
                }
            }
        }

        /// <summary>Parses a sip: or sips: URI.</summary>
        public static new SipUri Parse(string text)
        {
            if (text == null)
            {
                throw new SipParseException("URI is missing");
            }

            return Parse(text, 0, text.Length);
        }

        /// <summary>Parses the sip: or sips: URI <c>text[start..end)</c>.</summary>
        public static new SipUri Parse(string text, int start, int end)
        {
            Scan(text, start, end, out SipUriParts p);
            var uri = new SipUri(null, text.Substring(p.HostStart, p.HostEnd - p.HostStart), p.Port);
            uri.IsSecure = p.Kind == KindSips;
            if (p.UserStart >= 0)
            {
                uri.User = UriEscaping.Unescape(text, p.UserStart, p.UserEnd);
            }

            if (p.PasswordStart >= 0)
            {
                uri.Password = UriEscaping.Unescape(text, p.PasswordStart, p.PasswordEnd);
            }

            ReadPairs(text, p.ParamsStart, p.ParamsEnd, ';', uri.Parameters);
            if (p.HeadersStart >= 0)
            {
                ReadPairs(text, p.HeadersStart - 1, p.HeadersEnd, '&', uri.Headers);
            }

            return uri;
        }

        /// <summary>Parses like <see cref="Parse(string)"/> but returns false instead of throwing.</summary>
        public static bool TryParse(string text, out SipUri uri)
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

        /// <summary>Formats the URI, escaping what each component may not hold.</summary>
        public override string ToString()
        {
            string s = IsSecure ? "sips:" : "sip:";
            if (User != null)
            {
                s += UriEscaping.Escape(User, UriEscaping.User);
                if (Password != null)
                {
                    s += ":" + UriEscaping.Escape(Password, UriEscaping.Password);
                }

                s += "@";
            }

            s += Host;
            if (Port > 0)
            {
                s += ":" + Port.ToString();
            }

            for (int i = 0; i < Parameters.Count; i++)
            {
                SipParameter p = Parameters[i];
                s += ";" + UriEscaping.Escape(p.Name, UriEscaping.Param);
                if (p.Value != null)
                {
                    s += "=" + UriEscaping.Escape(p.Value, UriEscaping.Param);
                }
            }

            for (int i = 0; i < Headers.Count; i++)
            {
                SipParameter h = Headers[i];
                s += (i == 0 ? "?" : "&") + UriEscaping.Escape(h.Name, UriEscaping.Header) + "="
                    + UriEscaping.Escape(h.Value ?? string.Empty, UriEscaping.Header);
            }

            return s;
        }

        /// <summary>
        /// URI equality per RFC 3261 §19.1.4: user and password case-sensitive, host case-insensitive, port
        /// must match (absent differs from 5060); user/ttl/method/maddr/transport must appear in both or neither; other
        /// parameters are compared only when both carry them; headers must all match.
        /// </summary>
        public override bool Equals(object obj)
        {
            var other = obj as SipUri;
            if (other == null || other.IsSecure != IsSecure || other.Port != Port
                || !string.Equals(User, other.User) || !string.Equals(Password, other.Password)
                || !SipHeaderNames.EqualsIgnoreCase(Host, other.Host))
            {
                return false;
            }

            if (!ParametersMatch(this, other) || !ParametersMatch(other, this))
            {
                return false;
            }

            if (Headers.Count != other.Headers.Count)
            {
                return false;
            }

            for (int i = 0; i < Headers.Count; i++)
            {
                SipParameter h = Headers[i];
                if (!other.Headers.Contains(h.Name) || !string.Equals(h.Value, other.Headers.Get(h.Name)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <inheritdoc/>
        public override int GetHashCode()
        {
            int hash = IsSecure ? 1 : 0;
            hash = (hash * 31) + Port;
            hash = (hash * 31) + Host.Length;
            if (User != null)
            {
                hash = (hash * 31) + User.GetHashCode();
            }

            return hash;
        }

        /// <summary>
        /// Checks the syntax of a sip/sips URI in <c>s[start..end)</c> and reports where its parts lie,
        /// without allocating. Throws <see cref="SipParseException"/> on malformed text.
        /// </summary>
        internal static void Scan(string s, int start, int end, out SipUriParts p)
        {
            int colon = ScanScheme(s, start, end);
            p = default;
            p.Kind = KindOf(s, start, colon);
            p.UserStart = -1;
            p.PasswordStart = -1;
            p.HeadersStart = -1;
            int i = colon + 1;
            int at = s.IndexOf('@', i, end - i);
            if (at >= 0)
            {
                p.UserStart = i;
                while (i < at && s[i] != ':')
                {
                    i = ScanChar(s, i, end, UriEscaping.User, "user part");
                }

                p.UserEnd = i;
                if (p.UserEnd == p.UserStart)
                {
                    throw new SipParseException("empty user part in '" + s.Substring(start, end - start) + "'");
                }

                if (i < at)
                {
                    i++;
                    p.PasswordStart = i;
                    while (i < at)
                    {
                        i = ScanChar(s, i, end, UriEscaping.Password, "password");
                    }

                    p.PasswordEnd = i;
                }

                i = at + 1;
            }

            p.HostStart = i;
            i = ScanHost(s, i, end);
            if (i == p.HostStart)
            {
                throw new SipParseException("URI lacks a host: '" + s.Substring(start, end - start) + "'");
            }

            p.HostEnd = i;
            if (i < end && s[i] == ':')
            {
                i++;
                int portStart = i;
                while (i < end && SipChars.IsDigit(s[i]))
                {
                    i++;
                }

                p.Port = ParsePort(s, portStart, i);
            }

            p.ParamsStart = i;
            while (i < end && s[i] == ';')
            {
                i++;
                int nameStart = i;
                while (i < end && s[i] != '=' && s[i] != ';' && s[i] != '?')
                {
                    i = ScanChar(s, i, end, UriEscaping.Param, "uri-parameter");
                }

                if (i == nameStart)
                {
                    throw new SipParseException("empty uri-parameter name in '" + s.Substring(start, end - start) + "'");
                }

                if (i < end && s[i] == '=')
                {
                    i++;
                    int valueStart = i;
                    while (i < end && s[i] != ';' && s[i] != '?')
                    {
                        i = ScanChar(s, i, end, UriEscaping.Param, "uri-parameter");
                    }

                    if (i == valueStart)
                    {
                        throw new SipParseException("empty uri-parameter value in '" + s.Substring(start, end - start) + "'");
                    }
                }
            }

            p.ParamsEnd = i;
            if (i < end && s[i] == '?')
            {
                i++;
                p.HeadersStart = i;
                while (true)
                {
                    int nameStart = i;
                    while (i < end && s[i] != '=')
                    {
                        i = ScanChar(s, i, end, UriEscaping.Header, "URI header");
                    }

                    if (i == nameStart || i >= end)
                    {
                        throw new SipParseException("malformed URI header (expected name=value) in '" + s.Substring(start, end - start) + "'");
                    }

                    i++;
                    while (i < end && s[i] != '&')
                    {
                        i = ScanChar(s, i, end, UriEscaping.Header, "URI header");
                    }

                    if (i >= end)
                    {
                        break;
                    }

                    i++;
                }

                p.HeadersEnd = i;
            }

            if (i != end)
            {
                throw new SipParseException("invalid character '" + s[i] + "' in URI '" + s.Substring(start, end - start) + "'");
            }
        }

        /// <summary>Scans a host name, IPv4 address or IPv6 reference; returns the index after it.</summary>
        internal static int ScanHost(string s, int i, int end)
        {
            if (i < end && s[i] == '[')
            {
                int close = s.IndexOf(']', i, end - i);
                if (close < 0)
                {
                    throw new SipParseException("unterminated IPv6 reference in '" + s + "'");
                }

                bool colon = false;
                for (int k = i + 1; k < close; k++)
                {
                    char c = s[k];
                    if (c == ':')
                    {
                        colon = true;
                    }
                    else if (!SipChars.IsHex(c) && c != '.')
                    {
                        throw new SipParseException("invalid IPv6 reference in '" + s + "'");
                    }
                }

                if (!colon)
                {
                    throw new SipParseException("invalid IPv6 reference in '" + s + "'");
                }

                return close + 1;
            }

            while (i < end && SipChars.IsHostNameChar(s[i]))
            {
                i++;
            }

            return i;
        }

        /// <summary>Parses 1..5 digits as a port 1..65535.</summary>
        internal static int ParsePort(string s, int start, int end)
        {
            if (end == start || end - start > 5)
            {
                throw new SipParseException("invalid port in '" + s + "'");
            }

            int port = 0;
            for (int i = start; i < end; i++)
            {
                port = (port * 10) + (s[i] - '0');
            }

            if (port > 65535 || port == 0)
            {
                throw new SipParseException("port out of range in '" + s + "'");
            }

            return port;
        }

        private static int ScanChar(string s, int i, int end, int component, string what)
        {
            char c = s[i];
            if (c == '%')
            {
                return UriEscaping.CheckEscape(s, i, end, what);
            }

            bool ok;
            switch (component)
            {
                case UriEscaping.User:
                    ok = SipChars.IsUserChar(c);
                    break;
                case UriEscaping.Password:
                    ok = SipChars.IsPasswordChar(c);
                    break;
                case UriEscaping.Param:
                    ok = SipChars.IsParamChar(c);
                    break;
                default:
                    ok = SipChars.IsHeaderChar(c);
                    break;
            }

            if (!ok)
            {
                throw new SipParseException("invalid character '" + c + "' in the " + what + " of '" + s + "'");
            }

            return i + 1;
        }

        /// <summary>Reads <c>;a=b;c</c> (or <c>?a=b&amp;c=d</c>) pairs of a validated URI, decoding each part once.</summary>
        private static void ReadPairs(string s, int i, int end, char separator, SipParameters into)
        {
            while (i < end)
            {
                i++; // the separator (';', '?' or '&')
                int nameStart = i;
                while (i < end && s[i] != '=' && s[i] != separator)
                {
                    i++;
                }

                string name = UriEscaping.Unescape(s, nameStart, i);
                string value = null;
                if (i < end && s[i] == '=')
                {
                    i++;
                    int valueStart = i;
                    while (i < end && s[i] != separator)
                    {
                        i++;
                    }

                    value = UriEscaping.Unescape(s, valueStart, i);
                }

                into.Add(name, value);
            }
        }

        private void SetOrRemove(string name, string value)
        {
            if (value == null)
            {
                Parameters.Remove(name);
            }
            else
            {
                Parameters.Set(name, value);
            }
        }

        private static bool ParametersMatch(SipUri a, SipUri b)
        {
            for (int i = 0; i < a.Parameters.Count; i++)
            {
                SipParameter p = a.Parameters[i];
                bool inOther = b.Parameters.Contains(p.Name);
                if (!inOther)
                {
                    // RFC 3261 §19.1.4 and its examples: these never match an absent one, even with a default value.
                    if (SipHeaderNames.EqualsIgnoreCase(p.Name, "user") || SipHeaderNames.EqualsIgnoreCase(p.Name, "ttl")
                        || SipHeaderNames.EqualsIgnoreCase(p.Name, "method") || SipHeaderNames.EqualsIgnoreCase(p.Name, "maddr")
                        || SipHeaderNames.EqualsIgnoreCase(p.Name, "transport"))
                    {
                        return false;
                    }

                    continue;
                }

                string otherValue = b.Parameters.Get(p.Name);
                if (p.Value == null ? otherValue != null : (otherValue == null || !EqualsIgnoreCaseText(p.Value, otherValue)))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool EqualsIgnoreCaseText(string a, string b) => a.Length == b.Length && a.ToLower() == b.ToLower();
    }

    /// <summary>Where the parts of a scanned sip/sips URI lie in its text; -1 starts mark absent parts.</summary>
    internal struct SipUriParts
    {
        public int Kind;
        public int UserStart;
        public int UserEnd;
        public int PasswordStart;
        public int PasswordEnd;
        public int HostStart;
        public int HostEnd;
        public int Port;
        public int ParamsStart;
        public int ParamsEnd;
        public int HeadersStart;
        public int HeadersEnd;
    }
}
