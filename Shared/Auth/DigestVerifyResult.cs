namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// Outcome of <see cref="DigestServer.Verify"/>. Everything but <see cref="Ok"/> means: answer 401/407 with a
    /// fresh challenge; for <see cref="Stale"/> mark it <c>stale=true</c> so the client retries without asking
    /// its user for the password (<see cref="DigestServer.CreateChallenges"/>).
    /// </summary>
    public enum DigestVerifyResult
    {
        /// <summary>The response is right, the nonce is current and the nonce-count is new.</summary>
        Ok = 0,

        /// <summary>A required parameter is missing (username, realm, nonce, uri, response; cnonce or nc with qop) or nc is 0.</summary>
        Malformed,

        /// <summary>An algorithm or qop this server does not offer, or an RFC 2069 answer (no qop) while those are refused.</summary>
        Unsupported,

        /// <summary>The credentials are for another realm.</summary>
        WrongRealm,

        /// <summary>The nonce was not issued by this server for this realm (bad format or MAC).</summary>
        InvalidNonce,

        /// <summary>The digest-uri differs from the Request-URI.</summary>
        UriMismatch,

        /// <summary>The HA1 lookup knows no such user.</summary>
        UnknownUser,

        /// <summary>The response does not match: wrong password (or a tampered request).</summary>
        BadResponse,

        /// <summary>The response is right but the nonce has expired or is no longer tracked: challenge again with stale=true.</summary>
        Stale,

        /// <summary>The response is right but this nonce-count was already used (or is too old to tell): a replay.</summary>
        Replay,
    }
}
