namespace SimpleImGateway.Companion.Storage
{
    /// <summary>The Subscription-State of a subscription (RFC 6665 §4.1.3).</summary>
    public enum SubscriptionState
    {
        /// <summary>Not yet authorized: the watcher gets no state.</summary>
        Pending,

        /// <summary>Authorized: the watcher gets every change.</summary>
        Active,

        /// <summary>Ended; kept only until its final NOTIFY has been answered.</summary>
        Terminated,
    }
}
