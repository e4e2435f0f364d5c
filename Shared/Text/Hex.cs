using System;

namespace SimpleImGateway.Sip.Text
{
    /// <summary>
    /// Lower-case hexadecimal text for bytes and numbers (the LHEX of RFC 3261/7616), and its parsing.
    /// </summary>
    public static class Hex
    {
        private const string LowerDigits = "0123456789abcdef";

        /// <summary>The lower-case hex string of a byte range (two chars per byte).</summary>
        public static string Encode(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            var text = new CharBuffer(count * 2);
            Append(text, buffer, offset, count);
            return text.ToString();
        }

        /// <summary>
        /// Writes the lower-case hex of a byte range as ASCII bytes into <paramref name="destination"/>
        /// (2 * <paramref name="count"/> bytes) and returns the number of bytes written.
        /// </summary>
        public static int EncodeAscii(byte[] buffer, int offset, int count, byte[] destination, int destinationOffset)
        {
            CheckRange(buffer, offset, count);
            if (destination == null)
            {
                throw new ArgumentNullException(nameof(destination));
            }

            if (destinationOffset < 0 || destinationOffset > destination.Length - (2 * count))
            {
                throw new ArgumentException("destination too small for " + (2 * count) + " hex digits", nameof(destination));
            }

            for (int i = 0; i < count; i++)
            {
                int b = buffer[offset + i];
                destination[destinationOffset++] = (byte)LowerDigits[b >> 4];
                destination[destinationOffset++] = (byte)LowerDigits[b & 0xF];
            }

            return 2 * count;
        }

        /// <summary>Lower-case hex of <paramref name="value"/>, left-padded with zeros to exactly eight digits.</summary>
        public static string FormatUInt32(uint value)
        {
            var buffer = new CharBuffer(8);
            AppendUInt32(buffer, value);
            return buffer.ToString();
        }

        /// <summary>Appends the eight digits <see cref="FormatUInt32"/> returns to <paramref name="buffer"/>.</summary>
        public static void AppendUInt32(CharBuffer buffer, uint value)
        {
            for (int shift = 28; shift >= 0; shift -= 4)
            {
                buffer.Append(LowerDigits[(int)((value >> shift) & 0xF)]);
            }
        }

        /// <summary>Appends the lower-case hex of a byte range (two chars per byte) to <paramref name="buffer"/>.</summary>
        public static void Append(CharBuffer buffer, byte[] bytes, int offset, int count)
        {
            CheckRange(bytes, offset, count);
            for (int i = 0; i < count; i++)
            {
                int b = bytes[offset + i];
                buffer.Append(LowerDigits[b >> 4]);
                buffer.Append(LowerDigits[b & 0xF]);
            }
        }

        /// <summary>The value of a hex digit (either case), or -1 when <paramref name="c"/> is not one.</summary>
        public static int DigitValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }

        /// <summary>
        /// Parses 1 to 8 hex digits (either case) of <paramref name="s"/> starting at <paramref name="start"/>.
        /// Returns false, with <paramref name="value"/> 0, when the range is empty, longer than 8 or holds a non-digit.
        /// </summary>
        public static bool TryParseUInt32(string s, int start, int length, out uint value)
        {
            value = 0;
            if (s == null || length < 1 || length > 8 || start < 0 || start > s.Length - length)
            {
                return false;
            }

            uint result = 0;
            for (int i = start; i < start + length; i++)
            {
                int digit = DigitValue(s[i]);
                if (digit < 0)
                {
                    return false;
                }

                result = (result << 4) | (uint)digit;
            }

            value = result;
            return true;
        }

        /// <summary>
        /// Decodes <paramref name="length"/> hex digits (either case, even count) of <paramref name="s"/> into
        /// <paramref name="destination"/>. Returns false, leaving the destination partly written, on any bad digit
        /// or when the sizes do not fit.
        /// </summary>
        public static bool TryDecode(string s, int start, int length, byte[] destination, int destinationOffset)
        {
            if (s == null || destination == null || length < 0 || (length & 1) != 0 || start < 0 || start > s.Length - length
                || destinationOffset < 0 || destinationOffset > destination.Length - (length / 2))
            {
                return false;
            }

            for (int i = 0; i < length; i += 2)
            {
                int high = DigitValue(s[start + i]);
                int low = DigitValue(s[start + i + 1]);
                if (high < 0 || low < 0)
                {
                    return false;
                }

                destination[destinationOffset++] = (byte)((high << 4) | low);
            }

            return true;
        }

        private static void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset and count do not describe a range of the buffer");
            }
        }
    }
}
