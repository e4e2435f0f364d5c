namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// Raised when a new client transaction would exceed <see cref="SipTransactionSettings.MaxTransactions"/>.
    /// Incoming requests meeting a full table are answered 503 by the layer instead.
    /// </summary>
    public sealed class SipTransactionTableFullException : SipTransactionException
    {
        /// <summary>Creates the exception for a table of <paramref name="capacity"/> transactions.</summary>
        public SipTransactionTableFullException(int capacity)
            : base("transaction table full (" + capacity.ToString() + " transactions)")
        {
            Capacity = capacity;
        }

        /// <summary>The configured maximum number of transactions.</summary>
        public int Capacity { get; }
    }
}
