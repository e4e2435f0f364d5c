namespace SimpleImGateway.Firmware.Platform
{
    /// <summary>
    /// The one path between the UA and its SIP server (outbound proxy or registrar), over UDP or TCP.
    /// </summary>
    /// <remarks>
    /// Callbacks run on the channel's receive thread. A channel allocates its receive buffer once;
    /// <see cref="Send"/> does not keep a reference to the caller's buffer.
    /// </remarks>
    public interface ISipChannel
    {
        /// <summary>UDP or TCP.</summary>
        SipTransport Transport { get; }

        /// <summary>
        /// Whether <see cref="Send"/> can work: a TCP connection is up, or a UDP socket is bound.
        /// </summary>
        bool IsConnected { get; }

        /// <summary>The local address as the server should see it in Via and Contact ("192.0.2.7").</summary>
        string LocalAddress { get; }

        /// <summary>The local port.</summary>
        int LocalPort { get; }

        /// <summary>Called for every chunk of received bytes; set before <see cref="Open"/>.</summary>
        SipDataReceived Received { get; set; }

        /// <summary>Called when <see cref="IsConnected"/> changes.</summary>
        SipChannelStateChanged StateChanged { get; set; }

        /// <summary>Binds (UDP) or connects (TCP) and starts receiving; returns whether it worked.</summary>
        bool Open();

        /// <summary>Stops receiving and releases the socket.</summary>
        void Close();

        /// <summary>
        /// Sends the bytes to the server; returns false when the channel is not connected or the send
        /// failed (the caller's transaction layer retries or times out).
        /// </summary>
        bool Send(byte[] buffer, int offset, int count);
    }
}
