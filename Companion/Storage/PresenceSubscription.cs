using System;
using System.Collections.Generic;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>
    /// A subscription this server acts as notifier for, with what is needed to send NOTIFYs in its dialog
    /// after a restart.
    /// </summary>
    public sealed record PresenceSubscription
    {
        /// <summary>The dialog, event package and event id.</summary>
        public required SubscriptionKey Key { get; init; }

        /// <summary>The subscriber's URI (From of the SUBSCRIBE).</summary>
        public required string Watcher { get; init; }

        /// <summary>The URI whose state is watched (the SUBSCRIBE's target).</summary>
        public required string Presentity { get; init; }

        /// <summary>When the subscription expires.</summary>
        public required DateTimeOffset ExpiresAt { get; init; }

        /// <summary>Pending, active or terminated.</summary>
        public required SubscriptionState State { get; init; }

        /// <summary>The dialog's route set, in the order the NOTIFY's Route headers take.</summary>
        public IReadOnlyList<string> RouteSet { get; init; } = [];

        /// <summary>The remote target: the subscriber's Contact URI.</summary>
        public required string RemoteTarget { get; init; }

        /// <summary>The CSeq number of the last request this server sent in the dialog.</summary>
        public required long LocalCSeq { get; init; }

        /// <summary>The CSeq number of the last request received in the dialog.</summary>
        public required long RemoteCSeq { get; init; }

        /// <summary>
        /// The version of the last state document sent in the dialog, for packages whose documents count their
        /// notifications (RFC 3680 reginfo); 0 before the first.
        /// </summary>
        public long Version { get; init; }

        /// <summary>True when the subscription has not expired at <paramref name="now"/>.</summary>
        public bool IsLiveAt(DateTimeOffset now) => ExpiresAt > now;
    }
}
