using System;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// Base of the Merkle–Damgård hashes here (MD5, SHA-256): 64-byte blocks, the 0x80 / zeros / bit-length
    /// padding, and incremental input. One instance hashes one message at a time and reuses its buffers, so
    /// hashing allocates nothing. Not thread-safe.
    /// </summary>
    public abstract class HashFunction
    {
        /// <summary>Block size of MD5 and SHA-256 in bytes.</summary>
        public const int BlockSize = 64;

        private const string LowerHexDigits = "0123456789abcdef";

        private readonly byte[] _block = new byte[BlockSize];
        private int _blockFill;
        private ulong _length;

        // One encoded code point that must be split across two blocks.
        private readonly byte[] _codePoint = new byte[4];

        /// <summary>Size of the digest <see cref="Finish"/> writes, in bytes.</summary>
        public abstract int HashSize { get; }

        /// <summary>Whether the message bit length at the end of the padding is big-endian (SHA) or little-endian (MD5).</summary>
        protected abstract bool LengthIsBigEndian { get; }

        /// <summary>Adds bytes to the message.</summary>
        public void Append(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset and count do not describe a range of the buffer");
            }

            _length += (ulong)count;
            if (_blockFill > 0)
            {
                int take = BlockSize - _blockFill;
                if (take > count)
                {
                    take = count;
                }

                Array.Copy(buffer, offset, _block, _blockFill, take);
                _blockFill += take;
                offset += take;
                count -= take;
                if (_blockFill < BlockSize)
                {
                    return;
                }

                ProcessBlock(_block, 0);
                _blockFill = 0;
            }

            // Whole blocks straight from the caller's buffer, without copying.
            while (count >= BlockSize)
            {
                ProcessBlock(buffer, offset);
                offset += BlockSize;
                count -= BlockSize;
            }

            if (count > 0)
            {
                Array.Copy(buffer, offset, _block, 0, count);
                _blockFill = count;
            }
        }

        /// <summary>Adds one byte to the message.</summary>
        public void Append(byte value)
        {
            _length++;
            _block[_blockFill++] = value;
            if (_blockFill == BlockSize)
            {
                ProcessBlock(_block, 0);
                _blockFill = 0;
            }
        }

        /// <summary>Adds the UTF-8 bytes of <paramref name="s"/> (unpaired surrogates as EF BF BD) to the message.</summary>
        public void AppendUtf8(string s)
        {
            if (s == null)
            {
                throw new ArgumentNullException(nameof(s));
            }

            int index = 0;
            int end = s.Length;
            while (index < end)
            {
                // Encode straight into the block; only a code point straddling the block end goes byte by byte.
                int written = Utf8.EncodeSome(s, ref index, end, _block, _blockFill, BlockSize);
                _blockFill += written;
                _length += (ulong)written;
                if (_blockFill == BlockSize)
                {
                    ProcessBlock(_block, 0);
                    _blockFill = 0;
                }
                else if (index < end)
                {
                    AppendCodePointByteWise(s, ref index, end);
                }
            }
        }

        /// <summary>Adds the lower-case hex digits of a byte range (two ASCII bytes per byte) to the message.</summary>
        public void AppendLowerHex(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset and count do not describe a range of the buffer");
            }

            for (int i = 0; i < count; i++)
            {
                int b = buffer[offset + i];
                Append((byte)LowerHexDigits[b >> 4]);
                Append((byte)LowerHexDigits[b & 0xF]);
            }
        }

        /// <summary>
        /// Completes the message, writes the digest (<see cref="HashSize"/> bytes) at <paramref name="offset"/>
        /// and resets the instance for the next message.
        /// </summary>
        public void Finish(byte[] output, int offset)
        {
            if (output == null)
            {
                throw new ArgumentNullException(nameof(output));
            }

            if (offset < 0 || offset > output.Length - HashSize)
            {
                throw new ArgumentException("output too small for a " + HashSize + "-byte digest", nameof(output));
            }

            ulong bitLength = _length << 3;
            _block[_blockFill++] = 0x80;
            if (_blockFill > BlockSize - 8)
            {
                Array.Clear(_block, _blockFill, BlockSize - _blockFill);
                ProcessBlock(_block, 0);
                _blockFill = 0;
            }

            Array.Clear(_block, _blockFill, BlockSize - 8 - _blockFill);
            for (int i = 0; i < 8; i++)
            {
                byte b = (byte)(bitLength >> (8 * i));
                _block[LengthIsBigEndian ? BlockSize - 1 - i : BlockSize - 8 + i] = b;
            }

            ProcessBlock(_block, 0);
            WriteDigest(output, offset);
            Reset();
        }

        /// <summary>Discards the message so far and starts a new one.</summary>
        public void Reset()
        {
            _blockFill = 0;
            _length = 0;
            Array.Clear(_block, 0, BlockSize);
            ResetState();
        }

        /// <summary>Runs the compression function over 64 bytes of <paramref name="block"/> at <paramref name="offset"/>.</summary>
        protected abstract void ProcessBlock(byte[] block, int offset);

        /// <summary>Sets the chaining state to the initial value.</summary>
        protected abstract void ResetState();

        /// <summary>Writes the chaining state as the digest.</summary>
        protected abstract void WriteDigest(byte[] output, int offset);

        private void AppendCodePointByteWise(string s, ref int index, int end)
        {
            int n = Utf8.EncodeSome(s, ref index, Utf8.CodePointEnd(s, index, end), _codePoint, 0, _codePoint.Length);
            for (int i = 0; i < n; i++)
            {
                Append(_codePoint[i]);
            }
        }
    }
}
