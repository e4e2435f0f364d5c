namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>The transports this stack speaks.</summary>
    public enum SipTransportType
    {
        /// <summary>Datagrams: unreliable, the transaction layer retransmits.</summary>
        Udp,

        /// <summary>A stream connection: reliable, no retransmission.</summary>
        Tcp,
    }
}
