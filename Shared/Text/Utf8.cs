using System;

namespace SimpleImGateway.Sip.Text
{
    /// <summary>
    /// UTF-8 conversion for code that cannot use <c>System.Text.Encoding</c> (nanoFramework's mscorlib lacks it).
    /// Results are identical to .NET's <c>Encoding.UTF8</c> in its default replacement mode: unpaired surrogates
    /// encode as U+FFFD (EF BF BD), and each maximal ill-formed subpart of the input decodes to one U+FFFD
    /// (Unicode §3.9, "U+FFFD substitution of maximal subparts").
    /// </summary>
    public static class Utf8
    {
        /// <summary>The character that stands for input that is not well-formed.</summary>
        public const char ReplacementChar = '\uFFFD';

        /// <summary>Number of bytes <see cref="Encode(string)"/> produces for <paramref name="s"/>.</summary>
        public static int GetByteCount(string s)
        {
            if (s == null)
            {
                throw new ArgumentNullException(nameof(s));
            }

            int length = s.Length;
            int count = length;
            for (int i = 0; i < length; i++)
            {
                int c = s[i];
                if (c < 0x80)
                {
                    continue;
                }

                if (c < 0x800)
                {
                    count += 1;
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < length && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    // Two chars become four bytes.
                    count += 2;
                    i++;
                }
                else
                {
                    // Three bytes, also for an unpaired surrogate (its replacement EF BF BD).
                    count += 2;
                }
            }

            return count;
        }

