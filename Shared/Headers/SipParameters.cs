using System.Collections;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Headers
{
    /// <summary>
    /// An ordered list of <c>;name[=value]</c> parameters with case-insensitive names (RFC 3261 §7.3.1).
    /// Unknown parameters are kept as received so a proxy passes them on unchanged.
    /// </summary>
    public sealed class SipParameters
    {
        private readonly ArrayList _items = new ArrayList();

        /// <summary>Number of parameters.</summary>
        public int Count => _items.Count;

        /// <summary>The parameter at <paramref name="index"/>.</summary>
        public SipParameter this[int index] => (SipParameter)_items[index];

        /// <summary>
        /// Parses <c>;a=b;c;d="q"</c> from <paramref name="text"/> starting at <paramref name="start"/>
        /// (which must be at a ';' or the end) up to <paramref name="end"/>.
        /// </summary>
        public static SipParameters Parse(string text, int start, int end)
        {
            var result = new SipParameters();
            Scan(text, start, end, result);
            return result;
        }

        /// <summary>
        /// Checks the generic-param syntax of <c>text[start..end)</c> (SEMI token [EQUAL token / host / quoted-string])
        /// and, when <paramref name="into"/> is not null, adds each parameter to it. Returns the count seen.
        /// </summary>
        internal static int Scan(string text, int start, int end, SipParameters into)
        {
            return Scan(text, start, end, into, null, out int unusedStart, out int unusedEnd);
        }

        /// <summary>
        /// Checks the whole of <c>text[start..end)</c> like <see cref="Scan(string, int, int, SipParameters)"/> and returns
        /// where the value of the first parameter named <paramref name="name"/> (case-insensitive) starts, with
        /// <paramref name="valueEnd"/> just past it; -1 when it is absent or a flag. Allocates nothing.
        /// </summary>
        internal static int Find(string text, int start, int end, string name, out int valueEnd)
        {
            Scan(text, start, end, null, name, out int valueStart, out valueEnd);
            return valueStart;
        }

        private static int Scan(string text, int start, int end, SipParameters into, string wanted, out int wantedStart, out int wantedEnd)
        {
            wantedStart = -1;
            wantedEnd = -1;
            bool found = false;
            int count = 0;
            int i = start;
            while (i < end)
            {
                i = SkipWhitespace(text, i, end);
                if (i >= end)
                {
                    break;
                }

                if (text[i] != ';')
                {
                    throw new SipParseException("expected ';' before a parameter in '" + text + "'");
                }

                i = SkipWhitespace(text, i + 1, end);
                int nameStart = i;
                while (i < end && SipChars.IsToken(text[i]))
                {
                    i++;
                }

                if (i == nameStart)
                {
                    throw new SipParseException("empty parameter name in '" + text + "'");
                }

                int nameEnd = i;
                i = SkipWhitespace(text, i, end);
                int valueStart = -1;
                int valueEnd = -1;
                if (i < end && text[i] == '=')
                {
                    i = SkipWhitespace(text, i + 1, end);
                    valueStart = i;
                    if (i < end && text[i] == '"')
                    {
                        i = SkipQuoted(text, i, end);
                    }
                    else
                    {
                        // token, or host (an IPv6 reference included)
                        while (i < end && text[i] != ';' && !SipChars.IsWhitespace(text[i]))
                        {
                            char c = text[i];
                            if (!SipChars.IsToken(c) && c != '[' && c != ']' && c != ':')
                            {
                                throw new SipParseException("invalid character '" + c + "' in parameter '"
                                    + text.Substring(nameStart, nameEnd - nameStart) + "' of '" + text + "'");
                            }

                            i++;
                        }
                    }

                    if (i == valueStart)
                    {
                        throw new SipParseException("empty value for parameter '" + text.Substring(nameStart, nameEnd - nameStart) + "' in '" + text + "'");
                    }

                    valueEnd = i;
                }

                count++;
                if (wanted != null && !found && AsciiCase.EqualsIgnoreCase(text, nameStart, nameEnd - nameStart, wanted))
                {
                    found = true;
                    wantedStart = valueStart;
                    wantedEnd = valueEnd;
                }

                if (into != null)
                {
                    into._items.Add(new SipParameter(
                        text.Substring(nameStart, nameEnd - nameStart),
                        valueStart < 0 ? null : text.Substring(valueStart, valueEnd - valueStart)));
                }
            }

            return count;
        }

        /// <summary>Appends a parameter without looking for an existing one of the same name.</summary>
        public void Add(string name, string value) => _items.Add(new SipParameter(name, value));

        /// <summary>The value of a parameter; null when absent or a flag. Use <see cref="Contains"/> for flags.</summary>
        public string Get(string name)
        {
            int at = IndexOf(name);
            return at < 0 ? null : ((SipParameter)_items[at]).Value;
        }

        /// <summary>Whether a parameter is present, with or without a value.</summary>
        public bool Contains(string name) => IndexOf(name) >= 0;

        /// <summary>Sets a parameter, replacing an existing one of the same name; null makes it a flag.</summary>
        public void Set(string name, string value)
        {
            int at = IndexOf(name);
            if (at < 0)
            {
                _items.Add(new SipParameter(name, value));
            }
            else
            {
                ((SipParameter)_items[at]).Value = value;
            }
        }

        /// <summary>Removes a parameter; returns whether it was present.</summary>
        public bool Remove(string name)
        {
            int at = IndexOf(name);
            if (at < 0)
            {
                return false;
            }

            _items.RemoveAt(at);
            return true;
        }

        /// <summary>Formats as <c>;a=b;c</c>, or an empty string when there are none.</summary>
        public override string ToString()
        {
            string result = string.Empty;
            for (int i = 0; i < _items.Count; i++)
            {
                var p = (SipParameter)_items[i];
                result = p.Value == null ? result + ";" + p.Name : result + ";" + p.Name + "=" + p.Value;
            }

            return result;
        }

        /// <summary>
        /// Skips whitespace from <paramref name="i"/> and reads a token (the event type of Event, the state of
        /// Subscription-State, the parts of a Via's sent-protocol): leaves <paramref name="i"/> at its first char and
        /// returns the index after it. Without one it throws "<paramref name="header"/> lacks <paramref name="what"/>".
        /// </summary>
        internal static int ReadToken(string text, ref int i, int end, string header, string what)
        {
            i = SkipWhitespace(text, i, end);
            int tokenEnd = i;
            while (tokenEnd < end && SipChars.IsToken(text[tokenEnd]))
            {
                tokenEnd++;
            }

            if (tokenEnd == i)
            {
                throw new SipParseException(header + " lacks " + what + ": '" + text + "'");
            }

            return tokenEnd;
        }

        internal static int SkipWhitespace(string text, int i, int end)
        {
            while (i < end && SipChars.IsWhitespace(text[i]))
            {
                i++;
            }

            return i;
        }

        /// <summary>Returns the index just past the closing quote of the quoted string starting at <paramref name="i"/>.</summary>
        internal static int SkipQuoted(string text, int i, int end)
        {
            i++;
            while (i < end)
            {
                char c = text[i];
                if (c == '\\')
                {
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    return i + 1;
                }

                i++;
            }

            throw new SipParseException("unterminated quoted string in '" + text + "'");
        }

        private int IndexOf(string name)
        {
            for (int i = 0; i < _items.Count; i++)
            {
                if (SipHeaderNames.EqualsIgnoreCase(((SipParameter)_items[i]).Name, name))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
