using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>The Presence Server's state: publications, subscriptions and watcher rules.</summary>
    public interface IPresenceStore
    {
        /// <summary>Adds an initial publication; false, changing nothing, when its entity tag is already in use.</summary>
        Task<bool> AddPublicationAsync(PresencePublication publication, CancellationToken cancellationToken = default);

        /// <summary>The publication with that entity tag, expired or not; null when unknown.</summary>
        Task<PresencePublication?> GetPublicationAsync(string etag, CancellationToken cancellationToken = default);

        /// <summary>
        /// Replaces the publication <paramref name="currentETag"/> by <paramref name="replacement"/> (refresh or modify),
        /// which carries the newly issued entity tag; false when <paramref name="currentETag"/> is unknown.
        /// Throws <see cref="InvalidOperationException"/> when the new entity tag belongs to another publication.
        /// </summary>
        Task<bool> ReplacePublicationAsync(string currentETag, PresencePublication replacement, CancellationToken cancellationToken = default);

        /// <summary>Removes a publication; false when the entity tag is unknown.</summary>
        Task<bool> RemovePublicationAsync(string etag, CancellationToken cancellationToken = default);

        /// <summary>The live publications of a presentity for one event package, oldest <see cref="PresencePublication.PublishedAt"/> first.</summary>
        Task<IReadOnlyList<PresencePublication>> ListPublicationsAsync(string presentity, string eventPackage, DateTimeOffset now, CancellationToken cancellationToken = default);

        /// <summary>Deletes the publications expired at <paramref name="now"/> and returns them, by presentity and entity tag.</summary>
        Task<IReadOnlyList<PresencePublication>> PurgeExpiredPublicationsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

        /// <summary>Adds the subscription or replaces the one with the same key.</summary>
        Task UpsertSubscriptionAsync(PresenceSubscription subscription, CancellationToken cancellationToken = default);

        /// <summary>The subscription with that key, expired or not; null when unknown.</summary>
        Task<PresenceSubscription?> GetSubscriptionAsync(SubscriptionKey key, CancellationToken cancellationToken = default);

        /// <summary>Removes a subscription; false when unknown.</summary>
        Task<bool> RemoveSubscriptionAsync(SubscriptionKey key, CancellationToken cancellationToken = default);

        /// <summary>The live subscriptions to a presentity for one event package, ordered by watcher and key.</summary>
        Task<IReadOnlyList<PresenceSubscription>> ListSubscriptionsAsync(string presentity, string eventPackage, DateTimeOffset now, CancellationToken cancellationToken = default);

        /// <summary>Every live subscription, ordered by presentity, watcher and key: what a restart resumes.</summary>
        Task<IReadOnlyList<PresenceSubscription>> ListAllSubscriptionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

        /// <summary>Deletes the subscriptions expired at <paramref name="now"/> and returns them, ordered as in <see cref="ListAllSubscriptionsAsync"/>.</summary>
        Task<IReadOnlyList<PresenceSubscription>> PurgeExpiredSubscriptionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

        /// <summary>Sets the rule for a presentity and watcher, replacing any earlier one.</summary>
        Task SetWatcherRuleAsync(WatcherRule rule, CancellationToken cancellationToken = default);

        /// <summary>The rule for a presentity and watcher, or null (the watcher stays pending).</summary>
        Task<WatcherRule?> GetWatcherRuleAsync(string presentity, string watcher, CancellationToken cancellationToken = default);

        /// <summary>Removes the rule for a presentity and watcher; false when there was none.</summary>
        Task<bool> RemoveWatcherRuleAsync(string presentity, string watcher, CancellationToken cancellationToken = default);

        /// <summary>The rules of a presentity, ordered by watcher (ordinal).</summary>
        Task<IReadOnlyList<WatcherRule>> ListWatcherRulesAsync(string presentity, CancellationToken cancellationToken = default);
    }
}
