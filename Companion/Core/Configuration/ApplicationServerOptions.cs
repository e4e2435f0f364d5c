namespace SimpleImGateway.Companion.Core.Configuration
{
    /// <summary>
    /// One application server behind the Core (an entry of <c>Core:ApplicationServers</c>, keyed by name):
    /// where filter criteria send requests and third-party REGISTERs go.
    /// </summary>
    public sealed class ApplicationServerOptions
    {
        /// <summary>False takes the server out: no third-party REGISTER, and filter criteria naming it are skipped.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>
        /// The server's IP address (a literal: the Core does not use DNS). Unset for an entry named like an element
        /// this companion hosts (<c>Presence</c>, <c>Im</c>): that element's <c>Address</c>.
        /// </summary>
        public string? Address { get; set; }

        /// <summary>The server's SIP port; 0 (unset) for an entry named like a hosted element: that element's <c>Port</c>.</summary>
        public int Port { get; set; }

        /// <summary>The transport requests to it use: <c>udp</c> or <c>tcp</c>.</summary>
        public string Transport { get; set; } = "udp";

        /// <summary>Position in the third-party registration sequence (lower first; ties by name).</summary>
        public int Order { get; set; }

        /// <summary>Whether the Core REGISTERs users at this server on their behalf after each registration change.</summary>
        public bool ThirdPartyRegistration { get; set; } = true;
    }
}
