namespace SimpleImGateway.Companion.Storage
{
    /// <summary>
    /// Identifies a subscription: its dialog, event package and event <c>id</c> parameter (RFC 6665 §4.5.2),
    /// since one dialog may carry several subscriptions.
    /// </summary>
    /// <param name="Dialog">The dialog the subscription lives in.</param>
    /// <param name="EventPackage">The event package, e.g. <c>presence</c> or <c>reg</c>.</param>
    /// <param name="EventId">The Event header's <c>id</c> parameter; empty when absent.</param>
    public sealed record SubscriptionKey(DialogId Dialog, string EventPackage, string EventId = "");
}
