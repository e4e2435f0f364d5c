namespace SimpleImGateway.Sip.Bodies.Xml
{
    /// <summary>
    /// The strict UTF-8 steps the XML reader and writer need, kept here so Bodies does not depend on
    /// Shared/Text. Overlong forms, surrogates, values above U+10FFFF and truncated sequences are invalid.
    /// </summary>
    internal static class XmlUtf8
    {
        /// <summary>
        /// Decodes the scalar value starting at <paramref name="index"/> (a byte of 0x80 or more).
        /// Returns the sequence length, or 0 when the bytes are not valid UTF-8.
        /// </summary>
        public static int DecodeScalar(byte[] buffer, int index, int end, out int scalar)
        {
            scalar = 0;
            int b0 = buffer[index];
            int length;
            int min;
            if (b0 >= 0xC2 && b0 <= 0xDF)
            {
                length = 2;
                min = 0x80;
                scalar = b0 & 0x1F;
            }
            else if (b0 >= 0xE0 && b0 <= 0xEF)
            {
                length = 3;
                min = 0x800;
                scalar = b0 & 0x0F;
            }
            else if (b0 >= 0xF0 && b0 <= 0xF4)
            {
                length = 4;
                min = 0x10000;
                scalar = b0 & 0x07;
            }
            else
            {
                return 0;
            }

            if (end - index < length)
            {
                return 0;
            }

            for (int i = 1; i < length; i++)
            {
                int b = buffer[index + i];
                if ((b & 0xC0) != 0x80)
                {
                    return 0;
                }

                scalar = (scalar << 6) | (b & 0x3F);
            }

            if (scalar < min || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF))
            {
                return 0;
            }

            return length;
        }

        /// <summary>Decodes a whole range that the caller knows to be valid UTF-8 (as the writer produced).</summary>
        public static string DecodeValid(byte[] buffer, int offset, int count)
        {
            var chars = new char[count];
            int n = 0;
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int b = buffer[i];
                if (b < 0x80)
                {
                    chars[n++] = (char)b;
                    i++;
                    continue;
                }

                int length = DecodeScalar(buffer, i, end, out int scalar);
                if (length == 0)
                {
                    chars[n++] = (char)0xFFFD;
                    i++;
                    continue;
                }

                n = AppendScalar(chars, n, scalar);
                i += length;
            }

            return new string(chars, 0, n);
        }

        /// <summary>Stores a scalar value as one UTF-16 unit or a surrogate pair; returns the new count.</summary>
        public static int AppendScalar(char[] chars, int n, int scalar)
        {
            if (scalar < 0x10000)
            {
                chars[n++] = (char)scalar;
                return n;
            }

            scalar -= 0x10000;
            chars[n++] = (char)(0xD800 + (scalar >> 10));
            chars[n++] = (char)(0xDC00 + (scalar & 0x3FF));
            return n;
        }
    }
}
