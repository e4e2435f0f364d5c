using System;

namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>A failure of the transaction layer itself (as opposed to a transport failure).</summary>
    public class SipTransactionException : Exception
    {
        /// <summary>Creates the exception with a reason a human can read.</summary>
        public SipTransactionException(string message)
            : base(message)
        {
        }
    }
}
