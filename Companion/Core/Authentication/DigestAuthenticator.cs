using System;
using System.Threading;
using System.Threading.Tasks;
using SimpleImGateway.Companion.Devices;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Auth;
using SimpleImGateway.Sip.Common;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Core.Authentication
{
    /// <summary>
    /// <see cref="IDigestAuthenticator"/> on the Shared <see cref="DigestServer"/> (self-validating nonces, replay
    /// window) and the HA1 values of <see cref="IUserDirectory"/>. Nonces carry wall-clock time, so with the same
    /// secret they stay recognisable across restarts.
    /// </summary>
    public sealed class DigestAuthenticator : IDigestAuthenticator
    {
        private readonly DigestServer _server;
        private readonly IUserDirectory _users;
        private readonly TimeProvider _time;

        /// <summary>Creates the authenticator for <paramref name="realm"/> with a nonce key and limits.</summary>
        public DigestAuthenticator(string realm, byte[] secret, IUserDirectory users, TimeSpan nonceLifetime, int nonceCapacity, TimeProvider? time = null)
        {
            _users = users;
            _time = time ?? TimeProvider.System;
            _server = new DigestServer(realm, secret, new SystemRandomSource(new Random()), (long)nonceLifetime.TotalMilliseconds, nonceCapacity)
            {
                // sipp (and other simple clients) read only the first challenge and speak MD5 only.
                Algorithms = [DigestAlgorithm.Md5, DigestAlgorithm.Sha256],
            };
        }

        /// <inheritdoc/>
        public string Realm => _server.Realm;

        private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

        /// <inheritdoc/>
        public ValueTask<AuthenticationOutcome> AuthenticateAsync(SipMessage request, bool proxy, CancellationToken cancellationToken = default)
        {
            DigestCredentials? credentials;
            try
            {
                credentials = FindCredentials(request, proxy);
            }
            catch (SipParseException e)
            {
                return ValueTask.FromResult(new AuthenticationOutcome(AuthenticationStatus.Malformed, null, "Malformed credentials: " + e.Reason));
            }

            if (credentials is null)
            {
                return ValueTask.FromResult(AuthenticationOutcome.NoCredentials);
            }

            if (string.IsNullOrEmpty(credentials.Username))
            {
                return ValueTask.FromResult(new AuthenticationOutcome(AuthenticationStatus.Malformed, null, "Malformed credentials: no username"));
            }

            ValueTask<UserAccount?> lookup = _users.FindAsync(credentials.Username, cancellationToken);
            if (lookup.IsCompletedSuccessfully)
            {
                return ValueTask.FromResult(Verify(credentials, request.Method, lookup.Result));
            }

            return VerifyLaterAsync(credentials, request.Method, lookup);
        }

        /// <inheritdoc/>
        public void AddChallenges(SipMessage response, bool proxy, bool stale)
        {
            string header = proxy ? SipHeaderNames.ProxyAuthenticate : SipHeaderNames.WwwAuthenticate;
            foreach (DigestChallenge challenge in _server.CreateChallenges(Now, stale))
            {
                response.Headers.Add(header, challenge.Format());
            }
        }

        /// <inheritdoc/>
        public void RemoveOwnCredentials(SipMessage request)
        {
            SipHeaderCollection headers = request.Headers;
            for (int i = headers.Count - 1; i >= 0; i--)
            {
                SipHeader header = headers[i];
                if (header.Name == SipHeaderNames.ProxyAuthorization && IsForThisRealm(header.Value))
                {
                    headers.RemoveAt(i);
                }
            }
        }

        private async ValueTask<AuthenticationOutcome> VerifyLaterAsync(DigestCredentials credentials, string method, ValueTask<UserAccount?> lookup)
            => Verify(credentials, method, await lookup.ConfigureAwait(false));

        private AuthenticationOutcome Verify(DigestCredentials credentials, string method, UserAccount? account)
        {
            // requestUri null: the digest uri is taken as sent (see IDigestAuthenticator.AuthenticateAsync).
            // A device paired again with --rotate answers with the new password, which is pending until first used.
            CredentialVerification verification = UserCredentialVerifier.Verify(
                _server, credentials, method, null, account is not null && account.Realm == credentials.Realm ? account : null, Now);
            if (verification.IsOk && verification.UsedPending && account!.Pending is { } pending)
            {
                _ = _users.PromotePendingAsync(account.Name, pending.Ha1Md5);
            }

            DigestVerifyResult result = verification.Result;
            string user = credentials.Username;
            return result switch
            {
                DigestVerifyResult.Ok => new AuthenticationOutcome(AuthenticationStatus.Authenticated, user, "OK"),
                DigestVerifyResult.Stale => new AuthenticationOutcome(AuthenticationStatus.StaleChallenge, user, "Nonce expired"),
                DigestVerifyResult.Replay => new AuthenticationOutcome(AuthenticationStatus.Challenge, user, "Nonce count already used"),
                DigestVerifyResult.InvalidNonce => new AuthenticationOutcome(AuthenticationStatus.Challenge, user, "Nonce not issued here"),
                DigestVerifyResult.Unsupported => new AuthenticationOutcome(AuthenticationStatus.Challenge, user, "Digest algorithm or qop not offered"),
                DigestVerifyResult.WrongRealm => new AuthenticationOutcome(AuthenticationStatus.Challenge, user, "Credentials for another realm"),
                DigestVerifyResult.Malformed => new AuthenticationOutcome(AuthenticationStatus.Malformed, user, "Malformed credentials: a required parameter is missing"),
                DigestVerifyResult.UnknownUser or DigestVerifyResult.BadResponse => new AuthenticationOutcome(AuthenticationStatus.Forbidden, user, "Forbidden: wrong user name or password"),
                _ => new AuthenticationOutcome(AuthenticationStatus.Challenge, user, "Authentication required"),
            };
        }

        // The first Digest credentials for this realm; credentials for other realms (or schemes) are for someone else.
        private DigestCredentials? FindCredentials(SipMessage request, bool proxy)
        {
            string[] values = request.Headers.GetAll(proxy ? SipHeaderNames.ProxyAuthorization : SipHeaderNames.Authorization);
            foreach (string value in values)
            {
                if (!DigestCredentials.IsDigest(value))
                {
                    continue;
                }

                DigestCredentials credentials = DigestCredentials.Parse(value);
                if (credentials.Realm == Realm)
                {
                    return credentials;
                }
            }

            return null;
        }

        private bool IsForThisRealm(string value)
        {
            try
            {
                return DigestCredentials.IsDigest(value) && DigestCredentials.Parse(value).Realm == Realm;
            }
            catch (SipParseException)
            {
                return false;
            }
        }
    }
}
