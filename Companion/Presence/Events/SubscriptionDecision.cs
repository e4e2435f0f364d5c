namespace SimpleImGateway.Companion.Presence.Events
{
    /// <summary>What an event package's authorization policy says about a subscription (RFC 6665 §4.2.1.2).</summary>
    public enum SubscriptionDecision
    {
        /// <summary>The subscriber gets state: the subscription is active.</summary>
        Active,

        /// <summary>No decision yet: the subscription is pending and its NOTIFYs carry no state.</summary>
        Pending,

        /// <summary>Refused: a new subscription is answered 403, an existing one ends with reason rejected.</summary>
        Rejected,
    }
}
