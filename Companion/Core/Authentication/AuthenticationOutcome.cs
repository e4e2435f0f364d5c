namespace SimpleImGateway.Companion.Core.Authentication
{
    /// <summary>The result of checking a request's credentials, with the reason phrase to answer with.</summary>
    /// <param name="Status">What to do.</param>
    /// <param name="Username">The authenticated user when <see cref="AuthenticationStatus.Authenticated"/>, else the claimed one or null.</param>
    /// <param name="Reason">A reason phrase for the error answer.</param>
    public sealed record AuthenticationOutcome(AuthenticationStatus Status, string? Username, string Reason)
    {
        /// <summary>The request carried no credentials for this realm.</summary>
        public static AuthenticationOutcome NoCredentials { get; } = new(AuthenticationStatus.Challenge, null, "Authentication required");
    }
}
