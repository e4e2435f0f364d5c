using System;
using System.Threading;
using System.Threading.Tasks;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Auth;

namespace SimpleImGateway.Companion.Devices
{
    /// <summary>
    /// Checks a request's digest credentials against a user's HA1 values, honouring a credential rotation
    /// (<c>devices pair NAME --rotate</c>): the credentials are verified with the current password, and when
    /// they do not match and a rotation is pending, with the pending one. The first request that succeeds with the
    /// pending password makes it current and drops the old one, so the old password works until the device has
    /// used the new one, and never after.
    /// </summary>
    /// <remarks>
    /// The registrar calls this instead of <see cref="DigestServer.Verify"/> with its own lookup, for every request
    /// it authenticates; see <see cref="VerifyAsync"/>. <see cref="DigestServer"/> checks the response before it
    /// records the nonce-count, so trying a second HA1 after a <see cref="DigestVerifyResult.BadResponse"/> consumes
    /// nothing and cannot be abused for replays. Thread-safe (the digest server and the stores are).
    /// </remarks>
    public sealed class UserCredentialVerifier
    {
        private readonly IUserStore _users;

        /// <summary>Creates a verifier over <paramref name="users"/>.</summary>
        public UserCredentialVerifier(IUserStore users)
        {
            ArgumentNullException.ThrowIfNull(users);
            _users = users;
        }

        /// <summary>
        /// Reads the account named by <paramref name="credentials"/>, verifies (see <see cref="Verify"/>) and, when
        /// the pending password matched with <see cref="DigestVerifyResult.Ok"/>, promotes it in the store.
        /// May run off the SIP loop: it only touches the thread-safe digest server and the store.
        /// </summary>
        /// <param name="server">The registrar's digest server (its realm must be the accounts' realm).</param>
        /// <param name="credentials">The parsed Authorization header.</param>
        /// <param name="method">The request method.</param>
        /// <param name="requestUri">The Request-URI to compare with the digest-uri, or null to skip that check.</param>
        /// <param name="nowMilliseconds">Now, on the clock the digest server's nonces use.</param>
        /// <param name="cancellationToken">Cancels the store calls.</param>
        public async Task<CredentialVerification> VerifyAsync(
            DigestServer server,
            DigestCredentials credentials,
            string method,
            string? requestUri,
            long nowMilliseconds,
            CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(server);
            ArgumentNullException.ThrowIfNull(credentials);
            ArgumentNullException.ThrowIfNull(method);
            if (string.IsNullOrEmpty(credentials.Username))
            {
                return new CredentialVerification(DigestVerifyResult.Malformed, null, false, false);
            }

            UserAccount? account = await _users.GetAsync(credentials.Username, cancellationToken).ConfigureAwait(false);
            CredentialVerification verification = Verify(server, credentials, method, requestUri, account, nowMilliseconds);
            if (verification.IsOk && verification.UsedPending && account!.Pending is { } pending)
            {
                bool promoted = await _users.PromotePendingCredentialsAsync(account.Name, pending.Ha1Md5, cancellationToken).ConfigureAwait(false);
                return verification with { Promoted = promoted };
            }

            return verification;
        }

        /// <summary>
        /// The synchronous part of <see cref="VerifyAsync"/> for a caller that already holds the account: verifies
        /// with the current HA1 values and, after a <see cref="DigestVerifyResult.BadResponse"/> with a rotation
        /// pending, with the pending ones. It changes no stored state: when the result has
        /// <see cref="CredentialVerification.UsedPending"/> and is Ok, the caller must call
        /// <see cref="IUserStore.PromotePendingCredentialsAsync"/> with <c>account.Pending.Ha1Md5</c>.
        /// </summary>
        public static CredentialVerification Verify(
            DigestServer server,
            DigestCredentials credentials,
            string method,
            string? requestUri,
            UserAccount? account,
            long nowMilliseconds)
        {
            ArgumentNullException.ThrowIfNull(server);
            ArgumentNullException.ThrowIfNull(credentials);
            ArgumentNullException.ThrowIfNull(method);
            if (account is null)
            {
                // Still run the digest checks, so a bad nonce or realm is reported as such and not as an unknown user.
                DigestVerifyResult unknown = server.Verify(credentials, method, requestUri, (_, _, _) => null, nowMilliseconds);
                return new CredentialVerification(unknown, null, false, false);
            }

            DigestVerifyResult current = server.Verify(
                credentials, method, requestUri, Lookup(account, account.Ha1Md5, account.Ha1Sha256), nowMilliseconds);
            if (current != DigestVerifyResult.BadResponse || account.Pending is not { } pending)
            {
                return new CredentialVerification(current, account, false, false);
            }

            DigestVerifyResult withPending = server.Verify(
                credentials, method, requestUri, Lookup(account, pending.Ha1Md5, pending.Ha1Sha256), nowMilliseconds);
            return withPending == DigestVerifyResult.BadResponse
                ? new CredentialVerification(DigestVerifyResult.BadResponse, account, false, false)
                : new CredentialVerification(withPending, account, true, false);
        }

        private static DigestHa1Lookup Lookup(UserAccount account, string ha1Md5, string ha1Sha256) =>
            (username, realm, algorithm) =>
                username != account.Name || realm != account.Realm ? null
                : algorithm == DigestAlgorithm.Md5 ? ha1Md5
                : algorithm == DigestAlgorithm.Sha256 ? ha1Sha256
                : null;
    }
}
