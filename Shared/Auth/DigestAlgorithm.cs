namespace SimpleImGateway.Sip.Auth
{
    /// <summary>The Digest algorithms this stack computes (RFC 7616 §3.2; SHA-512-256 is not supported).</summary>
    public enum DigestAlgorithm
    {
        /// <summary>An algorithm token this stack does not implement.</summary>
        Unknown = 0,

        /// <summary><c>MD5</c>, also what an absent algorithm parameter means.</summary>
        Md5,

        /// <summary><c>MD5-sess</c>: HA1 is rehashed with the nonce and cnonce.</summary>
        Md5Sess,

        /// <summary><c>SHA-256</c>.</summary>
        Sha256,

        /// <summary><c>SHA-256-sess</c>.</summary>
        Sha256Sess,
    }
}
