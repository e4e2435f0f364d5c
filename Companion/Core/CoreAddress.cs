using System;
using System.Globalization;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Companion.Core
{
    /// <summary>
    /// The names the Core answers to: its domain (any port) and its own address and port. A URI naming either is
    /// the Core itself — a Route to pop, a Request-URI of the registrar or of a local user.
    /// </summary>
    public sealed class CoreAddress
    {
        /// <summary>Creates the address of a Core serving <paramref name="domain"/> at <paramref name="host"/>:<paramref name="port"/>.</summary>
        public CoreAddress(string domain, string host, int port)
        {
            Domain = domain;
            Host = host;
            Port = port;
            string formattedHost = host.Contains(':') && !host.StartsWith('[') ? "[" + host + "]" : host;
            HostPort = formattedHost + ":" + port.ToString(CultureInfo.InvariantCulture);
            RecordRoute = "<sip:" + HostPort + ";lr>";
        }

        /// <summary>The SIP domain.</summary>
        public string Domain { get; }

        /// <summary>The Core's own IP address.</summary>
        public string Host { get; }

        /// <summary>The Core's port.</summary>
        public int Port { get; }

        /// <summary><c>host:port</c>, as in the Core's Via.</summary>
        public string HostPort { get; }

        /// <summary>The Record-Route value the Core inserts: <c>&lt;sip:host:port;lr&gt;</c>.</summary>
        public string RecordRoute { get; }

        /// <summary>Whether <paramref name="uri"/>'s host is the domain.</summary>
        public bool IsDomain(SipUri uri) => string.Equals(uri.Host, Domain, StringComparison.OrdinalIgnoreCase);

        /// <summary>Whether <paramref name="uri"/> names this Core: its domain, or its address and port.</summary>
        public bool IsSelf(SipUri uri) => IsDomain(uri) || IsOwnEndPoint(uri.Host, uri.Port);

        /// <summary>Whether a host and port (0 for none: 5060) are the Core's own address.</summary>
        public bool IsOwnEndPoint(string host, int port) =>
            string.Equals(host.Trim('[', ']'), Host, StringComparison.OrdinalIgnoreCase) && (port == 0 ? 5060 : port) == Port;
    }
}
