using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Core.Authentication
{
    /// <summary>The answer the registrar (401) and the proxy (407) give a request that did not authenticate.</summary>
    public static class AuthenticationAnswers
    {
        /// <summary>
        /// Answers <paramref name="transaction"/> unless <paramref name="outcome"/> is authenticated: a new challenge
        /// (401, or 407 when <paramref name="proxy"/>), 403 or 400 with the outcome's reason. Returns true when it answered.
        /// </summary>
        public static bool AnswerUnlessAuthenticated(
            this IDigestAuthenticator authenticator, SipServerTransaction transaction, AuthenticationOutcome outcome, bool proxy)
        {
            switch (outcome.Status)
            {
                case AuthenticationStatus.Authenticated:
                    return false;
                case AuthenticationStatus.Challenge:
                case AuthenticationStatus.StaleChallenge:
                    SipMessage challenge = proxy
                        ? transaction.CreateResponse(407, "Proxy Authentication Required")
                        : transaction.CreateResponse(401, "Unauthorized");
                    authenticator.AddChallenges(challenge, proxy, stale: outcome.Status == AuthenticationStatus.StaleChallenge);
                    transaction.SendResponse(challenge);
                    return true;
                case AuthenticationStatus.Forbidden:
                    transaction.Respond(403, outcome.Reason);
                    return true;
                default:
                    transaction.Respond(400, outcome.Reason);
                    return true;
            }
        }
    }
}
