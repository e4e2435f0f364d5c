namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// MD5 (RFC 1321), for Digest authentication only: it is broken as a general-purpose hash.
    /// Incremental (<see cref="HashFunction.Append(byte[], int, int)"/>, <see cref="HashFunction.Finish"/>) and
    /// allocation-free per block. Not thread-safe.
    /// </summary>
    public sealed class Md5 : HashFunction
    {
        /// <summary>Digest size in bytes.</summary>
        public const int Size = 16;

        // T[i] = floor(2^32 * |sin(i + 1)|), RFC 1321 §3.4.
        private static readonly uint[] s_t =
        {
            0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
            0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
            0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
            0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
            0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
            0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
            0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
            0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
        };

        // Left-rotation amounts, four per round.
        private static readonly int[] s_shifts = { 7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21 };

        private readonly uint[] _x = new uint[16];
        private uint _a;
        private uint _b;
        private uint _c;
        private uint _d;

        /// <summary>Creates a hasher ready for a new message.</summary>
        public Md5()
        {
            ResetState();
        }

        /// <inheritdoc/>
        public override int HashSize => Size;

        /// <inheritdoc/>
        protected override bool LengthIsBigEndian => false;

        /// <summary>The MD5 digest of a byte range.</summary>
        public static byte[] Hash(byte[] buffer, int offset, int count)
        {
            var digest = new byte[Size];
            var md5 = new Md5();
            md5.Append(buffer, offset, count);
            md5.Finish(digest, 0);
            return digest;
        }

        /// <inheritdoc/>
        protected override void ResetState()
        {
            _a = 0x67452301;
            _b = 0xefcdab89;
            _c = 0x98badcfe;
            _d = 0x10325476;
        }

        /// <inheritdoc/>
        protected override void ProcessBlock(byte[] block, int offset)
        {
            uint[] x = _x;
            for (int i = 0; i < 16; i++)
            {
                int p = offset + (4 * i);
                x[i] = block[p] | ((uint)block[p + 1] << 8) | ((uint)block[p + 2] << 16) | ((uint)block[p + 3] << 24);
            }

            uint a = _a;
            uint b = _b;
            uint c = _c;
            uint d = _d;
            for (int i = 0; i < 64; i++)
            {
                uint f;
                int g;
                int round = i >> 4;
                if (round == 0)
                {
                    f = (b & c) | (~b & d);
                    g = i;
                }
                else if (round == 1)
                {
                    f = (d & b) | (~d & c);
                    g = ((5 * i) + 1) & 15;
                }
                else if (round == 2)
                {
                    f = b ^ c ^ d;
                    g = ((3 * i) + 5) & 15;
                }
                else
                {
                    f = c ^ (b | ~d);
                    g = (7 * i) & 15;
                }

                uint sum = a + f + s_t[i] + x[g];
                int shift = s_shifts[(round << 2) | (i & 3)];
                a = d;
                d = c;
                c = b;
                b += (sum << shift) | (sum >> (32 - shift));
            }

            _a += a;
            _b += b;
            _c += c;
            _d += d;
        }

        /// <inheritdoc/>
        protected override void WriteDigest(byte[] output, int offset)
        {
            WriteLittleEndian(_a, output, offset);
            WriteLittleEndian(_b, output, offset + 4);
            WriteLittleEndian(_c, output, offset + 8);
            WriteLittleEndian(_d, output, offset + 12);
        }

        private static void WriteLittleEndian(uint value, byte[] output, int offset)
        {
            output[offset] = (byte)value;
            output[offset + 1] = (byte)(value >> 8);
            output[offset + 2] = (byte)(value >> 16);
            output[offset + 3] = (byte)(value >> 24);
        }
    }
}
