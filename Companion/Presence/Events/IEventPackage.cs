namespace SimpleImGateway.Companion.Presence.Events
{
    /// <summary>
    /// An event package plugged into the <see cref="EventNotifier"/> (RFC 6665 §7): its name, the body type its
    /// NOTIFYs carry, who may subscribe, and the state document. The notifier does the dialogs, timers and
    /// NOTIFY transactions; a package only decides and renders. Called on the element's loop.
    /// </summary>
    public interface IEventPackage
    {
        /// <summary>The package name in the Event header, e.g. <c>presence</c>.</summary>
        string Name { get; }

        /// <summary>The Content-Type of the package's state documents, checked against a SUBSCRIBE's Accept.</summary>
        string ContentType { get; }

        /// <summary>Whether <paramref name="watcher"/> may see the state of <paramref name="resource"/>.</summary>
        SubscriptionDecision Authorize(string watcher, string resource);

        /// <summary>
        /// The full current state for an active subscription (the first NOTIFY, a refresh, a final NOTIFY, a
        /// restart); null to send no body. A package that versions its documents advances the version here.
        /// </summary>
        NotifyBody? CreateFullState(EventSubscription subscription);
    }
}
