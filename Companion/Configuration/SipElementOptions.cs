namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Where one SIP element listens. Each element has its own section deriving from this.</summary>
    public abstract class SipElementOptions
    {
        /// <summary>The IP address the element binds to; a literal address, not a host name.</summary>
        public string Address { get; set; } = "127.0.0.1";

        /// <summary>The port of both the UDP and the TCP listener.</summary>
        public int Port { get; set; }

        /// <summary>Whether the element listens on UDP.</summary>
        public bool Udp { get; set; } = true;

        /// <summary>Whether the element listens on TCP.</summary>
        public bool Tcp { get; set; } = true;
    }
}
