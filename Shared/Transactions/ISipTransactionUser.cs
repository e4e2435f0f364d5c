using System;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// The transaction user of a whole <see cref="SipTransactionLayer"/>: it receives new requests and whatever
    /// matches no transaction, and the client events of transactions sent without their own user.
    /// </summary>
    public interface ISipTransactionUser : ISipClientTransactionUser
    {
        /// <summary>
        /// A new request created <paramref name="transaction"/>; answer it with
        /// <see cref="SipServerTransaction.Respond"/> or <see cref="SipServerTransaction.SendResponse"/>.
        /// Retransmissions of the request are absorbed by the transaction and never reported.
        /// </summary>
        void OnRequest(SipServerTransaction transaction, SipMessage request);

        /// <summary>
        /// A request that gets no transaction here: INVITE and ACK (INVITE transactions are out of this layer's
        /// scope). The user may answer statelessly with <see cref="SipTransactionLayer.SendStatelessResponse"/>
        /// (for example 501 to INVITE) and must not answer ACK. Every retransmission is reported again.
        /// </summary>
        void OnRequestWithoutTransaction(SipMessage request, SipEndPoint source);

        /// <summary>
        /// A response that matches no client transaction, reported only when
        /// <see cref="SipTransactionSettings.DeliverStrayResponses"/> is set (a proxy forwards it statelessly).
        /// </summary>
        void OnStrayResponse(SipMessage response, SipEndPoint source);

        /// <summary>
        /// A server transaction ended without delivering its final response: the transport failed
        /// (<paramref name="error"/> is what the transport threw), or the user gave no final response within
        /// 64·T1 (<paramref name="error"/> is a <see cref="SipTransactionException"/>), after which the client has
        /// given up anyway. The transaction is terminated.
        /// </summary>
        void OnServerTransactionFailed(SipServerTransaction transaction, Exception error);
    }
}
