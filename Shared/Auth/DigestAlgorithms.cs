using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Auth
{
    /// <summary>Wire tokens and properties of <see cref="DigestAlgorithm"/> values.</summary>
    public static class DigestAlgorithms
    {
        /// <summary>Wire token of MD5.</summary>
        public const string Md5Token = "MD5";

        /// <summary>Wire token of MD5-sess.</summary>
        public const string Md5SessToken = "MD5-sess";

        /// <summary>Wire token of SHA-256.</summary>
        public const string Sha256Token = "SHA-256";

        /// <summary>Wire token of SHA-256-sess.</summary>
        public const string Sha256SessToken = "SHA-256-sess";

        /// <summary>
        /// The algorithm an <c>algorithm</c> parameter names (case-insensitive). A null token means MD5
        /// (RFC 2617 §3.2.1 default); a token not listed here is <see cref="DigestAlgorithm.Unknown"/>.
        /// </summary>
        public static DigestAlgorithm Parse(string token)
        {
            if (token == null || AsciiCase.EqualsIgnoreCase(token, Md5Token))
            {
                return DigestAlgorithm.Md5;
            }

            if (AsciiCase.EqualsIgnoreCase(token, Sha256Token))
            {
                return DigestAlgorithm.Sha256;
            }

            if (AsciiCase.EqualsIgnoreCase(token, Md5SessToken))
            {
                return DigestAlgorithm.Md5Sess;
            }

            if (AsciiCase.EqualsIgnoreCase(token, Sha256SessToken))
            {
                return DigestAlgorithm.Sha256Sess;
            }

            return DigestAlgorithm.Unknown;
        }

        /// <summary>The canonical wire token; null for <see cref="DigestAlgorithm.Unknown"/>.</summary>
        public static string ToToken(DigestAlgorithm algorithm)
        {
            switch (algorithm)
            {
                case DigestAlgorithm.Md5: return Md5Token;
                case DigestAlgorithm.Md5Sess: return Md5SessToken;
                case DigestAlgorithm.Sha256: return Sha256Token;
                case DigestAlgorithm.Sha256Sess: return Sha256SessToken;
                default: return null;
            }
        }

        /// <summary>Whether HA1 is the session variant H(H(user:realm:password):nonce:cnonce).</summary>
        public static bool IsSession(DigestAlgorithm algorithm)
            => algorithm == DigestAlgorithm.Md5Sess || algorithm == DigestAlgorithm.Sha256Sess;

        /// <summary>The plain algorithm whose HA1 a credential store keeps (MD5-sess → MD5, SHA-256-sess → SHA-256).</summary>
        public static DigestAlgorithm BaseOf(DigestAlgorithm algorithm)
        {
            switch (algorithm)
            {
                case DigestAlgorithm.Md5:
                case DigestAlgorithm.Md5Sess:
                    return DigestAlgorithm.Md5;
                case DigestAlgorithm.Sha256:
                case DigestAlgorithm.Sha256Sess:
                    return DigestAlgorithm.Sha256;
                default:
                    return DigestAlgorithm.Unknown;
            }
        }

        /// <summary>Digest size in bytes; 0 for <see cref="DigestAlgorithm.Unknown"/>.</summary>
        public static int HashSize(DigestAlgorithm algorithm)
        {
            DigestAlgorithm plain = BaseOf(algorithm);
            return plain == DigestAlgorithm.Md5 ? Md5.Size : plain == DigestAlgorithm.Sha256 ? Sha256.Size : 0;
        }

        /// <summary>
        /// Preference rank for choosing among challenges (higher is preferred): SHA-256 over MD5, and within
        /// one hash the plain form over -sess (same strength, fewer interoperability surprises). Unknown is 0.
        /// </summary>
        public static int Preference(DigestAlgorithm algorithm)
        {
            switch (algorithm)
            {
                case DigestAlgorithm.Sha256: return 4;
                case DigestAlgorithm.Sha256Sess: return 3;
                case DigestAlgorithm.Md5: return 2;
                case DigestAlgorithm.Md5Sess: return 1;
                default: return 0;
            }
        }
    }
}
