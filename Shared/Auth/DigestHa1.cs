using System;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// HA1 = H(username:realm:password) as lower-case hex (RFC 7616 §3.4.2), the value a credential store keeps
    /// instead of the password. Strings are hashed as UTF-8.
    /// </summary>
    public static class DigestHa1
    {
        /// <summary>HA1 for the base hash of <paramref name="algorithm"/> (MD5-sess uses the MD5 HA1, and so on).</summary>
        /// <exception cref="ArgumentException"><paramref name="algorithm"/> is <see cref="DigestAlgorithm.Unknown"/>.</exception>
        public static string Compute(DigestAlgorithm algorithm, string username, string realm, string password)
        {
            if (username == null || realm == null || password == null)
            {
                throw new ArgumentNullException(username == null ? nameof(username) : realm == null ? nameof(realm) : nameof(password));
            }

            var calculator = new DigestCalculator();
            calculator.ComputeHa1(algorithm, username, realm, password);
            var ha1 = new byte[Sha256.Size];
            int size = calculator.CopyHa1(algorithm, ha1, 0);
            return Hex.Encode(ha1, 0, size);
        }

        /// <summary>The MD5 HA1 (32 hex digits).</summary>
        public static string ComputeMd5(string username, string realm, string password)
            => Compute(DigestAlgorithm.Md5, username, realm, password);

        /// <summary>The SHA-256 HA1 (64 hex digits).</summary>
        public static string ComputeSha256(string username, string realm, string password)
            => Compute(DigestAlgorithm.Sha256, username, realm, password);
    }
}
