using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Presence.Events
{
    /// <summary>Where the notifier records its subscriptions for a restart; calls return at once (write-behind).</summary>
    public interface ISubscriptionPersistence
    {
        /// <summary>Records the subscription as it is now, replacing an earlier record with its key.</summary>
        void Save(PresenceSubscription subscription);

        /// <summary>Forgets the subscription.</summary>
        void Remove(SubscriptionKey key);
    }
}
