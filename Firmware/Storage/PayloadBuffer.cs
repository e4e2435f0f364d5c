using System;

namespace SimpleImGateway.Firmware.Storage
{
    /// <summary>
    /// A window of the journal's one I/O buffer that holds a record's payload, with writers and readers
    /// for the few field shapes the pager uses: bytes, 64-bit integers, UTF-8 strings and byte blocks,
    /// the last two prefixed by a 16-bit length. Nothing here allocates except string decoding.
    /// </summary>
    public sealed class PayloadBuffer
    {
        private const int MaxBlockLength = 0xFFFF;

        private readonly byte[] _data;
        private readonly int _start;
        private readonly int _capacity;
        private int _length;
        private int _position;

        internal PayloadBuffer(byte[] data, int start, int capacity)
        {
            _data = data;
            _start = start;
            _capacity = capacity;
        }

        /// <summary>Bytes written so far, or the length of the payload being read.</summary>
        public int Length => _length;

        /// <summary>The most a payload can hold.</summary>
        public int Capacity => _capacity;

        /// <summary>Bytes not yet read.</summary>
        public int Remaining => _length - _position;

        /// <summary>The number of bytes <paramref name="value"/> takes in UTF-8.</summary>
        public static int Utf8Length(string value)
        {
            int bytes = 0;
            int length = value.Length;
            for (int i = 0; i < length; i++)
            {
                char c = value[i];
                if (c < 0x80)
                {
                    bytes += 1;
                }
                else if (c < 0x800)
                {
                    bytes += 2;
                }
                else if (IsHighSurrogate(c) && i + 1 < length && IsLowSurrogate(value[i + 1]))
                {
                    bytes += 4;
                    i++;
                }
                else
                {
                    // Other BMP characters, and lone surrogates written as U+FFFD.
                    bytes += 3;
                }
            }

            return bytes;
        }

        /// <summary>The bytes <see cref="WriteString"/> uses for <paramref name="value"/>.</summary>
        public static int SizeOfString(string value)
        {
            return 2 + Utf8Length(value);
        }

        /// <summary>Appends one byte.</summary>
        public void WriteByte(byte value)
        {
            Reserve(1);
            _data[_start + _length] = value;
            _length++;
        }

        /// <summary>Appends a 64-bit integer.</summary>
        public void WriteInt64(long value)
        {
            Reserve(8);
            LittleEndian.WriteInt64(_data, _start + _length, value);
            _length += 8;
        }

        /// <summary>Appends a block of bytes preceded by its 16-bit length.</summary>
        public void WriteBlock(byte[] source, int offset, int count)
        {
            if (count > MaxBlockLength)
            {
                throw new ArgumentException("a block holds at most 65535 bytes");
            }

            Reserve(2 + count);
            LittleEndian.WriteUInt16(_data, _start + _length, count);
            Array.Copy(source, offset, _data, _start + _length + 2, count);
            _length += 2 + count;
        }

