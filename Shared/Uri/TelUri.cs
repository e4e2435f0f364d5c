using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Uri
{
    /// <summary>
    /// A tel: URI (RFC 3966): a global number (<c>tel:+1-201-555-0123</c>) or a local number that carries a
    /// phone-context (<c>tel:7042;phone-context=example.com</c>), followed by parameters such as ext and isub.
    /// </summary>
    public sealed class TelUri : AddressUri
    {
        /// <summary>Creates a tel URI for <paramref name="number"/> (with '+' for a global number).</summary>
        public TelUri(string number)
        {
            Number = number;
            Parameters = new SipParameters();
        }

        /// <inheritdoc/>
        public override string Scheme => "tel";

        /// <summary>The number as written, visual separators (<c>-.()</c>) included.</summary>
        public string Number { get; set; }

        /// <summary>Whether the number is global (starts with '+').</summary>
        public bool IsGlobal => Number != null && Number.Length > 0 && Number[0] == '+';

        /// <summary>Parameters in order (ext, isub, phone-context and unknown ones), %-decoded.</summary>
        public SipParameters Parameters { get; private set; }

        /// <summary>The phone-context parameter, or null.</summary>
        public string PhoneContext => Parameters.Get("phone-context");

        /// <summary>The ext parameter, or null.</summary>
        public string Extension => Parameters.Get("ext");

        /// <summary>The number without visual separators, e.g. <c>+12015550123</c>.</summary>
        public string Digits
        {
            get
            {
                var chars = new char[Number.Length];
                int n = 0;
                for (int i = 0; i < Number.Length; i++)
                {
                    char c = Number[i];
                    if (!IsVisualSeparator(c))
                    {
                        chars[n++] = c;
                    }
                }

                return new string(chars, 0, n);
            }
        }

        /// <summary>Parses a tel: URI.</summary>
        public static new TelUri Parse(string text)
        {
            if (text == null)
            {
                throw new SipParseException("URI is missing");
            }

            return Parse(text, 0, text.Length);
        }

        /// <summary>Parses the tel: URI <c>text[start..end)</c>.</summary>
        public static new TelUri Parse(string text, int start, int end)
        {
            int numberEnd = Scan(text, start, end);
            int numberStart = text.IndexOf(':', start) + 1;
            var uri = new TelUri(text.Substring(numberStart, numberEnd - numberStart));
            int i = numberEnd;
            while (i < end)
            {
                i++;
                int nameStart = i;
                while (i < end && text[i] != '=' && text[i] != ';')
                {
                    i++;
                }

                string name = text.Substring(nameStart, i - nameStart);
                string value = null;
                if (i < end && text[i] == '=')
                {
                    int valueStart = ++i;
                    while (i < end && text[i] != ';')
                    {
                        i++;
                    }

                    value = UriEscaping.Unescape(text, valueStart, i);
                }

                uri.Parameters.Add(name, value);
            }

            return uri;
        }

        /// <inheritdoc/>
        public override string ToString()
        {
            string s = "tel:" + Number;
            for (int i = 0; i < Parameters.Count; i++)
            {
                SipParameter p = Parameters[i];
                s += ";" + p.Name;
                if (p.Value != null)
                {
                    s += "=" + UriEscaping.Escape(p.Value, UriEscaping.Param);
                }
            }

            return s;
        }

        /// <summary>
        /// Equality per RFC 3966 §4: same kind of number, same digits ignoring visual separators, and the
        /// same parameters (names and values case-insensitive, order ignored).
        /// </summary>
        public override bool Equals(object obj)
        {
            var other = obj as TelUri;
            if (other == null || other.IsGlobal != IsGlobal || other.Parameters.Count != Parameters.Count
                || Digits.ToLower() != other.Digits.ToLower())
            {
                return false;
            }

            for (int i = 0; i < Parameters.Count; i++)
            {
                SipParameter p = Parameters[i];
                if (!other.Parameters.Contains(p.Name))
                {
                    return false;
                }

                string v = other.Parameters.Get(p.Name);
                if (p.Value == null ? v != null : (v == null || p.Value.ToLower() != v.ToLower()))
                {
                    return false;
                }
            }

            return true;
        }

        /// <inheritdoc/>
        public override int GetHashCode() => Digits.ToLower().GetHashCode();

        /// <summary>Checks tel URI syntax without allocating; returns the index where the number ends.</summary>
        internal static int Scan(string s, int start, int end)
        {
            int i = ScanScheme(s, start, end) + 1;
            bool global = i < end && s[i] == '+';
            if (global)
            {
                i++;
            }

            int numberStart = i;
            bool digit = false;
            while (i < end && s[i] != ';')
            {
                char c = s[i];
                if (SipChars.IsDigit(c) || (!global && (SipChars.IsHex(c) || c == '*' || c == '#')))
                {
                    digit = true;
                }
                else if (!IsVisualSeparator(c))
                {
                    throw new SipParseException("invalid character '" + c + "' in the number of '" + s.Substring(start, end - start) + "'");
                }

                i++;
            }

            if (!digit)
            {
                throw new SipParseException("tel URI lacks a number: '" + s.Substring(start, end - start) + "'");
            }

            int numberEnd = i;
            bool context = false;
            while (i < end)
            {
                i++;
                int nameStart = i;
                while (i < end && (SipChars.IsAlphaNum(s[i]) || s[i] == '-'))
                {
                    i++;
                }

                if (i == nameStart)
                {
                    throw new SipParseException("malformed parameter in '" + s.Substring(start, end - start) + "'");
                }

                if (i - nameStart == 13 && SipHeaderNames.EqualsIgnoreCase(s.Substring(nameStart, 13), "phone-context"))
                {
                    context = true;
                }

                if (i < end && s[i] == '=')
                {
                    i++;
                    int valueStart = i;
                    while (i < end && s[i] != ';')
                    {
                        char c = s[i];
                        if (c == '%')
                        {
                            i = UriEscaping.CheckEscape(s, i, end, "parameter");
                            continue;
                        }

                        if (!SipChars.IsParamChar(c))
                        {
                            throw new SipParseException("invalid character '" + c + "' in a parameter of '" + s.Substring(start, end - start) + "'");
                        }

                        i++;
                    }

                    if (i == valueStart)
                    {
                        throw new SipParseException("empty parameter value in '" + s.Substring(start, end - start) + "'");
                    }
                }

                if (i < end && s[i] != ';')
                {
                    throw new SipParseException("invalid character '" + s[i] + "' in '" + s.Substring(start, end - start) + "'");
                }
            }

            if (!global && !context)
            {
                throw new SipParseException("a local tel number needs a phone-context parameter (RFC 3966 §5.1.5): '" + s.Substring(start, end - start) + "'");
            }

            return numberEnd;
        }

        private static bool IsVisualSeparator(char c) => c == '-' || c == '.' || c == '(' || c == ')';
    }
}
