namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>The states of a non-INVITE transaction (RFC 3261 §17.1.2.2, §17.2.2).</summary>
    public enum SipTransactionState
    {
        /// <summary>Request sent (client) or received (server), no response yet.</summary>
        Trying,

        /// <summary>A provisional response has been received (client) or sent (server).</summary>
        Proceeding,

        /// <summary>A final response has been received or sent; retransmissions are absorbed until Timer K or J.</summary>
        Completed,

        /// <summary>Finished; the transaction is no longer in the layer's table.</summary>
        Terminated,
    }
}
