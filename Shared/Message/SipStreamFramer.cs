using System;

namespace SimpleImGateway.Sip.Message
{
    /// <summary>
    /// Cuts SIP messages out of a byte stream (TCP, TLS) by the empty line ending the headers and the
    /// mandatory Content-Length (RFC 3261 §18.3). The buffer is allocated once at the maximum message size;
    /// octets arrive through <see cref="Append"/> in pieces of any size, and <see cref="Read"/> reports
    /// complete messages and keep-alives (RFC 5626 §3.5.1). A message that cannot fit, a missing or malformed
    /// Content-Length raise <see cref="SipParseException"/>: the transport then closes the connection.
    /// </summary>
    /// <remarks>Not thread-safe: one framer per connection, used by the thread reading it.</remarks>
    public sealed class SipStreamFramer
    {
        /// <summary>The default maximum message size for a host (64 KiB).</summary>
        public const int DefaultMaxMessageSize = 65536;

        private const byte Cr = 13;
        private const byte Lf = 10;

        private readonly byte[] _buffer;
        private int _start;
        private int _end;
        private int _scan;
        private int _pendingLength = -1;
        private bool _lonePongAtEnd;
        private int _frameOffset;
        private int _frameLength;
        private SipMessageParser _parser;

        /// <summary>Creates a framer with a 64 KiB buffer.</summary>
        public SipStreamFramer()
            : this(DefaultMaxMessageSize)
        {
        }

        /// <summary>Creates a framer whose buffer (allocated now, once) holds the largest acceptable message.</summary>
        public SipStreamFramer(int maxMessageSize)
        {
            if (maxMessageSize < 64)
            {
                throw new ArgumentOutOfRangeException(nameof(maxMessageSize));
            }

            _buffer = new byte[maxMessageSize];
        }

        /// <summary>The largest message accepted, in octets.</summary>
        public int MaxMessageSize => _buffer.Length;

        /// <summary>Octets appended but not yet returned as frames.</summary>
        public int BufferedCount => _end - _start;

        /// <summary>The buffer holding the current frame (valid until the next Append or Read).</summary>
        public byte[] FrameBuffer => _buffer;

        /// <summary>Where the current message frame starts in <see cref="FrameBuffer"/>.</summary>
        public int FrameOffset => _frameOffset;

        /// <summary>The length of the current message frame.</summary>
        public int FrameLength => _frameLength;

        /// <summary>
        /// Copies as many of the octets as fit and returns how many were taken. Fewer than
        /// <paramref name="count"/> means the buffer is full: call <see cref="Read"/> (which frees space or
        /// reports that the message is too large), then append the rest.
        /// </summary>
        public int Append(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            if (_buffer.Length - _end < count && _start > 0)
            {
                int pending = _end - _start;
                Array.Copy(_buffer, _start, _buffer, 0, pending);
                _scan -= _start;
                _end = pending;
                _start = 0;
            }

            int take = _buffer.Length - _end;
            if (take > count)
            {
                take = count;
            }

            Array.Copy(data, offset, _buffer, _end, take);
            _end += take;
            return take;
        }

        /// <summary>
        /// Reports the next complete frame: a message (see <see cref="FrameOffset"/>, <see cref="FrameLength"/>,
        /// <see cref="ParseMessage"/>), a keep-alive ping or pong, or <see cref="SipFrameKind.None"/> when more
        /// octets are needed. Throws <see cref="SipParseException"/> when the stream cannot be framed.
        /// </summary>
        public SipFrameKind Read()
        {
            _frameLength = 0;
            int available = _end - _start;
            if (available == 0)
            {
                return SipFrameKind.None;
            }

            byte[] b = _buffer;
            if (_pendingLength < 0 && b[_start] == Cr)
            {
                if (available < 2)
                {
                    return SipFrameKind.None;
                }

                if (b[_start + 1] != Lf)
                {
                    throw new SipParseException("stray CR between messages");
                }

                if (_lonePongAtEnd)
                {
                    // The second half of a CRLFCRLF ping that arrived split across reads.
                    _lonePongAtEnd = false;
                    Consume(2);
                    return SipFrameKind.KeepAlivePing;
                }

                if (available == 2)
                {
                    _lonePongAtEnd = true;
                    Consume(2);
                    return SipFrameKind.KeepAlivePong;
                }

                if (b[_start + 2] != Cr)
                {
                    Consume(2);
                    return SipFrameKind.KeepAlivePong;
                }

                if (available < 4)
                {
                    return SipFrameKind.None;
                }

                if (b[_start + 3] == Lf)
                {
                    Consume(4);
                    return SipFrameKind.KeepAlivePing;
                }

                Consume(2);
                return SipFrameKind.KeepAlivePong;
            }

            _lonePongAtEnd = false;
            if (_pendingLength < 0)
            {
                int headerEnd = FindHeaderEnd();
                if (headerEnd < 0)
                {
                    if (available >= _buffer.Length)
                    {
                        throw new SipParseException("the header section exceeds the maximum message size of "
                            + _buffer.Length.ToString() + " octets");
                    }

                    return SipFrameKind.None;
                }

                long bodyLength = ReadContentLength(_start, headerEnd);
                long total = (long)(headerEnd - _start) + bodyLength;
                if (total > _buffer.Length)
                {
                    throw new SipParseException("a message of " + total.ToString() + " octets exceeds the maximum of "
                        + _buffer.Length.ToString());
                }

                _pendingLength = (int)total;
            }

            if (available < _pendingLength)
            {
                return SipFrameKind.None;
            }

            _frameOffset = _start;
            _frameLength = _pendingLength;
            _pendingLength = -1;
            Consume(_frameLength);
            return SipFrameKind.Message;
        }

