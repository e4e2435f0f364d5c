using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Core.ThirdPartyRegistration
{
    /// <summary>An enabled application server of <c>Core:ApplicationServers</c>, resolved to an end point.</summary>
    /// <param name="Name">Its configuration key, e.g. <c>Presence</c>.</param>
    /// <param name="EndPoint">Where requests to it go.</param>
    /// <param name="Order">Its place in the third-party registration sequence.</param>
    /// <param name="ThirdPartyRegistration">Whether users are registered at it on their behalf.</param>
    public sealed record ApplicationServer(string Name, SipEndPoint EndPoint, int Order, bool ThirdPartyRegistration)
    {
        /// <summary>Whether a message from <paramref name="source"/> comes from this server (same address and port).</summary>
        public bool IsSource(SipEndPoint source) =>
            source.Port == EndPoint.Port && string.Equals(source.Host, EndPoint.Host, System.StringComparison.OrdinalIgnoreCase);

        /// <summary>For logs: <c>Presence (udp:127.0.0.1:5070)</c>.</summary>
        public override string ToString() => $"{Name} ({EndPoint})";
    }
}