        /// <summary>Appends a string as UTF-8 preceded by its 16-bit byte length.</summary>
        public void WriteString(string value)
        {
            int byteCount = Utf8Length(value);
            if (byteCount > MaxBlockLength)
            {
                throw new ArgumentException("a string holds at most 65535 bytes of UTF-8");
            }

            Reserve(2 + byteCount);
            LittleEndian.WriteUInt16(_data, _start + _length, byteCount);
            int at = _start + _length + 2;
            int length = value.Length;
            for (int i = 0; i < length; i++)
            {
                int c = value[i];
                if (c < 0x80)
                {
                    _data[at++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    _data[at++] = (byte)(0xC0 | (c >> 6));
                    _data[at++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (IsHighSurrogate((char)c) && i + 1 < length && IsLowSurrogate(value[i + 1]))
                {
                    int scalar = 0x10000 + ((c - 0xD800) << 10) + (value[i + 1] - 0xDC00);
                    i++;
                    _data[at++] = (byte)(0xF0 | (scalar >> 18));
                    _data[at++] = (byte)(0x80 | ((scalar >> 12) & 0x3F));
                    _data[at++] = (byte)(0x80 | ((scalar >> 6) & 0x3F));
                    _data[at++] = (byte)(0x80 | (scalar & 0x3F));
                }
                else
                {
                    if (IsHighSurrogate((char)c) || IsLowSurrogate((char)c))
                    {
                        c = 0xFFFD;
                    }

                    _data[at++] = (byte)(0xE0 | (c >> 12));
                    _data[at++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    _data[at++] = (byte)(0x80 | (c & 0x3F));
                }
            }

            _length += 2 + byteCount;
        }

        /// <summary>Reads one byte.</summary>
        public byte ReadByte()
        {
            Require(1);
            byte value = _data[_start + _position];
            _position++;
            return value;
        }

        /// <summary>Reads a 64-bit integer.</summary>
        public long ReadInt64()
        {
            Require(8);
            long value = LittleEndian.ReadInt64(_data, _start + _position);
            _position += 8;
            return value;
        }

        /// <summary>The length of the block at the read position, without consuming it.</summary>
        public int PeekBlockLength()
        {
            Require(2);
            return LittleEndian.ReadUInt16(_data, _start + _position);
        }

        /// <summary>
        /// Reads a block written by <see cref="WriteBlock"/> into <paramref name="destination"/> and
        /// returns its length.
        /// </summary>
        public int ReadBlock(byte[] destination, int offset)
        {
            int count = PeekBlockLength();
            Require(2 + count);
            if (destination.Length - offset < count)
            {
                throw new ArgumentException("destination too small for the block");
            }

            Array.Copy(_data, _start + _position + 2, destination, offset, count);
            _position += 2 + count;
            return count;
        }

        /// <summary>Steps over a block or string and returns its length.</summary>
        public int SkipBlock()
        {
            int count = PeekBlockLength();
            Require(2 + count);
            _position += 2 + count;
            return count;
        }

        /// <summary>Reads a string written by <see cref="WriteString"/>; bad UTF-8 becomes U+FFFD.</summary>
        public string ReadString()
        {
            int count = PeekBlockLength();
            Require(2 + count);
            int at = _start + _position + 2;
            int end = at + count;
            _position += 2 + count;
            if (count == 0)
            {
                return string.Empty;
            }

            // At most one UTF-16 unit per byte.
            var chars = new char[count];
            int n = 0;
            while (at < end)
            {
                int b = _data[at];
                if (b < 0x80)
                {
                    chars[n++] = (char)b;
                    at++;
                    continue;
                }

                int need;
                int scalar;
                int min;
                if ((b & 0xE0) == 0xC0)
                {
                    need = 1;
                    scalar = b & 0x1F;
                    min = 0x80;
                }
                else if ((b & 0xF0) == 0xE0)
                {
                    need = 2;
                    scalar = b & 0x0F;
                    min = 0x800;
                }
                else if ((b & 0xF8) == 0xF0)
                {
                    need = 3;
                    scalar = b & 0x07;
                    min = 0x10000;
                }
                else
                {
                    chars[n++] = '\uFFFD';
                    at++;
                    continue;
                }

                int i = 1;
                while (i <= need && at + i < end && (_data[at + i] & 0xC0) == 0x80)
                {
                    scalar = (scalar << 6) | (_data[at + i] & 0x3F);
                    i++;
                }

                if (i <= need || scalar < min || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF))
                {
                    // Truncated, overlong or out of range: one replacement for the bytes looked at.
                    chars[n++] = '\uFFFD';
                    at += i;
                    continue;
                }

                at += i;
                if (scalar >= 0x10000)
                {
                    scalar -= 0x10000;
                    chars[n++] = (char)(0xD800 + (scalar >> 10));
                    chars[n++] = (char)(0xDC00 + (scalar & 0x3FF));
                }
                else
                {
                    chars[n++] = (char)scalar;
                }
            }

            return new string(chars, 0, n);
        }

        internal void BeginWrite()
        {
            _length = 0;
            _position = 0;
        }

        internal void BeginRead(int length)
        {
            _length = length;
            _position = 0;
        }

        private static bool IsHighSurrogate(char c)
        {
            return c >= 0xD800 && c <= 0xDBFF;
        }

        private static bool IsLowSurrogate(char c)
        {
            return c >= 0xDC00 && c <= 0xDFFF;
        }

        private void Reserve(int count)
        {
            if (_length + count > _capacity)
            {
                throw new ArgumentException("record payload exceeds " + _capacity + " bytes");
            }
        }

        private void Require(int count)
        {
            if (_position + count > _length)
            {
                throw new CorruptRecordException("payload field runs past the end of the record");
            }
        }
    }
}