        /// <summary>
        /// Writes the UTF-8 form of <paramref name="s"/> into <paramref name="buffer"/> at <paramref name="offset"/>
        /// and returns the number of bytes written. Nothing is written when the buffer is too small.
        /// </summary>
        /// <exception cref="ArgumentException">The space after <paramref name="offset"/> is smaller than <see cref="GetByteCount"/>.</exception>
        public static int Encode(string s, byte[] buffer, int offset)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || offset > buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(offset));
            }

            int needed = GetByteCount(s);
            if (buffer.Length - offset < needed)
            {
                throw new ArgumentException(
                    "buffer too small for the UTF-8 text: " + needed + " bytes needed, " + (buffer.Length - offset) + " available",
                    nameof(buffer));
            }

            int index = 0;
            return EncodeSome(s, ref index, s.Length, buffer, offset, buffer.Length);
        }

        /// <summary>Returns the UTF-8 form of <paramref name="s"/> in a new array of exactly the right size.</summary>
        public static byte[] Encode(string s)
        {
            var bytes = new byte[GetByteCount(s)];
            int index = 0;
            EncodeSome(s, ref index, s.Length, bytes, 0, bytes.Length);
            return bytes;
        }

        /// <summary>
        /// Encodes whole code points of <paramref name="s"/> from <paramref name="index"/> up to <paramref name="end"/>
        /// while they fit before <paramref name="bufferEnd"/>; advances <paramref name="index"/> and returns the bytes written.
        /// A surrogate pair split by <paramref name="end"/> is treated as unpaired, as encoding that substring would.
        /// </summary>
        internal static int EncodeSome(string s, ref int index, int end, byte[] buffer, int offset, int bufferEnd)
        {
            int start = offset;
            int i = index;
            while (i < end)
            {
                int c = s[i];
                if (c < 0x80)
                {
                    if (offset >= bufferEnd)
                    {
                        break;
                    }

                    buffer[offset++] = (byte)c;
                    i++;
                }
                else if (c < 0x800)
                {
                    if (bufferEnd - offset < 2)
                    {
                        break;
                    }

                    buffer[offset++] = (byte)(0xC0 | (c >> 6));
                    buffer[offset++] = (byte)(0x80 | (c & 0x3F));
                    i++;
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < end && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    if (bufferEnd - offset < 4)
                    {
                        break;
                    }

                    int codePoint = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
                    buffer[offset++] = (byte)(0xF0 | (codePoint >> 18));
                    buffer[offset++] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                    buffer[offset++] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                    buffer[offset++] = (byte)(0x80 | (codePoint & 0x3F));
                    i += 2;
                }
                else
                {
                    if (bufferEnd - offset < 3)
                    {
                        break;
                    }

                    if (c >= 0xD800 && c <= 0xDFFF)
                    {
                        c = ReplacementChar;
                    }

                    buffer[offset++] = (byte)(0xE0 | (c >> 12));
                    buffer[offset++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    buffer[offset++] = (byte)(0x80 | (c & 0x3F));
                    i++;
                }
            }

            index = i;
            return offset - start;
        }

        /// <summary>Number of chars <see cref="Decode(byte[], int, int)"/> produces for the given bytes.</summary>
        public static int GetCharCount(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            return DecodeCore(buffer, offset, count, null, 0);
        }

        /// <summary>
        /// Decodes UTF-8 bytes into a string, replacing every maximal ill-formed subpart
        /// (including a sequence truncated by the end of the range) with one U+FFFD.
        /// </summary>
        public static string Decode(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            if (count == 0)
            {
                return string.Empty;
            }

            var chars = new char[DecodeCore(buffer, offset, count, null, 0)];
            DecodeCore(buffer, offset, count, chars, 0);
            return new string(chars);
        }

        /// <summary>
        /// Decodes UTF-8 bytes into <paramref name="output"/> at <paramref name="outputOffset"/> (which must have room
        /// for <see cref="GetCharCount"/> chars) and returns the number of chars written.
        /// </summary>
        public static int Decode(byte[] buffer, int offset, int count, char[] output, int outputOffset)
        {
            CheckRange(buffer, offset, count);
            if (output == null)
            {
                throw new ArgumentNullException(nameof(output));
            }

            int needed = DecodeCore(buffer, offset, count, null, 0);
            if (outputOffset < 0 || outputOffset > output.Length || output.Length - outputOffset < needed)
            {
                throw new ArgumentException("output too small for the decoded text: " + needed + " chars needed", nameof(output));
            }

            return DecodeCore(buffer, offset, count, output, outputOffset);
        }

        /// <summary>True when the bytes are well-formed UTF-8 (no overlong forms, surrogates, values above U+10FFFF or truncation).</summary>
        public static bool IsValid(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int length = WellFormedLength(buffer, i, end);
                if (length <= 0)
                {
                    return false;
                }

                i += length;
            }

            return true;
        }

        /// <summary>
        /// Decodes <paramref name="count"/> bytes into <paramref name="output"/> at <paramref name="outputOffset"/>, or only
        /// counts when <paramref name="output"/> is null, in one pass without checks: the caller knows the range is valid
        /// and that the output has room (<paramref name="count"/> chars always suffice). Returns the number of chars.
        /// </summary>
        internal static int DecodeCore(byte[] buffer, int offset, int count, char[] output, int outputOffset)
        {
            int end = offset + count;
            int i = offset;
            int n = outputOffset;
            while (i < end)
            {
                int b0 = buffer[i];
                if (b0 < 0x80)
                {
                    if (output != null)
                    {
                        output[n] = (char)b0;
                    }

                    n++;
                    i++;
                    continue;
                }

                i = DecodeOne(buffer, i, end, output, ref n);
            }

            return n - outputOffset;
        }

        /// <summary>
        /// Decodes the sequence at <paramref name="i"/> (before <paramref name="end"/>): its scalar value as one char or a
        /// surrogate pair, or one U+FFFD for a maximal ill-formed subpart. Writes at <paramref name="n"/> (only counts when
        /// <paramref name="output"/> is null), advances <paramref name="n"/> and returns the index after the sequence. For
        /// callers that decode while they scan, such as the SIP parser unfolding a header value.
        /// </summary>
        internal static int DecodeOne(byte[] buffer, int i, int end, char[] output, ref int n)
        {
            int length = DecodeScalar(buffer, i, end, out int scalar);
            if (length <= 0)
            {
                // -length bytes form the maximal ill-formed subpart: one replacement for all of them.
                if (output != null)
                {
                    output[n] = ReplacementChar;
                }

                n++;
                return i - length;
            }

            n = AppendScalar(output, n, scalar);
            return i + length;
        }

        /// <summary>
        /// The scalar value of the well-formed sequence at <paramref name="i"/> and its length (1..4); for input that
        /// is not well-formed, minus the length of the maximal ill-formed subpart there (at least one byte) and a
        /// scalar of 0. Strict readers (XML) reject on a result of 0 or less.
        /// </summary>
        internal static int DecodeScalar(byte[] buffer, int i, int end, out int scalar)
        {
            int length = WellFormedLength(buffer, i, end);
            int b0 = buffer[i];
            if (length == 1)
            {
                scalar = b0;
            }
            else if (length == 2)
            {
                scalar = ((b0 & 0x1F) << 6) | (buffer[i + 1] & 0x3F);
            }
            else if (length == 3)
            {
                scalar = ((b0 & 0x0F) << 12) | ((buffer[i + 1] & 0x3F) << 6) | (buffer[i + 2] & 0x3F);
            }
            else if (length == 4)
            {
                scalar = ((b0 & 0x07) << 18) | ((buffer[i + 1] & 0x3F) << 12) | ((buffer[i + 2] & 0x3F) << 6) | (buffer[i + 3] & 0x3F);
            }
            else
            {
                scalar = 0;
            }

            return length;
        }

        /// <summary>
        /// Stores a scalar value (at most U+10FFFF, not a surrogate) at <paramref name="n"/> as one UTF-16 unit or a
        /// surrogate pair, or only counts when <paramref name="output"/> is null; returns the new count.
        /// </summary>
        internal static int AppendScalar(char[] output, int n, int scalar)
        {
            if (scalar < 0x10000)
            {
                if (output != null)
                {
                    output[n] = (char)scalar;
                }

                return n + 1;
            }

            if (output != null)
            {
                scalar -= 0x10000;
                output[n] = (char)(0xD800 + (scalar >> 10));
                output[n + 1] = (char)(0xDC00 + (scalar & 0x3FF));
            }

            return n + 2;
        }

        /// <summary>
        /// Where the code point starting at <paramref name="index"/> ends: after the pair when a high and a low surrogate
        /// stand there before <paramref name="end"/>, else after the one char. With <see cref="EncodeSome"/> it encodes
        /// exactly one code point, for writers that check or escape char by char.
        /// </summary>
        internal static int CodePointEnd(string s, int index, int end)
        {
            int next = index + 1;
            return next < end && s[index] >= 0xD800 && s[index] <= 0xDBFF && s[next] >= 0xDC00 && s[next] <= 0xDFFF ? next + 1 : next;
        }

        /// <summary>
        /// Length (1..4) of the well-formed sequence starting at <paramref name="i"/>, or minus the length of the
        /// maximal ill-formed subpart there (at least one byte) when it is not well-formed.
        /// </summary>
        private static int WellFormedLength(byte[] buffer, int i, int end)
        {
            int b0 = buffer[i];
            if (b0 < 0x80)
            {
                return 1;
            }

            int length;

            // The range the second byte must fall in narrows for E0/ED/F0/F4 (Unicode Table 3-7).
            int low = 0x80;
            int high = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF)
            {
                length = 2;
            }
            else if (b0 >= 0xE0 && b0 <= 0xEF)
            {
                length = 3;
                if (b0 == 0xE0)
                {
                    low = 0xA0;
                }
                else if (b0 == 0xED)
                {
                    high = 0x9F;
                }
            }
            else if (b0 >= 0xF0 && b0 <= 0xF4)
            {
                length = 4;
                if (b0 == 0xF0)
                {
                    low = 0x90;
                }
                else if (b0 == 0xF4)
                {
                    high = 0x8F;
                }
            }
            else
            {
                // Continuation byte, C0/C1 or F5..FF: never the start of anything.
                return -1;
            }

            if (i + 1 >= end || buffer[i + 1] < low || buffer[i + 1] > high)
            {
                return -1;
            }

            for (int k = 2; k < length; k++)
            {
                if (i + k >= end || (buffer[i + k] & 0xC0) != 0x80)
                {
                    return -k;
                }
            }

            return length;
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
