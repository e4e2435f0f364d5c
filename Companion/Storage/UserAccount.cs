using System;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>
    /// A SIP user of the domain with its digest credentials. Only HA1 values are kept, never the password:
    /// HA1 = H(username ":" realm ":" password) (RFC 3261 §22.4, RFC 7616 §3.4.2), as lowercase hex.
    /// </summary>
    /// <param name="Name">The user name: the user part of the AOR and the digest username.</param>
    /// <param name="Realm">The digest realm the HA1 values were computed for.</param>
    /// <param name="Ha1Md5">HA1 with MD5 (32 hex digits).</param>
    /// <param name="Ha1Sha256">HA1 with SHA-256 (64 hex digits).</param>
    /// <param name="CreatedAt">When the user was added (stored with millisecond precision).</param>
    public sealed record UserAccount(string Name, string Realm, string Ha1Md5, string Ha1Sha256, DateTimeOffset CreatedAt)
    {
        /// <summary>A rotated password the device has not used yet, or null (see <see cref="PendingCredentials"/>).</summary>
        public PendingCredentials? Pending { get; init; }

        /// <summary>When <c>devices pair</c> created the account for a device; null for users added otherwise.</summary>
        public DateTimeOffset? PairedAt { get; init; }
    }
}
