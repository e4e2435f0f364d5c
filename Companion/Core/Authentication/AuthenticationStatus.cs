namespace SimpleImGateway.Companion.Core.Authentication
{
    /// <summary>What to do with a request after checking its digest credentials.</summary>
    public enum AuthenticationStatus
    {
        /// <summary>The credentials are good: <see cref="AuthenticationOutcome.Username"/> sent it.</summary>
        Authenticated,

        /// <summary>No usable credentials (none, an expired or unknown nonce, a replay): answer 401/407 with a fresh challenge.</summary>
        Challenge,

        /// <summary>Right password, old nonce: challenge again with stale=true.</summary>
        StaleChallenge,

        /// <summary>Wrong password or unknown user: 403.</summary>
        Forbidden,

        /// <summary>Credentials that cannot be read or lack required parameters: 400.</summary>
        Malformed,
    }
}
