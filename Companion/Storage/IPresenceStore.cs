using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>The Presence Server's state: publications, subscriptions, watcher rules and the registrations the SIP/IP Core reported.</summary>
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

        /// <summary>Every live publication of every presentity, ordered by presentity, then as in <see cref="ListPublicationsAsync"/>: what a restart resumes.</summary>
        Task<IReadOnlyList<PresencePublication>> ListAllPublicationsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

        /// <summary>Deletes the publications expired at <paramref name="now"/> and returns them, by presentity and entity tag.</summary>
        Task<IReadOnlyList<PresencePublication>> PurgeExpiredPublicationsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

        /// <summary>Adds the subscription or replaces the one with the same key.</summary>
        Task UpsertSubscriptionAsync(PresenceSubscription subscription, CancellationToken cancellationToken = default);

        /// <summary>
        /// Upserts <paramref name="upserts"/> and then removes <paramref name="removals"/> (unknown keys are ignored) in one
        /// transaction: a notifier saving many dialogs at once (CSeq and version after a fan-out) pays one commit.
        /// </summary>
        Task SaveSubscriptionsAsync(IReadOnlyList<PresenceSubscription> upserts, IReadOnlyList<SubscriptionKey> removals, CancellationToken cancellationToken = default);

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

        /// <summary>Every rule, ordered by presentity and watcher (ordinal): what a running server compares to notice changes.</summary>
        Task<IReadOnlyList<WatcherRule>> ListAllWatcherRulesAsync(CancellationToken cancellationToken = default);

        /// <summary>Adds or replaces the registration of <see cref="PresenceRegistration.Aor"/>.</summary>
        Task SetRegistrationAsync(PresenceRegistration registration, CancellationToken cancellationToken = default);

        /// <summary>The registration of an address-of-record, lapsed or not; null when unknown.</summary>
        Task<PresenceRegistration?> GetRegistrationAsync(string aor, CancellationToken cancellationToken = default);

        /// <summary>Removes the registration of an address-of-record; false when there was none.</summary>
        Task<bool> RemoveRegistrationAsync(string aor, CancellationToken cancellationToken = default);

        /// <summary>The registrations live at <paramref name="now"/>, ordered by address-of-record (ordinal).</summary>
        Task<IReadOnlyList<PresenceRegistration>> ListRegistrationsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
    }
}
