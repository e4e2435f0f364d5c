using System;
using System.Collections.Generic;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Presence.Events
{
    /// <summary>
    /// One subscription this server is the notifier of, with the dialog it lives in (RFC 6665 §4.1, RFC 3261 §12):
    /// local and remote tags, remote target from the Contact, route set from the Record-Route, both CSeq numbers,
    /// expiry and Subscription-State. Lives on the element's loop.
    /// </summary>
    public sealed class EventSubscription
    {
        internal EventSubscription(SubscriptionKey key, IEventPackage package, string watcher, string resource, string[] routeSet)
        {
            Key = key;
            Package = package;
            Watcher = watcher;
            Resource = resource;
            RouteSet = routeSet;
        }

        /// <summary>Dialog, package and event id.</summary>
        public SubscriptionKey Key { get; }

        /// <summary>The event package.</summary>
        public IEventPackage Package { get; }

        /// <summary>The subscriber's canonical AOR (From of the SUBSCRIBE).</summary>
        public string Watcher { get; }

        /// <summary>The canonical AOR whose state is watched.</summary>
        public string Resource { get; }

        /// <summary>The Event id parameter, or null.</summary>
        public string? EventId => Key.EventId.Length == 0 ? null : Key.EventId;

        /// <summary>The route set, as the NOTIFY's Route values in order.</summary>
        public IReadOnlyList<string> RouteSet { get; }

        /// <summary>The subscriber's Contact URI (updated by a refresh that carries one).</summary>
        public string RemoteTarget { get; internal set; } = string.Empty;

        /// <summary>The CSeq of the last NOTIFY sent.</summary>
        public long LocalCSeq { get; internal set; }

        /// <summary>The CSeq of the last SUBSCRIBE received.</summary>
        public long RemoteCSeq { get; internal set; }

        /// <summary>When the subscription expires.</summary>
        public DateTimeOffset ExpiresAt { get; internal set; }

        /// <summary>Pending, active or terminated.</summary>
        public SubscriptionState State { get; internal set; }

        /// <summary>A package's document version (reginfo), advanced by the package.</summary>
        public long Version { get; set; }

        internal LoopTimer? Expiry { get; set; }

        /// <summary>The first hop of this dialog's requests, resolved once (the route set never changes).</summary>
        internal Sip.Transactions.SipEndPoint? FirstHop { get; set; }

        /// <summary>The first-hop URI <see cref="FirstHop"/> was resolved from.</summary>
        internal string? FirstHopUri { get; set; }

        /// <summary>LocalCSeq + Version as last written to storage, to save sequence drift only now and then.</summary>
        internal long SavedSequence { get; set; } = -1;

        /// <summary>The record kept in <see cref="IPresenceStore"/>.</summary>
        public PresenceSubscription ToRecord() => new()
        {
            Key = Key,
            Watcher = Watcher,
            Presentity = Resource,
            ExpiresAt = ExpiresAt,
            State = State,
            RouteSet = (string[])RouteSet,
            RemoteTarget = RemoteTarget,
            LocalCSeq = LocalCSeq,
            RemoteCSeq = RemoteCSeq,
            Version = Version,
        };

        /// <inheritdoc/>
        public override string ToString() => $"{Package.Name} {Watcher} -> {Resource} ({State}, {Key.Dialog.CallId})";
    }
}
