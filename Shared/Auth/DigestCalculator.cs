using System;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// The Digest computations (RFC 7616 §3.4.1-3.4.3): HA1, the -sess HA1, HA2 = H(method:uri) and
    /// request-digest = H(HA1:nonce[:nc:cnonce:qop]:HA2), streaming every piece into reused hashers and
    /// scratch buffers. Not thread-safe; the client and server each own one.
    /// </summary>
    internal sealed class DigestCalculator
    {
        private const string LowerHexDigits = "0123456789abcdef";

        private readonly Md5 _md5 = new Md5();
        private readonly Sha256 _sha256 = new Sha256();
        private readonly byte[] _ha1 = new byte[Sha256.Size];
        private readonly byte[] _sessionHa1 = new byte[Sha256.Size];
        private readonly byte[] _ha2 = new byte[Sha256.Size];

        /// <summary>Sets the loaded HA1 to H(username:realm:password) of the algorithm's base hash.</summary>
        public void ComputeHa1(DigestAlgorithm algorithm, string username, string realm, string password)
        {
            HashFunction h = HashFor(algorithm);
            h.AppendUtf8(username);
            h.Append((byte)':');
            h.AppendUtf8(realm);
            h.Append((byte)':');
            h.AppendUtf8(password);
            h.Finish(_ha1, 0);
        }

        /// <summary>Loads a stored HA1 given as hex (either case); false when it is not exactly one digest of hex digits.</summary>
        public bool LoadHa1(DigestAlgorithm algorithm, string ha1Hex)
        {
            int size = DigestAlgorithms.HashSize(algorithm);
            return ha1Hex != null && ha1Hex.Length == 2 * size && Hex.TryDecode(ha1Hex, 0, ha1Hex.Length, _ha1, 0);
        }

        /// <summary>Copies the loaded HA1 (binary) into <paramref name="output"/>; returns its size.</summary>
        public int CopyHa1(DigestAlgorithm algorithm, byte[] output, int offset)
        {
            int size = DigestAlgorithms.HashSize(algorithm);
            Array.Copy(_ha1, 0, output, offset, size);
            return size;
        }

        /// <summary>
        /// Writes the binary request-digest for the loaded HA1 into <paramref name="output"/> and returns its size.
        /// <paramref name="qop"/> null selects the RFC 2069 form without nc and cnonce.
        /// </summary>
        public int ComputeResponse(
            DigestAlgorithm algorithm, string nonce, uint nonceCount, string cnonce, string qop, string method, string uri, byte[] output)
            => Compute(algorithm, nonce, nonceCount, cnonce, null, qop, method, uri, output);

        /// <summary>
        /// As <see cref="ComputeResponse"/>, with the cnonce given as random bytes whose lower-case hex is the cnonce
        /// text, so a client need not make a string of it.
        /// </summary>
        public int ComputeResponseWithCnonceBytes(
            DigestAlgorithm algorithm, string nonce, uint nonceCount, byte[] cnonce, string qop, string method, string uri, byte[] output)
            => Compute(algorithm, nonce, nonceCount, null, cnonce, qop, method, uri, output);

        // The cnonce is cnonceText, or the hex of cnonceBytes when that is not null.
        private int Compute(
            DigestAlgorithm algorithm,
            string nonce,
            uint nonceCount,
            string cnonceText,
            byte[] cnonceBytes,
            string qop,
            string method,
            string uri,
            byte[] output)
        {
            HashFunction h = HashFor(algorithm);
            int size = h.HashSize;
            byte[] ha1 = _ha1;
            if (DigestAlgorithms.IsSession(algorithm))
            {
                h.AppendLowerHex(_ha1, 0, size);
                h.Append((byte)':');
                h.AppendUtf8(nonce);
                h.Append((byte)':');
                AppendCnonce(h, cnonceText, cnonceBytes);
                h.Finish(_sessionHa1, 0);
                ha1 = _sessionHa1;
            }

            h.AppendUtf8(method);
            h.Append((byte)':');
            h.AppendUtf8(uri);
            h.Finish(_ha2, 0);

            h.AppendLowerHex(ha1, 0, size);
            h.Append((byte)':');
            h.AppendUtf8(nonce);
            h.Append((byte)':');
            if (qop != null)
            {
                for (int shift = 28; shift >= 0; shift -= 4)
                {
                    h.Append((byte)LowerHexDigits[(int)((nonceCount >> shift) & 0xF)]);
                }

                h.Append((byte)':');
                AppendCnonce(h, cnonceText, cnonceBytes);
                h.Append((byte)':');
                h.AppendUtf8(qop);
                h.Append((byte)':');
            }

            h.AppendLowerHex(_ha2, 0, size);
            h.Finish(output, 0);
            return size;
        }

        private static void AppendCnonce(HashFunction h, string text, byte[] bytes)
        {
            if (bytes == null)
            {
                h.AppendUtf8(text);
            }
            else
            {
                h.AppendLowerHex(bytes, 0, bytes.Length);
            }
        }

        private HashFunction HashFor(DigestAlgorithm algorithm)
        {
            switch (DigestAlgorithms.BaseOf(algorithm))
            {
                case DigestAlgorithm.Md5: return _md5;
                case DigestAlgorithm.Sha256: return _sha256;
                default: throw new ArgumentException("unsupported Digest algorithm", nameof(algorithm));
            }
        }
    }
}
