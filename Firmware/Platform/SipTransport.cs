namespace SimpleImGateway.Firmware.Platform
{
    /// <summary>The transport a <see cref="ISipChannel"/> carries SIP over.</summary>
    public enum SipTransport
    {
        /// <summary>One SIP message per datagram.</summary>
        Udp,

        /// <summary>A byte stream; messages are delimited by their Content-Length.</summary>
        Tcp,
    }
}
