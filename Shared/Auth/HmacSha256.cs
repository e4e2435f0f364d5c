using System;

namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// HMAC-SHA-256 (RFC 2104) with a fixed key, used to bind server nonces to a secret.
    /// The padded keys are computed once; each MAC allocates nothing. Not thread-safe.
    /// </summary>
    public sealed class HmacSha256
    {
        /// <summary>MAC size in bytes.</summary>
        public const int Size = Sha256.Size;

        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _innerKey = new byte[HashFunction.BlockSize];
        private readonly byte[] _outerKey = new byte[HashFunction.BlockSize];
        private readonly byte[] _innerDigest = new byte[Sha256.Size];

        /// <summary>Creates a MAC keyed with a copy of <paramref name="key"/> (any length; longer than 64 bytes is hashed first).</summary>
        public HmacSha256(byte[] key)
        {
            if (key == null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            byte[] k = key.Length > HashFunction.BlockSize ? Sha256.Hash(key, 0, key.Length) : key;
            for (int i = 0; i < HashFunction.BlockSize; i++)
            {
                byte b = i < k.Length ? k[i] : (byte)0;
                _innerKey[i] = (byte)(b ^ 0x36);
                _outerKey[i] = (byte)(b ^ 0x5c);
            }

            Reset();
        }

        /// <summary>Adds bytes to the message.</summary>
        public void Append(byte[] buffer, int offset, int count) => _sha.Append(buffer, offset, count);

        /// <summary>Adds the UTF-8 bytes of <paramref name="s"/> to the message.</summary>
        public void AppendUtf8(string s) => _sha.AppendUtf8(s);

        /// <summary>Writes the 32-byte MAC at <paramref name="offset"/> and starts a new message.</summary>
        public void Finish(byte[] output, int offset)
        {
            if (output == null)
            {
                throw new ArgumentNullException(nameof(output));
            }

            if (offset < 0 || offset > output.Length - Size)
            {
                throw new ArgumentException("output too small for a 32-byte MAC", nameof(output));
            }

            _sha.Finish(_innerDigest, 0);
            _sha.Append(_outerKey, 0, _outerKey.Length);
            _sha.Append(_innerDigest, 0, _innerDigest.Length);
            _sha.Finish(output, offset);
            Reset();
        }

        /// <summary>Discards the message so far.</summary>
        public void Reset()
        {
            _sha.Reset();
            _sha.Append(_innerKey, 0, _innerKey.Length);
        }

        /// <summary>The HMAC-SHA-256 of a byte range under <paramref name="key"/>.</summary>
        public static byte[] Compute(byte[] key, byte[] buffer, int offset, int count)
        {
            var mac = new byte[Size];
            var hmac = new HmacSha256(key);
            hmac.Append(buffer, offset, count);
            hmac.Finish(mac, 0);
            return mac;
        }
    }
}
