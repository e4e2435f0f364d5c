using System;
using System.Collections.Generic;

namespace SimpleImGateway.Companion.Dashboard.Views
{
    /// <summary>The body of <c>GET /api/presence</c>.</summary>
    /// <param name="Now">The time the state was read at.</param>
    /// <param name="Presentities">Every user, registered AOR and watched URI, ordered by URI.</param>
    /// <param name="Truncated">True when there were more than the dashboard lists.</param>
    public sealed record PresenceView(DateTimeOffset Now, IReadOnlyList<PresentityView> Presentities, bool Truncated);

    /// <summary>The composed presence of one presentity and who watches it.</summary>
    /// <param name="Presentity">The presentity URI.</param>
    /// <param name="User">Its user part.</param>
    /// <param name="Status">
    /// <c>available</c> (open and available for IM), <c>open</c> (open, not for IM), <c>closed</c> (published closed),
    /// <c>offline</c> (nothing published) or <c>unreadable</c> (no publication could be read).
    /// </param>
    /// <param name="Open">True when a tuple of the composed document is open.</param>
    /// <param name="AvailableForIm">True when the composed document offers instant messaging now.</param>
    /// <param name="Publications">How many live publications were composed.</param>
    /// <param name="Tuples">How many tuples the composed document has.</param>
    /// <param name="Note">The first note of the composed document, or null.</param>
    /// <param name="LastPublishedAt">When the newest publication was made, or null.</param>
    /// <param name="Watchers">The live presence subscriptions to it.</param>
    /// <param name="Rules">Its watcher rules, with or without a subscription.</param>
    public sealed record PresentityView(
        string Presentity,
        string User,
        string Status,
        bool Open,
        bool AvailableForIm,
        int Publications,
        int Tuples,
        string? Note,
        DateTimeOffset? LastPublishedAt,
        IReadOnlyList<WatcherView> Watchers,
        IReadOnlyList<WatcherRuleView> Rules);

    /// <summary>One live subscription to a presentity's presence.</summary>
    /// <param name="Watcher">The subscriber's URI.</param>
    /// <param name="State"><c>pending</c>, <c>active</c> or <c>terminated</c>.</param>
    /// <param name="Rule">The presentity's rule for this watcher (<c>allow</c>, <c>block</c>, <c>politeBlock</c>), or null.</param>
    /// <param name="ExpiresAt">When the subscription expires.</param>
    /// <param name="ExpiresInSeconds">Seconds left, rounded down.</param>
    /// <param name="CallId">The subscription dialog's Call-ID.</param>
    /// <param name="EventId">The Event header's id parameter; empty when absent.</param>
    public sealed record WatcherView(string Watcher, string State, string? Rule, DateTimeOffset ExpiresAt, long ExpiresInSeconds, string CallId, string EventId);

    /// <summary>A presentity's decision about one watcher.</summary>
    /// <param name="Watcher">The watcher URI.</param>
    /// <param name="Decision"><c>allow</c>, <c>block</c> or <c>politeBlock</c>.</param>
    public sealed record WatcherRuleView(string Watcher, string Decision);
}
