using System;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Sip.Auth;
using SimpleImGateway.Sip.Common;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>
    /// Digest authentication for every request the UA sends. It remembers the last challenge of the
    /// registrar (401, WWW-Authenticate) and of a proxy (407, Proxy-Authenticate) and answers them up
    /// front in later requests of the methods that were challenged that way before, so a refresh
    /// normally needs one round trip while a server that never challenges MESSAGE is not sent
    /// credentials it does not want (each costs the device a hash and a string of ~300 chars). The
    /// shared <see cref="DigestClient"/> counts nc per nonce.
    /// </summary>
    /// <remarks>
    /// Telling a wrong password from an expired nonce: a challenge that answers credentials which were
    /// themselves computed from a challenge received for the same request (a retry) means the password
    /// is wrong unless the new challenge says stale=true. A challenge to up-front credentials is simply
    /// answered again.
    /// </remarks>
    internal sealed class UaAuthenticator
    {
        /// <summary>How many challenges one logical request may meet before the UA gives up on it.</summary>
        public const int MaxChallengesPerRequest = 4;

        private readonly string _user;
        private readonly string _password;
        private readonly DigestClient _client;
        private readonly CharBuffer _text;
        private readonly ILog _log;
        private DigestChallenge _www;
        private DigestChallenge _proxy;
        private int _wwwMethods;
        private int _proxyMethods;

        /// <summary>Creates an authenticator that remembers no challenge yet.</summary>
        /// <param name="user">The user name to authenticate as.</param>
        /// <param name="password">Its password.</param>
        /// <param name="random">Where cnonces come from.</param>
        /// <param name="log">Where malformed challenges are reported.</param>
        /// <param name="text">The UA's scratch buffer, where each credentials value is composed.</param>
        public UaAuthenticator(string user, string password, IRandomSource random, ILog log, CharBuffer text)
        {
            _text = text;
            _user = user;
            _password = password;
            _client = new DigestClient(random);
            _log = log;
        }

        /// <summary>The realm of the remembered registrar challenge, or null.</summary>
        public string Realm => _www == null ? null : _www.Realm;

        /// <summary>The algorithm of the remembered registrar challenge (MD5 when the challenge named none), or null.</summary>
        public string Algorithm => _www == null ? null : (_www.Algorithm ?? "MD5");

        /// <summary>Replaces the request's credentials with answers to the remembered challenges (or removes them).</summary>
        public void Apply(SipMessage request)
        {
            int method = MethodBit(request.Method);
            Put(request, SipHeaderNames.Authorization, (_wwwMethods & method) != 0 ? _www : null);
            Put(request, SipHeaderNames.ProxyAuthorization, (_proxyMethods & method) != 0 ? _proxy : null);
        }

        /// <summary>
        /// Digests a 401/407 to <paramref name="request"/>. <paramref name="challengesSoFar"/> counts the
        /// challenges this logical request already met (0 for the first). On Retry and RetryStale the
        /// new challenge is remembered; the caller increments its CSeq and sends the request again, and
        /// <see cref="Apply"/> answers it.
        /// </summary>
        public AuthOutcome OnChallenge(SipMessage request, SipMessage response, int challengesSoFar, out string reason)
        {
            bool proxy = response.StatusCode == 407;
            string[] values = response.Headers.GetAll(proxy ? SipHeaderNames.ProxyAuthenticate : SipHeaderNames.WwwAuthenticate);
            var challenges = new DigestChallenge[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                try
                {
                    if (DigestChallenge.IsDigest(values[i]))
                    {
                        challenges[i] = DigestChallenge.Parse(values[i]);
                    }
                }
                catch (Exception e)
                {
                    _log.Write(LogLevel.Warning, "auth", "ignoring a malformed challenge: " + e.Message);
                }
            }

            DigestChallenge best = DigestClient.SelectStrongest(challenges);
            if (best == null || best.Realm == null || best.Nonce == null)
            {
                Forget(proxy);
                reason = values.Length == 0
                    ? response.StatusCode + " without a " + (proxy ? "Proxy-Authenticate" : "WWW-Authenticate") + " challenge"
                    : "no Digest challenge with an algorithm and qop this device supports";
                return AuthOutcome.Unsupported;
            }

            bool sentCredentials = request.Headers.Contains(proxy ? SipHeaderNames.ProxyAuthorization : SipHeaderNames.Authorization);
            if (challengesSoFar >= MaxChallengesPerRequest || (sentCredentials && challengesSoFar > 0 && !best.Stale))
            {
                Forget(proxy);
                reason = "credentials for user '" + _user + "' rejected by realm '" + best.Realm + "'";
                return AuthOutcome.Rejected;
            }

            if (proxy)
            {
                _proxy = best;
                _proxyMethods |= MethodBit(request.Method);
            }
            else
            {
                _www = best;
                _wwwMethods |= MethodBit(request.Method);
            }

            reason = null;
            return best.Stale ? AuthOutcome.RetryStale : AuthOutcome.Retry;
        }

        /// <summary>Forgets every remembered challenge (after the credentials were rejected, or on a new account).</summary>
        public void Clear()
        {
            _www = null;
            _proxy = null;
        }

        private static int MethodBit(string method)
        {
            if (method == SipMethods.Register)
            {
                return 1;
            }

            if (method == SipMethods.Publish)
            {
                return 2;
            }

            return method == SipMethods.Message ? 4 : 8;
        }

        private void Forget(bool proxy)
        {
            if (proxy)
            {
                _proxy = null;
            }
            else
            {
                _www = null;
            }
        }

        private void Put(SipMessage request, string header, DigestChallenge challenge)
        {
            if (challenge == null)
            {
                request.Headers.Remove(header);
                return;
            }

            _text.Clear();
            _client.AnswerTo(_text, challenge, _user, _password, request.Method, request.RequestUri);
            request.Headers.Set(header, _text.ToString());
        }
    }
}
