using System;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// Where a message goes or came from: a host (an address in text form, or a name the transport resolves),
    /// a port and a transport. For a stream transport it names the peer of the connection.
    /// </summary>
    public sealed class SipEndPoint
    {
        /// <summary>The default SIP port for UDP and TCP (RFC 3261 §19.1.2).</summary>
        public const int DefaultPort = 5060;

        /// <summary>Creates an end point; a port of 0 means <see cref="DefaultPort"/>.</summary>
        public SipEndPoint(string host, int port, SipTransportType transport)
        {
            if (host == null || host.Length == 0)
            {
                throw new ArgumentException("an end point needs a host", nameof(host));
            }

            if (port < 0 || port > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(port));
            }

            Host = host;
            Port = port == 0 ? DefaultPort : port;
            Transport = transport;
        }

        /// <summary>The host: an IPv4 address, an IPv6 address (with or without brackets) or a name.</summary>
        public string Host { get; }

        /// <summary>The port, 1..65535.</summary>
        public int Port { get; }

        /// <summary>The transport.</summary>
        public SipTransportType Transport { get; }

        /// <summary>Whether the transport is reliable (no retransmissions, Timers K and J are zero).</summary>
        public bool IsReliable => Transport == SipTransportType.Tcp;

        /// <summary>The transport as a Via token: <c>UDP</c> or <c>TCP</c>.</summary>
        public string TransportToken => TokenOf(Transport);

        /// <summary>The Via token of a transport.</summary>
        public static string TokenOf(SipTransportType transport) => transport == SipTransportType.Tcp ? "TCP" : "UDP";

        /// <summary>Maps a Via transport token (any case) to a transport; false for tokens this stack does not speak.</summary>
        public static bool TryParseTransport(string token, out SipTransportType transport)
        {
            transport = SipTransportType.Udp;
            if (token == null)
            {
                return false;
            }

            if (SipHeaderNames.EqualsIgnoreCase(token, "UDP"))
            {
                return true;
            }

            if (SipHeaderNames.EqualsIgnoreCase(token, "TCP"))
            {
                transport = SipTransportType.Tcp;
                return true;
            }

            return false;
        }

        /// <summary>Same host (ASCII case-insensitive), port and transport.</summary>
        public override bool Equals(object obj)
            => obj is SipEndPoint other
                && other.Port == Port
                && other.Transport == Transport
                && SipHeaderNames.EqualsIgnoreCase(other.Host, Host);

        /// <inheritdoc/>
        public override int GetHashCode() => Host.ToLower().GetHashCode() ^ (Port << 2) ^ (int)Transport;

        /// <summary>Formats as <c>udp:192.0.2.1:5060</c>.</summary>
        public override string ToString() => (IsReliable ? "tcp:" : "udp:") + Host + ":" + Port.ToString();
    }
}
