using System;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// What a client transaction tells its user (RFC 3261 §17.1: the transaction user). Calls come from inside
    /// <see cref="SipTransactionLayer.Receive"/>, <see cref="SipTransactionLayer.Poll"/> or
    /// <see cref="SipTransactionLayer.SendRequest(SipMessage, SipEndPoint, string, int)"/>, on the owner's thread.
    /// </summary>
    public interface ISipClientTransactionUser
    {
        /// <summary>A provisional or the final response arrived (retransmitted finals are absorbed, not reported).</summary>
        void OnResponse(SipClientTransaction transaction, SipMessage response);

        /// <summary>
        /// Timer F fired without a final response: treat it as 408 Request Timeout (§8.1.3.1).
        /// <see cref="SipClientTransaction.StatusCode"/> is 408 and the transaction is terminated.
        /// </summary>
        void OnTimeout(SipClientTransaction transaction);

        /// <summary>
        /// The transport could not send the request or a retransmission: treat it as 503 (§8.1.3.1).
        /// <see cref="SipClientTransaction.StatusCode"/> is 503 and the transaction is terminated.
        /// </summary>
        void OnTransportError(SipClientTransaction transaction, Exception error);
    }
}
