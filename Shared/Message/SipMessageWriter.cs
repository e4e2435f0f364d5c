using System;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Message
{
    /// <summary>
    /// Serializes a <see cref="SipMessage"/> into a caller's buffer: start line, header fields in order (one
    /// line per stored value), a Content-Length computed from the body, an empty line and the body. Text is
    /// written as UTF-8. Nothing is allocated besides the exception raised when the buffer is too small.
    /// </summary>
    /// <remarks>
    /// Stored Content-Length values are replaced by the computed one, written where the first of them stood,
    /// or after the last header when there was none.
    /// </remarks>
    public static class SipMessageWriter
    {
        private const string ContentLengthPrefix = "Content-Length: ";
        private const string VersionSuffix = " SIP/2.0\r\n";
        private const string VersionPrefix = "SIP/2.0 ";

        /// <summary>The number of octets <see cref="Write"/> produces for <paramref name="message"/>.</summary>
        public static int GetByteCount(SipMessage message)
        {
            CheckMessage(message);
            int n;
            if (message.IsRequest)
            {
                n = Utf8.GetByteCount(message.Method) + 1 + Utf8.GetByteCount(message.RequestUri) + VersionSuffix.Length;
            }
            else
            {
                n = VersionPrefix.Length + DigitCount(message.StatusCode) + 1 + Utf8.GetByteCount(message.ReasonPhrase ?? string.Empty) + 2;
            }

            SipHeaderCollection headers = message.Headers;
            for (int i = 0; i < headers.Count; i++)
            {
                SipHeader h = headers[i];
                if (IsContentLength(h.Name))
                {
                    continue;
                }

                n += Utf8.GetByteCount(h.Name) + 2 + (h.Value == null ? 0 : Utf8.GetByteCount(h.Value)) + 2;
            }

            int bodyLength = message.Body.Length;
            n += ContentLengthPrefix.Length + DigitCount(bodyLength) + 2;
            return n + 2 + bodyLength;
        }

        /// <summary>
        /// Writes <paramref name="message"/> at <paramref name="offset"/> and returns the number of octets written.
        /// Throws <see cref="ArgumentException"/> naming the size needed when the buffer is too small.
        /// </summary>
        public static int Write(SipMessage message, byte[] buffer, int offset)
        {
            CheckMessage(message);
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || offset > buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(offset));
            }

            int limit = buffer.Length;
            int o = offset;
            if (message.IsRequest)
            {
                o = Put(message.Method, buffer, o, limit);
                o = PutByte((byte)' ', buffer, o, limit);
                o = Put(message.RequestUri, buffer, o, limit);
                o = Put(VersionSuffix, buffer, o, limit);
            }
            else
            {
                o = Put(VersionPrefix, buffer, o, limit);
                o = PutNumber(message.StatusCode, buffer, o, limit);
                o = PutByte((byte)' ', buffer, o, limit);
                o = Put(message.ReasonPhrase ?? string.Empty, buffer, o, limit);
                o = PutCrlf(buffer, o, limit);
            }

            int bodyLength = message.Body.Length;
            bool lengthWritten = false;
            SipHeaderCollection headers = message.Headers;
            for (int i = 0; i < headers.Count; i++)
            {
                SipHeader h = headers[i];
                if (IsContentLength(h.Name))
                {
                    if (!lengthWritten)
                    {
                        o = PutContentLength(bodyLength, buffer, o, limit);
                        lengthWritten = true;
                    }

                    continue;
                }

                o = Put(h.Name, buffer, o, limit);
                o = PutByte((byte)':', buffer, o, limit);
                o = PutByte((byte)' ', buffer, o, limit);
                if (h.Value != null)
                {
                    o = Put(h.Value, buffer, o, limit);
                }

                o = PutCrlf(buffer, o, limit);
            }

            if (!lengthWritten)
            {
                o = PutContentLength(bodyLength, buffer, o, limit);
            }

            o = PutCrlf(buffer, o, limit);
            if (o < 0 || bodyLength > limit - o)
            {
                throw new ArgumentException("the buffer is too small: the message needs " + GetByteCount(message).ToString()
                    + " bytes and " + (buffer.Length - offset).ToString() + " are available", nameof(buffer));
            }

            Array.Copy(message.Body, 0, buffer, o, bodyLength);
            return o + bodyLength - offset;
        }

        private static void CheckMessage(SipMessage message)
        {
            if (message == null)
            {
                throw new ArgumentNullException(nameof(message));
            }

            if (message.IsRequest && (message.Method == null || message.RequestUri == null))
            {
                throw new ArgumentException("a request needs a method and a Request-URI", nameof(message));
            }

            if (!message.IsRequest && (message.StatusCode < 100 || message.StatusCode > 699))
            {
                throw new ArgumentException("a response needs a status code in 100..699", nameof(message));
            }
        }

        private static bool IsContentLength(string name)
            => (object)name == SipHeaderNames.ContentLength || SipHeaderNames.EqualsIgnoreCase(name, SipHeaderNames.ContentLength)
            || (name.Length == 1 && (name[0] | 0x20) == 'l');

        private static int PutContentLength(int length, byte[] buffer, int o, int limit)
        {
            o = Put(ContentLengthPrefix, buffer, o, limit);
            o = PutNumber(length, buffer, o, limit);
            return PutCrlf(buffer, o, limit);
        }

        /// <summary>Writes <paramref name="s"/> as UTF-8; returns the next index, or -1 once anything failed to fit.</summary>
        private static int Put(string s, byte[] buffer, int o, int limit)
        {
            if (o < 0)
            {
                return -1;
            }

            int len = s.Length;
            if (len > limit - o)
            {
                // Even ASCII would not fit; UTF-8 only grows.
                return -1;
            }

            for (int i = 0; i < len; i++)
            {
                char c = s[i];
                if (c >= 0x80)
                {
                    // Rare: finish with the general encoder from this char on; -1 when it stops short.
                    int written = Utf8.EncodeSome(s, ref i, len, buffer, o, limit);
                    return i < len ? -1 : o + written;
                }

                buffer[o++] = (byte)c;
            }

            return o;
        }

        private static int PutByte(byte b, byte[] buffer, int o, int limit)
        {
            if (o < 0 || o >= limit)
            {
                return -1;
            }

            buffer[o] = b;
            return o + 1;
        }

        private static int PutCrlf(byte[] buffer, int o, int limit)
        {
            if (o < 0 || o + 2 > limit)
            {
                return -1;
            }

            buffer[o] = 13;
            buffer[o + 1] = 10;
            return o + 2;
        }

        private static int PutNumber(int value, byte[] buffer, int o, int limit)
        {
            int digits = DigitCount(value);
            if (o < 0 || o + digits > limit)
            {
                return -1;
            }

            int at = o + digits;
            do
            {
                buffer[--at] = (byte)('0' + (value % 10));
                value /= 10;
            }
            while (value > 0);
            return o + digits;
        }

        private static int DigitCount(int value)
        {
            int digits = 1;
            while (value >= 10)
            {
                value /= 10;
                digits++;
            }

            return digits;
        }
    }
}
