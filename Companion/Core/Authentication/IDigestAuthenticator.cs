using System.Threading;
using System.Threading.Tasks;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Core.Authentication
{
    /// <summary>
    /// Digest authentication of requests for the Core's realm (RFC 3261 §22, RFC 7616): the registrar uses the
    /// WWW-Authenticate/Authorization pair (401), the proxy Proxy-Authenticate/Proxy-Authorization (407).
    /// </summary>
    public interface IDigestAuthenticator
    {
        /// <summary>The realm (the SIP domain).</summary>
        string Realm { get; }

        /// <summary>
        /// Checks the request's credentials for this realm. The digest <c>uri</c> parameter is verified as sent
        /// and not compared with the Request-URI: clients such as sipp put the domain there, and a proxy before
        /// this one may have rewritten the Request-URI; the response hash still covers the uri the client used.
        /// Completes synchronously when the user's HA1 is cached.
        /// </summary>
        ValueTask<AuthenticationOutcome> AuthenticateAsync(SipMessage request, bool proxy, CancellationToken cancellationToken = default);

        /// <summary>
        /// Adds one challenge per offered algorithm to <paramref name="response"/> (WWW-Authenticate, or
        /// Proxy-Authenticate when <paramref name="proxy"/>), MD5 first because some clients read only the first.
        /// </summary>
        void AddChallenges(SipMessage response, bool proxy, bool stale);

        /// <summary>Removes this realm's credentials from a request about to be forwarded (RFC 3261 §22.3).</summary>
        void RemoveOwnCredentials(SipMessage request);
    }
}
