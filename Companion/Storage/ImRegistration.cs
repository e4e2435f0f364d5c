using System;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>A user the IM Server knows to be registered, from the Core's third-party REGISTER.</summary>
    /// <param name="Aor">The user's address-of-record.</param>
    /// <param name="ExpiresAt">When the registration ends unless the Core refreshes it.</param>
    public sealed record ImRegistration(string Aor, DateTimeOffset ExpiresAt);
}
