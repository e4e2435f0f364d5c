using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Auth;

namespace SimpleImGateway.Companion.Devices
{
    /// <summary>What <see cref="UserCredentialVerifier"/> found out about one request's digest credentials.</summary>
    /// <param name="Result">
    /// The digest verdict, as <see cref="DigestServer.Verify"/> gives it. <see cref="DigestVerifyResult.UnknownUser"/>
    /// also when the account does not exist. When a pending password was tried, this is the verdict for it.
    /// </param>
    /// <param name="Account">The account as read before verifying; null when there is none.</param>
    /// <param name="UsedPending">True when the credentials matched the pending password of a rotation, not the current one.</param>
    /// <param name="Promoted">True when this verification made the pending password current (and dropped the old one).</param>
    public sealed record CredentialVerification(DigestVerifyResult Result, UserAccount? Account, bool UsedPending, bool Promoted)
    {
        /// <summary>True when the request is authenticated.</summary>
        public bool IsOk => Result == DigestVerifyResult.Ok;
    }
}
