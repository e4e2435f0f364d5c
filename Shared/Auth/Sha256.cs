namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// SHA-256 (FIPS 180-4 §6.2). Incremental (<see cref="HashFunction.Append(byte[], int, int)"/>,
    /// <see cref="HashFunction.Finish"/>) and allocation-free per block. Not thread-safe.
    /// </summary>
    public sealed class Sha256 : HashFunction
    {
        /// <summary>Digest size in bytes.</summary>
        public const int Size = 32;

        // First 32 bits of the fractional parts of the cube roots of the first 64 primes (FIPS 180-4 §4.2.2).
        private static readonly uint[] s_k =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _w = new uint[64];
        private readonly uint[] _h = new uint[8];

        /// <summary>Creates a hasher ready for a new message.</summary>
        public Sha256()
        {
            ResetState();
        }

        /// <inheritdoc/>
        public override int HashSize => Size;

        /// <inheritdoc/>
        protected override bool LengthIsBigEndian => true;

        /// <summary>The SHA-256 digest of a byte range.</summary>
        public static byte[] Hash(byte[] buffer, int offset, int count)
        {
            var digest = new byte[Size];
            var sha = new Sha256();
            sha.Append(buffer, offset, count);
            sha.Finish(digest, 0);
            return digest;
        }

        /// <inheritdoc/>
        protected override void ResetState()
        {
            // First 32 bits of the fractional parts of the square roots of the first 8 primes (FIPS 180-4 §5.3.3).
            _h[0] = 0x6a09e667;
            _h[1] = 0xbb67ae85;
            _h[2] = 0x3c6ef372;
            _h[3] = 0xa54ff53a;
            _h[4] = 0x510e527f;
            _h[5] = 0x9b05688c;
            _h[6] = 0x1f83d9ab;
            _h[7] = 0x5be0cd19;
        }

        /// <inheritdoc/>
        protected override void ProcessBlock(byte[] block, int offset)
        {
            uint[] w = _w;
            for (int t = 0; t < 16; t++)
            {
                int p = offset + (4 * t);
                w[t] = ((uint)block[p] << 24) | ((uint)block[p + 1] << 16) | ((uint)block[p + 2] << 8) | block[p + 3];
            }

            for (int t = 16; t < 64; t++)
            {
                uint x = w[t - 15];
                uint y = w[t - 2];
                uint sigma0 = Rotr(x, 7) ^ Rotr(x, 18) ^ (x >> 3);
                uint sigma1 = Rotr(y, 17) ^ Rotr(y, 19) ^ (y >> 10);
                w[t] = sigma1 + w[t - 7] + sigma0 + w[t - 16];
            }

            uint[] h = _h;
            uint a = h[0];
            uint b = h[1];
            uint c = h[2];
            uint d = h[3];
            uint e = h[4];
            uint f = h[5];
            uint g = h[6];
            uint hh = h[7];
            for (int t = 0; t < 64; t++)
            {
                uint t1 = hh + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + s_k[t] + w[t];
                uint t2 = (Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
                hh = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }

            h[0] += a;
            h[1] += b;
            h[2] += c;
            h[3] += d;
            h[4] += e;
            h[5] += f;
            h[6] += g;
            h[7] += hh;
        }

        /// <inheritdoc/>
        protected override void WriteDigest(byte[] output, int offset)
        {
            for (int i = 0; i < 8; i++)
            {
                uint v = _h[i];
                int p = offset + (4 * i);
                output[p] = (byte)(v >> 24);
                output[p + 1] = (byte)(v >> 16);
                output[p + 2] = (byte)(v >> 8);
                output[p + 3] = (byte)v;
            }
        }

        private static uint Rotr(uint x, int n) => (x >> n) | (x << (32 - n));
    }
}
