namespace SimpleImGateway.Companion.Hosting
{
    /// <summary>The transports a SIP element listens on.</summary>
    public enum ListenerTransport
    {
        /// <summary>UDP (RFC 768).</summary>
        Udp,

        /// <summary>TCP (RFC 793).</summary>
        Tcp,
    }
}
