namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>What <see cref="UaAuthenticator.OnChallenge"/> decided about a 401 or 407.</summary>
    internal enum AuthOutcome
    {
        /// <summary>Credentials for the new challenge are ready: send the request again.</summary>
        Retry,

        /// <summary>The nonce had only gone stale: send again; this is not a failure.</summary>
        RetryStale,

        /// <summary>The server challenged credentials answering its own fresh challenge: the user name or password is wrong.</summary>
        Rejected,

        /// <summary>No challenge this client can answer (unknown scheme or algorithm, qop without auth).</summary>
        Unsupported,
    }
}
