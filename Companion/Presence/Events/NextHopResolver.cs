using System;
using System.Net;
using SimpleImGateway.Sip.Transactions;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Companion.Presence.Events
{
    /// <summary>
    /// Where a request this server originates goes first: the host and port of the URI (its maddr, transport
    /// and port honoured) when the host is an IP address; the SIP/IP Core when the host is the served domain,
    /// since only the Core knows where a domain-named target is. No DNS is used (the transport routes addresses only).
    /// </summary>
    public sealed class NextHopResolver
    {
        private readonly string _domain;
        private readonly SipEndPoint _core;

        /// <summary>Creates a resolver for <paramref name="domain"/> whose Core listens at <paramref name="core"/>.</summary>
        public NextHopResolver(string domain, SipEndPoint core)
        {
            _domain = domain;
            _core = core;
        }

        /// <summary>The end point for <paramref name="uriText"/> (a Route or a remote target), or null with the reason.</summary>
        public SipEndPoint? Resolve(string uriText, out string? problem)
        {
            problem = null;
            if (!SipUri.TryParse(uriText, out SipUri uri))
            {
                problem = $"'{uriText}' is not a sip URI";
                return null;
            }

            SipTransportType transport = SipTransportType.Udp;
            if (uri.Transport is { } token && !SipEndPoint.TryParseTransport(token, out transport))
            {
                problem = $"transport '{token}' of '{uriText}' is not spoken here";
                return null;
            }

            string host = uri.Maddr ?? uri.Host;
            string bare = host.Trim('[', ']');
            if (IPAddress.TryParse(bare, out _))
            {
                return new SipEndPoint(bare, uri.Port, transport);
            }

            if (bare.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                return new SipEndPoint("127.0.0.1", uri.Port, transport);
            }

            if (bare.Equals(_domain, StringComparison.OrdinalIgnoreCase))
            {
                return _core;
            }

            problem = $"host '{host}' of '{uriText}' is neither an address nor the domain {_domain}";
            return null;
        }
    }
}
