using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Core.Proxy
{
    /// <summary>One branch of a forwarded request: where it is sent and with which Request-URI.</summary>
    /// <param name="Destination">The next hop.</param>
    /// <param name="RequestUri">The Request-URI of the copy (a contact URI, or the original).</param>
    /// <param name="Description">For logs: what the target is (a contact, an application server, a route).</param>
    public sealed record ForwardTarget(SipEndPoint Destination, string RequestUri, string Description);
}
