namespace SimpleImGateway.Sip.Message
{
    /// <summary>
    /// The small UTF-8 codec the parser, the writer and URI escaping need (nanoFramework has no Encoding).
    /// Kept private to the SIP core so it does not wait on <c>SimpleImGateway.Sip.Text.Utf8</c>; invalid input
    /// decodes to U+FFFD per maximal subpart, lone surrogates encode as U+FFFD.
    /// </summary>
    internal static class SipUtf8
    {
        internal const char Replacement = '\uFFFD';

        /// <summary>
        /// Decodes <paramref name="count"/> octets into <paramref name="chars"/> at <paramref name="charIndex"/>,
        /// which must have room for <paramref name="count"/> chars (UTF-8 never yields more chars than octets).
        /// Returns the number of chars written.
        /// </summary>
        internal static int Decode(byte[] bytes, int offset, int count, char[] chars, int charIndex)
        {
            int end = offset + count;
            int o = charIndex;
            int i = offset;
            while (i < end)
            {
                int b = bytes[i];
                if (b < 0x80)
                {
                    chars[o++] = (char)b;
                    i++;
                    continue;
                }

                i = DecodeMultiByte(bytes, i, end, chars, ref o);
            }

            return o - charIndex;
        }

        /// <summary>Decodes one multi-octet sequence starting at <paramref name="i"/>; returns the index after it.</summary>
        internal static int DecodeMultiByte(byte[] bytes, int i, int end, char[] chars, ref int o)
        {
            int b = bytes[i];
            int need;
            int cp;
            int min2;
            int max2 = 0xBF;
            if (b >= 0xC2 && b <= 0xDF)
            {
                need = 1;
                cp = b & 0x1F;
                min2 = 0x80;
            }
            else if (b >= 0xE0 && b <= 0xEF)
            {
                need = 2;
                cp = b & 0x0F;
                min2 = b == 0xE0 ? 0xA0 : 0x80;
                if (b == 0xED)
                {
                    max2 = 0x9F; // no encoded surrogates
                }
            }
            else if (b >= 0xF0 && b <= 0xF4)
            {
                need = 3;
                cp = b & 0x07;
                min2 = b == 0xF0 ? 0x90 : 0x80;
                if (b == 0xF4)
                {
                    max2 = 0x8F;
                }
            }
            else
            {
                chars[o++] = Replacement;
                return i + 1;
            }

            int j = i + 1;
            for (int k = 0; k < need; k++)
            {
                if (j >= end)
                {
                    chars[o++] = Replacement;
                    return j;
                }

                int c = bytes[j];
                int lo = k == 0 ? min2 : 0x80;
                int hi = k == 0 ? max2 : 0xBF;
                if (c < lo || c > hi)
                {
                    chars[o++] = Replacement;
                    return j;
                }

                cp = (cp << 6) | (c & 0x3F);
                j++;
            }

            if (cp >= 0x10000)
            {
                cp -= 0x10000;
                chars[o++] = (char)(0xD800 + (cp >> 10));
                chars[o++] = (char)(0xDC00 + (cp & 0x3FF));
            }
            else
            {
                chars[o++] = (char)cp;
            }

            return j;
        }

        /// <summary>Decodes octets into a new string.</summary>
        internal static string GetString(byte[] bytes, int offset, int count)
        {
            if (count == 0)
            {
                return string.Empty;
            }

            var chars = new char[count];
            int n = Decode(bytes, offset, count, chars, 0);
            return new string(chars, 0, n);
        }

        /// <summary>The number of octets <paramref name="s"/> encodes to.</summary>
        internal static int GetByteCount(string s)
        {
            int n = 0;
            int len = s.Length;
            for (int i = 0; i < len; i++)
            {
                char c = s[i];
                if (c < 0x80)
                {
                    n++;
                }
                else if (c < 0x800)
                {
                    n += 2;
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < len && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    n += 4;
                    i++;
                }
                else
                {
                    n += 3; // BMP char, or a lone surrogate written as U+FFFD
                }
            }

            return n;
        }

        /// <summary>
        /// Encodes <paramref name="s"/> at <paramref name="offset"/>; returns the index after the last octet,
        /// or -1 when the buffer ends first (nothing past <paramref name="limit"/> is written).
        /// </summary>
        internal static int Encode(string s, byte[] buffer, int offset, int limit) => Encode(s, 0, buffer, offset, limit);

        /// <summary>Encodes <paramref name="s"/> from char <paramref name="charStart"/> on; see the overload without it.</summary>
        internal static int Encode(string s, int charStart, byte[] buffer, int offset, int limit)
        {
            int o = offset;
            int len = s.Length;
            for (int i = charStart; i < len; i++)
            {
                int c = s[i];
                if (c < 0x80)
                {
                    if (o >= limit)
                    {
                        return -1;
                    }

                    buffer[o++] = (byte)c;
                    continue;
                }

                if (c < 0x800)
                {
                    if (o + 2 > limit)
                    {
                        return -1;
                    }

                    buffer[o++] = (byte)(0xC0 | (c >> 6));
                    buffer[o++] = (byte)(0x80 | (c & 0x3F));
                    continue;
                }

                if (c >= 0xD800 && c <= 0xDFFF)
                {
                    if (c <= 0xDBFF && i + 1 < len && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                    {
                        int cp = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
                        i++;
                        if (o + 4 > limit)
                        {
                            return -1;
                        }

                        buffer[o++] = (byte)(0xF0 | (cp >> 18));
                        buffer[o++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                        buffer[o++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                        buffer[o++] = (byte)(0x80 | (cp & 0x3F));
                        continue;
                    }

                    c = Replacement;
                }

                if (o + 3 > limit)
                {
                    return -1;
                }

                buffer[o++] = (byte)(0xE0 | (c >> 12));
                buffer[o++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                buffer[o++] = (byte)(0x80 | (c & 0x3F));
            }

            return o;
        }
    }
}
