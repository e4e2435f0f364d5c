using System;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>
    /// A password issued by a credential rotation (<c>devices pair NAME --rotate</c>) that the device has not
    /// used yet. Until it does, the account's current HA1 values keep working as well; the first request
    /// authenticated with these values makes them current and drops the old ones
    /// (<see cref="IUserStore.PromotePendingCredentialsAsync"/>).
    /// </summary>
    /// <param name="Ha1Md5">HA1 of the new password with MD5 (32 hex digits), for the account's realm.</param>
    /// <param name="Ha1Sha256">HA1 of the new password with SHA-256 (64 hex digits).</param>
    /// <param name="IssuedAt">When the rotation was made (stored with millisecond precision).</param>
    public sealed record PendingCredentials(string Ha1Md5, string Ha1Sha256, DateTimeOffset IssuedAt);
}
