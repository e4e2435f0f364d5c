using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// Where responses go (RFC 3261 §18.2.1, §18.2.2; RFC 3581 rport). Multicast (<c>maddr</c>) is not supported.
    /// </summary>
    public static class SipResponseRouting
    {
        /// <summary>
        /// Marks a received request's top Via as a server transport must (§18.2.1, RFC 3581 §4): adds
        /// <c>received</c> when the sent-by host differs from the packet's source (or rport was asked for), and
        /// fills an empty <c>rport</c> with the source port. Returns whether <paramref name="topVia"/> changed.
        /// </summary>
        public static bool StampReceived(ViaHeader topVia, SipEndPoint source)
        {
            bool rportAsked = topVia.HasRport && topVia.Rport == 0;
            bool changed = false;
            if (rportAsked || !SipHeaderNames.EqualsIgnoreCase(topVia.Host, source.Host))
            {
                if (topVia.Received == null || !SipHeaderNames.EqualsIgnoreCase(topVia.Received, source.Host))
                {
                    topVia.Received = source.Host;
                    changed = true;
                }
            }

            if (rportAsked)
            {
                topVia.Rport = source.Port;
                changed = true;
            }

            return changed;
        }

        /// <summary>
        /// The destination of a response whose top Via is <paramref name="topVia"/>. Over a reliable transport it
        /// is the connection the request came on (<paramref name="requestSource"/>); otherwise the
        /// <c>received</c> address (else the sent-by host) and the <c>rport</c> port (else the sent-by port, else
        /// 5060). <paramref name="requestSource"/> may be null for a response forwarded by a proxy.
        /// </summary>
        public static SipEndPoint DestinationOf(ViaHeader topVia, SipEndPoint requestSource)
        {
            if (requestSource != null && requestSource.IsReliable)
            {
                return requestSource;
            }

            SipTransportType transport;
            if (!SipEndPoint.TryParseTransport(topVia.Transport, out transport) && requestSource != null)
            {
                transport = requestSource.Transport;
            }

            string host = topVia.Received ?? topVia.Host;
            int port = topVia.Rport > 0 ? topVia.Rport : topVia.Port;
            return new SipEndPoint(host, port, transport);
        }
    }
}
