using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// The seam between the transaction layer and the transports. An implementation serializes the message
    /// and sends it; it reports a failure by throwing (any exception), which the transaction turns into a
    /// transport-error event for its user.
    /// </summary>
    public interface ISipTransportSender
    {
        /// <summary>Serializes and sends a message to <paramref name="destination"/>.</summary>
        void Send(SipMessage message, SipEndPoint destination);
    }
}
