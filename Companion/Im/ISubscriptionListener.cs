using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>What an <see cref="EventSubscription"/> reports to the part of the IM Server that uses its state.</summary>
    internal interface ISubscriptionListener
    {
        /// <summary>
        /// A NOTIFY of the subscription arrived (any state, terminated included). Returns null to answer 200, or a
        /// reason phrase to answer 400 when the body cannot be used (the previous state is then kept).
        /// </summary>
        string? OnNotify(EventSubscription subscription, SubscriptionStateHeader state, SipMessage notify);

        /// <summary>The subscription no longer delivers state (terminated, refused or failed); a new attempt is scheduled if still wanted.</summary>
        void OnStateLost(EventSubscription subscription);
    }
}
