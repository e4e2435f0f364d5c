using System.Net;

namespace SimpleImGateway.Companion.Hosting
{
    /// <summary>One socket a SIP element listens on.</summary>
    /// <param name="Element">The element that owns it.</param>
    /// <param name="Transport">UDP or TCP.</param>
    /// <param name="EndPoint">The local address and port.</param>
    public sealed record ListenerEndpoint(SipElementKind Element, ListenerTransport Transport, IPEndPoint EndPoint)
    {
        /// <summary>For messages: <c>udp 127.0.0.1:5060 (core)</c>.</summary>
        public override string ToString() =>
            $"{Transport.ToString().ToLowerInvariant()} {EndPoint} ({Element.ToString().ToLowerInvariant()})";
    }
}
