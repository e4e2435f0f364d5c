using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// Reads the auth-scheme and then the comma-separated auth-params of an authentication header value
    /// (<c>Digest realm="a\"b", algorithm=MD5</c>) one at a time, without building a list.
    /// Quoted-strings may contain commas and backslash escapes; empty list elements are skipped (RFC 7230 §7);
    /// unquoted values are read leniently up to the next comma or whitespace.
    /// Syntax errors raise <see cref="SipParseException"/>.
    /// </summary>
    public sealed class AuthParamReader
    {
        private readonly string _text;
        private int _position;

        /// <summary>Starts reading parameters at <paramref name="start"/> (normally after the scheme).</summary>
        public AuthParamReader(string text, int start)
        {
            _text = text ?? string.Empty;
            _position = start;
        }

        /// <summary>Name of the current parameter, as written.</summary>
        public string Name { get; private set; }

        /// <summary>Value of the current parameter, unquoted and unescaped.</summary>
        public string Value { get; private set; }

        /// <summary>Whether the current value was a quoted-string.</summary>
        public bool Quoted { get; private set; }

        /// <summary>
        /// Reads the auth-scheme token at the start of <paramref name="text"/> and returns it;
        /// <paramref name="parametersStart"/> receives where the parameters begin.
        /// </summary>
        /// <exception cref="SipParseException">The value does not start with a token followed by whitespace or its end.</exception>
        public static string ReadScheme(string text, out int parametersStart)
        {
            if (text == null)
            {
                throw new SipParseException("empty authentication header");
            }

            int i = SkipWhitespace(text, 0);
            int start = i;
            while (i < text.Length && SipChars.IsToken(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                throw new SipParseException("authentication header has no scheme");
            }

            if (i < text.Length && !IsWhitespace(text[i]))
            {
                throw new SipParseException("authentication scheme is not followed by whitespace");
            }

            parametersStart = i;
            return text.Substring(start, i - start);
        }

        /// <summary>True when the header value's scheme is <c>Digest</c> (any case), without throwing on garbage.</summary>
        public static bool IsDigestScheme(string text)
        {
            if (text == null)
            {
                return false;
            }

            int i = SkipWhitespace(text, 0);
            const string Digest = "Digest";
            return AsciiCase.EqualsIgnoreCase(text, i, Digest.Length, Digest)
                && (i + Digest.Length == text.Length || IsWhitespace(text[i + Digest.Length]));
        }

        /// <summary>Advances to the next parameter; false at the end of the value.</summary>
        /// <exception cref="SipParseException">The parameter list is malformed.</exception>
        public bool MoveNext()
        {
            string text = _text;
            int i = _position;

            // Leading whitespace and empty elements (",,").
            while (i < text.Length && (IsWhitespace(text[i]) || text[i] == ','))
            {
                i++;
            }

            if (i == text.Length)
            {
                _position = i;
                Name = null;
                Value = null;
                return false;
            }

            int nameStart = i;
            while (i < text.Length && SipChars.IsToken(text[i]))
            {
                i++;
            }

            if (i == nameStart)
            {
                throw new SipParseException("expected an auth-param name at offset " + i + " of the authentication header");
            }

            string name = text.Substring(nameStart, i - nameStart);
            i = SkipWhitespace(text, i);
            if (i == text.Length || text[i] != '=')
            {
                throw new SipParseException("auth-param '" + name + "' has no '=value'");
            }

            i = SkipWhitespace(text, i + 1);
            if (i < text.Length && text[i] == '"')
            {
                i = ReadQuoted(text, i, name);
                Quoted = true;
            }
            else
            {
                int valueStart = i;
                while (i < text.Length && text[i] != ',' && text[i] != '"' && !IsWhitespace(text[i]))
                {
                    i++;
                }

                if (i == valueStart)
                {
                    throw new SipParseException("auth-param '" + name + "' has an empty value");
                }

                Value = text.Substring(valueStart, i - valueStart);
                Quoted = false;
            }

            i = SkipWhitespace(text, i);
            if (i < text.Length && text[i] != ',')
            {
                throw new SipParseException("expected ',' after auth-param '" + name + "'");
            }

            Name = name;
            _position = i;
            return true;
        }

        /// <summary>Whether <paramref name="c"/> may appear in a token (RFC 3261 §25.1); the same as <see cref="SipChars.IsToken(char)"/>.</summary>
        public static bool IsTokenChar(char c) => SipChars.IsToken(c);

        // Reads the quoted-string whose opening quote is at 'i'; sets Value and returns the index after the closing quote.
        private int ReadQuoted(string text, int i, string name)
        {
            int start = i + 1;
            int escapes = 0;
            int j = start;
            while (true)
            {
                if (j >= text.Length)
                {
                    throw new SipParseException("unterminated quoted-string in auth-param '" + name + "'");
                }

                char c = text[j];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\')
                {
                    if (j + 1 >= text.Length)
                    {
                        throw new SipParseException("unterminated quoted-string in auth-param '" + name + "'");
                    }

                    escapes++;
                    j += 2;
                    continue;
                }

                j++;
            }

            if (escapes == 0)
            {
                Value = text.Substring(start, j - start);
            }
            else
            {
                var chars = new char[j - start - escapes];
                int n = 0;
                for (int k = start; k < j; k++)
                {
                    if (text[k] == '\\')
                    {
                        k++;
                    }

                    chars[n++] = text[k];
                }

                Value = new string(chars);
            }

            return j + 1;
        }

        private static int SkipWhitespace(string text, int i)
        {
            while (i < text.Length && IsWhitespace(text[i]))
            {
                i++;
            }

            return i;
        }

        // LWS of an unfolded or folded header value.
        private static bool IsWhitespace(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