        /// <summary>Parses the current message frame (Content-Length framing, as on a stream).</summary>
        public SipMessage ParseMessage()
        {
            if (_frameLength == 0)
            {
                throw new InvalidOperationException("no message frame is current");
            }

            return Parser.ParseStreamMessage(_buffer, _frameOffset, _frameLength);
        }

        /// <summary>The parser <see cref="ParseMessage"/> uses, created on first use; its settings apply to every frame.</summary>
        public SipMessageParser Parser
        {
            get
            {
                if (_parser == null)
                {
                    _parser = new SipMessageParser();
                }

                return _parser;
            }
        }

        /// <summary>Forgets everything buffered (after an error, or when the connection is reused).</summary>
        public void Reset()
        {
            _start = 0;
            _end = 0;
            _scan = 0;
            _pendingLength = -1;
            _lonePongAtEnd = false;
            _frameLength = 0;
        }

        private void Consume(int n)
        {
            _start += n;
            if (_start == _end)
            {
                _start = 0;
                _end = 0;
            }

            _scan = _start;
        }

        /// <summary>Finds the CRLFCRLF ending the headers; returns the index after it, or -1. Resumes where it stopped.</summary>
        private int FindHeaderEnd()
        {
            byte[] b = _buffer;
            int i = _scan < _start ? _start : _scan;
            int last = _end - 4;
            for (; i <= last; i++)
            {
                if (b[i] == Cr && b[i + 1] == Lf && b[i + 2] == Cr && b[i + 3] == Lf)
                {
                    return i + 4;
                }
            }

            _scan = i;
            return -1;
        }

        /// <summary>Reads Content-Length (or l) from the header lines in <c>[start, headerEnd)</c>.</summary>
        private long ReadContentLength(int start, int headerEnd)
        {
            byte[] b = _buffer;
            long length = -1;
            int line = start;
            while (line < headerEnd - 2)
            {
                int lineEnd = line;
                while (lineEnd < headerEnd && !(b[lineEnd] == Cr && b[lineEnd + 1] == Lf))
                {
                    lineEnd++;
                }

                int i = line;
                if (MatchesName(b, line, lineEnd, ref i))
                {
                    long value = ReadDigits(b, i, lineEnd, headerEnd);
                    if (length >= 0 && length != value)
                    {
                        throw new SipParseException("Content-Length values disagree");
                    }

                    length = value;
                }

                line = lineEnd + 2;
            }

            if (length < 0)
            {
                throw new SipParseException("Content-Length is required on a stream transport (RFC 3261 §18.3)");
            }

            return length;
        }

        /// <summary>Whether the line names Content-Length; on success <paramref name="i"/> is just after the colon.</summary>
        private static bool MatchesName(byte[] b, int line, int lineEnd, ref int i)
        {
            const string longName = "content-length";
            int n = 0;
            while (line + n < lineEnd && n < longName.Length && (b[line + n] | 0x20) == longName[n])
            {
                n++;
            }

            if (n != longName.Length && !(n == 0 && line < lineEnd && (b[line] | 0x20) == 'l'))
            {
                return false;
            }

            i = line + (n == 0 ? 1 : n);
            while (i < lineEnd && (b[i] == ' ' || b[i] == '\t'))
            {
                i++;
            }

            if (i >= lineEnd || b[i] != ':')
            {
                return false;
            }

            i++;
            return true;
        }

        private static long ReadDigits(byte[] b, int i, int lineEnd, int headerEnd)
        {
            // The value may continue on folded lines; whitespace and CRLF-whitespace are skipped.
            int end = lineEnd;
            while (end + 2 < headerEnd && (b[end + 2] == ' ' || b[end + 2] == '\t'))
            {
                end += 2;
                while (end < headerEnd && !(b[end] == Cr && b[end + 1] == Lf))
                {
                    end++;
                }
            }

            long value = -1;
            bool done = false;
            for (; i < end; i++)
            {
                byte c = b[i];
                if (c == ' ' || c == '\t' || c == Cr || c == Lf)
                {
                    done = value >= 0;
                    continue;
                }

                if (c < '0' || c > '9' || done)
                {
                    throw new SipParseException("Content-Length is not a non-negative integer");
                }

                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > int.MaxValue)
                {
                    throw new SipParseException("Content-Length is too large");
                }
            }

            if (value < 0)
            {
                throw new SipParseException("empty Content-Length");
            }

            return value;
        }
    }
}
