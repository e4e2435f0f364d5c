using System;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Text;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Sip.Message
{
    /// <summary>
    /// Parses one SIP message from octets (RFC 3261 §7, §25): the start line, header fields (compact forms,
    /// any case, folded lines, comma lists split into one <see cref="SipHeader"/> per element) and a body framed
    /// by Content-Length. The core headers are checked as they are read (Via, From, To, Contact, Route,
    /// Record-Route, Call-ID, CSeq, Max-Forwards, Content-Length, Content-Type; a second From, To, Call-ID or
    /// CSeq), so a malformed message raises one <see cref="SipParseException"/> naming what is wrong and the
    /// status a server should answer. Missing headers are left to <see cref="SipRequestValidator"/>.
    /// </summary>
    /// <remarks>
    /// An instance keeps a scratch char buffer between calls and is not thread-safe; the static
    /// <see cref="Parse"/> borrows a pooled instance.
    /// </remarks>
    public sealed class SipMessageParser
    {
        private const byte Cr = 13;
        private const byte Lf = 10;
        private const byte Sp = 32;
        private const byte Tab = 9;

        private static readonly object s_poolLock = new object();
        private static SipMessageParser s_pooled;

        private char[] _chars = new char[256];
        private string[] _skippedResponseHeaders;

        /// <summary>
        /// Parses a datagram. Octets after the Content-Length body are ignored; without Content-Length the
        /// body runs to the end of the datagram (RFC 3261 §18.3).
        /// </summary>
        public static SipMessage Parse(byte[] buffer, int offset, int count)
        {
            SipMessageParser parser;
            lock (s_poolLock)
            {
                parser = s_pooled;
                s_pooled = null;
            }

            if (parser == null)
            {
                parser = new SipMessageParser();
            }

            try
            {
                return parser.ParseDatagram(buffer, offset, count);
            }
            finally
            {
                lock (s_poolLock)
                {
                    s_pooled = parser;
                }
            }
        }

        /// <summary>
        /// Header fields this instance leaves out of the responses it parses, or null (the default) to keep them all.
        /// A user agent that reads a few headers of its responses lists the ones it never reads (From, To, Server,
        /// ...): they are framed and still count for the duplicate check, but never decoded into strings or
        /// syntax-checked. Give long names (<see cref="SipHeaderNames"/>), any case; a compact form in the input is
        /// matched by its long name. Via, CSeq and Content-Length are always kept, since matching and framing need
        /// them. The array is kept, not copied (many parsers may share one), so it must not change afterwards.
        /// </summary>
        public string[] SkippedResponseHeaders
        {
            get => _skippedResponseHeaders;
            set => _skippedResponseHeaders = value;
        }

        /// <summary>Parses a datagram with this instance's scratch buffer; see <see cref="Parse"/>.</summary>
        public SipMessage ParseDatagram(byte[] buffer, int offset, int count) => ParseCore(buffer, offset, count, false);

        /// <summary>
        /// Parses one message cut from a stream (see <see cref="SipStreamFramer"/>): Content-Length is mandatory
        /// (RFC 3261 §18.3) and the body is exactly that long.
        /// </summary>
        public SipMessage ParseStreamMessage(byte[] buffer, int offset, int count) => ParseCore(buffer, offset, count, true);

        private SipMessage ParseCore(byte[] buffer, int offset, int count, bool stream)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            int end = offset + count;
            int p = offset;

            // RFC 3261 §7.5: CRLFs before the start line are ignored.
            while (p + 1 < end && buffer[p] == Cr && buffer[p + 1] == Lf)
            {
                p += 2;
            }

            if (p >= end)
            {
                throw new SipParseException("empty message");
            }

            int lineEnd = FindLineEnd(buffer, p, end, "start line");
            SipMessage message = IsStatusLine(buffer, p, lineEnd)
                ? ParseStatusLine(buffer, p, lineEnd)
                : ParseRequestLine(buffer, p, lineEnd);
            p = lineEnd + 2;
            message.Headers.Reserve(16);

            long contentLength = -1;
            int seen = 0;
            while (true)
            {
                if (p >= end)
                {
                    throw new SipParseException("the header section does not end with an empty line");
                }

                byte b = buffer[p];
                if (b == Cr)
                {
                    if (p + 1 < end && buffer[p + 1] == Lf)
                    {
                        p += 2;
                        break;
                    }

                    throw new SipParseException("bare CR in the header section; lines must end with CRLF");
                }

                if (b == Sp || b == Tab)
                {
                    throw new SipParseException("a continuation line does not follow any header field");
                }

                int nameStart = p;
                while (p < end && IsTokenByte(buffer[p]))
                {
                    p++;
                }

                int nameEnd = p;
                while (p < end && (buffer[p] == Sp || buffer[p] == Tab))
                {
                    p++;
                }

                if (nameEnd == nameStart || p >= end || buffer[p] != (byte)':')
                {
                    throw new SipParseException("malformed header line (expected name ':' value): '" + Excerpt(buffer, nameStart, end) + "'");
                }

                int valueStart = p + 1;
                int valueEnd = FindLineEnd(buffer, valueStart, end, "header line");
                while (valueEnd + 2 < end && (buffer[valueEnd + 2] == Sp || buffer[valueEnd + 2] == Tab))
                {
                    valueEnd = FindLineEnd(buffer, valueEnd + 2, end, "header line");
                }

                p = valueEnd + 2;
                string name = SipHeaderNames.Lookup(buffer, nameStart, nameEnd - nameStart)
                    ?? AsciiString(buffer, nameStart, nameEnd - nameStart);
                seen = CheckSingle(name, seen);
                if (_skippedResponseHeaders != null && !message.IsRequest && IsSkipped(name))
                {
                    continue;
                }

                int length = Unfold(buffer, valueStart, valueEnd);
                AddHeader(message, name, length, ref contentLength);
            }

            int available = end - p;
            if (contentLength < 0)
            {
                if (stream)
                {
                    throw new SipParseException("Content-Length is required on a stream transport (RFC 3261 §18.3)");
                }

                contentLength = available;
            }
            else if (contentLength > available)
            {
                throw new SipParseException("Content-Length " + contentLength.ToString() + " exceeds the "
                    + available.ToString() + " octets after the header section");
            }

            if (contentLength > 0)
            {
                var body = new byte[(int)contentLength];
                Array.Copy(buffer, p, body, 0, (int)contentLength);
                message.Body = body;
            }

            return message;
        }

        private bool IsSkipped(string name)
        {
            if (name == SipHeaderNames.Via || name == SipHeaderNames.CSeq || name == SipHeaderNames.ContentLength)
            {
                return false;
            }

            string[] skipped = _skippedResponseHeaders;
            for (int i = 0; i < skipped.Length; i++)
            {
                if ((object)skipped[i] == name || SipHeaderNames.EqualsIgnoreCase(skipped[i], name))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsStatusLine(byte[] b, int p, int lineEnd)
            => lineEnd - p >= 4 && (b[p] | 0x20) == 's' && (b[p + 1] | 0x20) == 'i' && (b[p + 2] | 0x20) == 'p' && b[p + 3] == (byte)'/';

        private static SipMessage ParseRequestLine(byte[] b, int p, int lineEnd)
        {
            int sp1 = IndexOf(b, Sp, p, lineEnd);
            if (sp1 <= p)
            {
                throw new SipParseException("malformed request line (expected Method SP Request-URI SP SIP-Version): '" + Excerpt(b, p, lineEnd) + "'");
            }

            for (int i = p; i < sp1; i++)
            {
                if (!IsTokenByte(b[i]))
                {
                    throw new SipParseException("the method is not a token: '" + Excerpt(b, p, lineEnd) + "'");
                }
            }

            int uriStart = sp1 + 1;
            int sp2 = IndexOf(b, Sp, uriStart, lineEnd);
            if (sp2 == uriStart || (uriStart < lineEnd && b[uriStart] == Sp))
            {
                throw new SipParseException("more than one SP between request line elements: '" + Excerpt(b, p, lineEnd) + "'");
            }

            if (sp2 < 0)
            {
                throw new SipParseException("malformed request line (expected Method SP Request-URI SP SIP-Version): '" + Excerpt(b, p, lineEnd) + "'");
            }

            int versionStart = sp2 + 1;
            int sp3 = IndexOf(b, Sp, versionStart, lineEnd);
            if (sp3 == versionStart && sp3 + 1 < lineEnd && b[sp3 + 1] != Sp)
            {
                throw new SipParseException("more than one SP between request line elements: '" + Excerpt(b, p, lineEnd) + "'");
            }

            if (sp3 >= 0)
            {
                int k = sp3;
                while (k < lineEnd && b[k] == Sp)
                {
                    k++;
                }

                throw new SipParseException(k == lineEnd
                    ? "whitespace after SIP-Version at the end of the request line"
                    : "the request line has more than three elements (whitespace inside the Request-URI?): '" + Excerpt(b, p, lineEnd) + "'");
            }

            CheckVersion(b, versionStart, lineEnd, true);

            string method = SipMethods.Lookup(b, p, sp1 - p) ?? AsciiString(b, p, sp1 - p);
            for (int i = uriStart; i < sp2; i++)
            {
                if (b[i] <= 32 || b[i] >= 127)
                {
                    throw new SipParseException("the Request-URI holds whitespace, control or non-ASCII octets: '" + Excerpt(b, p, lineEnd) + "'");
                }
            }

            if (b[uriStart] == (byte)'<')
            {
                throw new SipParseException("the Request-URI must not be enclosed in <>: '" + Excerpt(b, p, lineEnd) + "'");
            }

            string uri = AsciiString(b, uriStart, sp2 - uriStart);
            try
            {
                AddressUri.Validate(uri, 0, uri.Length, AddressUri.ContextRequestUri);
            }
            catch (SipParseException e)
            {
                throw new SipParseException("invalid Request-URI: " + e.Reason, 400);
            }

            return SipMessage.CreateRequest(method, uri);
        }

        private SipMessage ParseStatusLine(byte[] b, int p, int lineEnd)
        {
            int sp1 = IndexOf(b, Sp, p, lineEnd);
            if (sp1 < 0)
            {
                throw new SipParseException("malformed status line: '" + Excerpt(b, p, lineEnd) + "'");
            }

            CheckVersion(b, p, sp1, false);
            int i = sp1 + 1;
            int code = 0;
            int digits = 0;
            while (i < lineEnd && b[i] >= (byte)'0' && b[i] <= (byte)'9')
            {
                if (digits < 4)
                {
                    code = (code * 10) + (b[i] - '0');
                }

                digits++;
                i++;
            }

            if (digits != 3 || (i < lineEnd && b[i] != Sp))
            {
                throw new SipParseException("the status code must be three digits: '" + Excerpt(b, p, lineEnd) + "'");
            }

            if (code < 100 || code > 699)
            {
                throw new SipParseException("status code " + code.ToString() + " is outside 100..699");
            }

            // The SP before the reason phrase is required by the grammar; a missing one is tolerated.
            string reason = string.Empty;
            if (i + 1 < lineEnd)
            {
                int n = lineEnd - (i + 1);
                EnsureChars(n);
                int chars = Utf8.DecodeCore(b, i + 1, n, _chars, 0);
                reason = new string(_chars, 0, chars);
            }

            return SipMessage.CreateResponse(code, reason);
        }

        /// <summary>Checks SIP-Version (<c>"SIP" "/" 1*DIGIT "." 1*DIGIT</c>): 2.0 passes, another version is 505.</summary>
        private static void CheckVersion(byte[] b, int start, int end, bool request)
        {
            int i = start + 4;
            bool wellFormed = end - start >= 7 && (b[start] | 0x20) == 's' && (b[start + 1] | 0x20) == 'i'
                && (b[start + 2] | 0x20) == 'p' && b[start + 3] == (byte)'/';
            int major = i;
            while (wellFormed && i < end && b[i] >= (byte)'0' && b[i] <= (byte)'9')
            {
                i++;
            }

            wellFormed = wellFormed && i > major && i < end && b[i] == (byte)'.';
            int minor = ++i;
            while (wellFormed && i < end && b[i] >= (byte)'0' && b[i] <= (byte)'9')
            {
                i++;
            }

            wellFormed = wellFormed && i > minor && i == end;
            if (!wellFormed)
            {
                throw new SipParseException("malformed SIP-Version '" + Excerpt(b, start, end) + "'");
            }

            if (end - start != 7 || b[start + 4] != (byte)'2' || b[start + 6] != (byte)'0')
            {
                throw new SipParseException("SIP version '" + Excerpt(b, start, end) + "' is not supported", request ? 505 : 400);
            }
        }

        /// <summary>
        /// From, To, Call-ID and CSeq identify the dialog and transaction: a second one makes the message
        /// ambiguous, so it is rejected here (RFC 4475 §3.3.8). <paramref name="seen"/> holds one bit per name.
        /// </summary>
        private static int CheckSingle(string name, int seen)
        {
            int bit = name == SipHeaderNames.From ? 1
                : name == SipHeaderNames.To ? 2
                : name == SipHeaderNames.CallId ? 4
                : name == SipHeaderNames.CSeq ? 8
                : 0;
            if ((seen & bit) != 0)
            {
                throw new SipParseException("more than one " + name + " header field");
            }

            return seen | bit;
        }

        private void AddHeader(SipMessage message, string name, int length, ref long contentLength)
        {
            char[] chars = _chars;
            if (length > 0 && SipHeaderNames.IsList(name))
            {
                bool strict = name == SipHeaderNames.Via || name == SipHeaderNames.Contact
                    || name == SipHeaderNames.Route || name == SipHeaderNames.RecordRoute;
                int start = 0;
                while (true)
                {
                    int comma = HeaderValueSplitter.FindSeparator(chars, start, length);
                    int s = start;
                    int e = comma;
                    while (s < e && (chars[s] == ' ' || chars[s] == '\t'))
                    {
                        s++;
                    }

                    while (e > s && (chars[e - 1] == ' ' || chars[e - 1] == '\t'))
                    {
                        e--;
                    }

                    if (e > s)
                    {
                        string element = new string(chars, s, e - s);
                        Check(message, name, element, ref contentLength);
                        message.Headers.Add(new SipHeader(name, element));
                    }
                    else if (strict)
                    {
                        throw new SipParseException("empty element in the " + name + " list");
                    }

                    if (comma >= length)
                    {
                        break;
                    }

                    start = comma + 1;
                }

                return;
            }

            string value = length == 0 ? string.Empty : new string(chars, 0, length);
            Check(message, name, value, ref contentLength);
            message.Headers.Add(new SipHeader(name, value));
        }

        /// <summary>Checks the syntax of a core header value; other headers are kept opaque.</summary>
        private static void Check(SipMessage message, string name, string value, ref long contentLength)
        {
            try
            {
                if (name == SipHeaderNames.Via)
                {
                    ViaHeader.Scan(value, null);
                }
                else if (name == SipHeaderNames.From || name == SipHeaderNames.To)
                {
                    NameAddress.Validate(value, 0, value.Length, NameAddress.ModeFromTo);
                }
                else if (name == SipHeaderNames.Contact)
                {
                    NameAddress.Validate(value, 0, value.Length, NameAddress.ModeContact);
                }
                else if (name == SipHeaderNames.Route || name == SipHeaderNames.RecordRoute)
                {
                    NameAddress.Validate(value, 0, value.Length, NameAddress.ModeRoute);
                }
                else if (name == SipHeaderNames.CallId)
                {
                    CheckCallId(value);
                }
                else if (name == SipHeaderNames.CSeq)
                {
                    CSeqHeader.Scan(value, out int methodStart, out int methodEnd);
                    if (message.IsRequest && !AsciiCase.RegionEquals(value, methodStart, methodEnd - methodStart, message.Method))
                    {
                        // An unknown request method with a mismatched CSeq is better answered 501 (RFC 4475 §3.1.2.18).
                        throw new SipParseException(
                            "CSeq method '" + value.Substring(methodStart, methodEnd - methodStart) + "' does not match the request method '" + message.Method + "'",
                            SipMethods.IsStandard(message.Method) ? 400 : 501);
                    }
                }
                else if (name == SipHeaderNames.MaxForwards)
                {
                    MaxForwardsHeader.Scan(value);
                }
                else if (name == SipHeaderNames.ContentLength)
                {
                    long n = ParseContentLength(value);
                    if (contentLength >= 0 && contentLength != n)
                    {
                        throw new SipParseException("Content-Length values disagree (" + contentLength.ToString() + " and " + n.ToString() + ")");
                    }

                    contentLength = n;
                }
                else if (name == SipHeaderNames.ContentType)
                {
                    ContentTypeHeader.Validate(value);
                }
            }
            catch (SipParseException e)
            {
                throw new SipParseException("invalid " + name + " header: " + e.Reason, e.StatusCode);
            }
        }

        private static void CheckCallId(string value)
        {
            int at = -1;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '@' && at < 0 && i > 0)
                {
                    at = i;
                    continue;
                }

                if (!SipChars.IsWord(c))
                {
                    throw new SipParseException("invalid character '" + c + "' in '" + value + "'");
                }
            }

            if (value.Length == 0 || at == value.Length - 1)
            {
                throw new SipParseException("empty Call-ID word");
            }
        }

        private static long ParseContentLength(string value)
        {
            if (value.Length == 0 || value.Length > 10)
            {
                throw new SipParseException("'" + value + "' is not a valid length");
            }

            long n = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < '0' || c > '9')
                {
                    throw new SipParseException("'" + value + "' is not a non-negative integer");
                }

                n = (n * 10) + (c - '0');
            }

            if (n > int.MaxValue)
            {
                throw new SipParseException("'" + value + "' is too large");
            }

            return n;
        }

        /// <summary>
        /// Decodes the value octets into the scratch buffer: leading and trailing whitespace dropped, each fold
        /// (whitespace, CRLF, whitespace) replaced by one SP, UTF-8 decoded. Returns the char count.
        /// </summary>
        private int Unfold(byte[] b, int start, int end)
        {
            EnsureChars(end - start);
            char[] chars = _chars;
            int i = start;
            while (i < end)
            {
                byte c = b[i];
                if (c == Sp || c == Tab)
                {
                    i++;
                }
                else if (c == Cr)
                {
                    i += 2;
                }
                else
                {
                    break;
                }
            }

            int o = 0;
            while (i < end)
            {
                int c = b[i];
                if (c >= 0x80)
                {
                    i = Utf8.DecodeOne(b, i, end, chars, ref o);
                    continue;
                }

                if (c == Cr)
                {
                    i += 2;
                    while (i < end && (b[i] == Sp || b[i] == Tab))
                    {
                        i++;
                    }

                    while (o > 0 && (chars[o - 1] == ' ' || chars[o - 1] == '\t'))
                    {
                        o--;
                    }

                    chars[o++] = ' ';
                    continue;
                }

                chars[o++] = (char)c;
                i++;
            }

            while (o > 0 && (chars[o - 1] == ' ' || chars[o - 1] == '\t'))
            {
                o--;
            }

            return o;
        }

        private void EnsureChars(int n)
        {
            if (_chars.Length < n)
            {
                int size = _chars.Length * 2;
                _chars = new char[size < n ? n : size];
            }
        }

        /// <summary>The index of the CR of the CRLF ending the line that starts at <paramref name="p"/>.</summary>
        private static int FindLineEnd(byte[] b, int p, int end, string what)
        {
            for (int i = p; i < end; i++)
            {
                byte c = b[i];
                if (c > Cr)
                {
                    continue;
                }

                if (c == Cr)
                {
                    if (i + 1 < end && b[i + 1] == Lf)
                    {
                        return i;
                    }

                    throw new SipParseException("bare CR in the " + what + "; lines must end with CRLF");
                }

                if (c == Lf)
                {
                    throw new SipParseException("bare LF in the " + what + "; lines must end with CRLF");
                }
            }

            throw new SipParseException("the " + what + " is not terminated by CRLF");
        }

        private static int IndexOf(byte[] b, byte value, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                if (b[i] == value)
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool IsTokenByte(byte b) => b < 128 && SipChars.IsToken((char)b);

        private static string AsciiString(byte[] b, int start, int count)
        {
            var chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)b[start + i];
            }

            return new string(chars);
        }

        /// <summary>Up to 80 octets of input for an error message, decoded leniently.</summary>
        private static string Excerpt(byte[] b, int start, int end)
        {
            int lineEnd = start;
            while (lineEnd < end && b[lineEnd] != Cr && b[lineEnd] != Lf && lineEnd - start < 80)
            {
                lineEnd++;
            }

            return Utf8.Decode(b, start, lineEnd - start);
        }
    }
}
