using System;
using System.Collections.Generic;
using SimpleImGateway.Companion.Presence.Events;
using SimpleImGateway.Sip.Bodies.Pidf;

namespace SimpleImGateway.Companion.Presence
{
    /// <summary>
    /// The <c>presence</c> event package (RFC 3856): watchers are authorized by <see cref="WatcherRules"/>, and
    /// the state is the presentity's publications composed into one PIDF document — or a closed document
    /// when nothing is published or the presentity has no live registration. A polite-blocked watcher always
    /// sees the closed document. Documents are rendered once per change and shared by every NOTIFY.
    /// </summary>
    public sealed class PresencePackage : IEventPackage
    {
        /// <summary>The package name.</summary>
        public const string PackageName = "presence";

        /// <summary>The PIDF media type (RFC 3863).</summary>
        public const string PidfContentType = "application/pidf+xml";

        /// <summary>The id of the single tuple of a closed document.</summary>
        public const string ClosedTupleId = "t0";

        private readonly Dictionary<string, NotifyBody> _current = new(StringComparer.Ordinal);
        private readonly Dictionary<string, NotifyBody> _closed = new(StringComparer.Ordinal);
        private readonly EventNotifier _notifier;
        private readonly WatcherRules _rules;
        private readonly Func<string, PresenceDocument[]> _publicationsOf;
        private readonly Func<string, bool> _isRegistered;

        /// <summary>Creates the package; it reads publications and registrations through the two functions.</summary>
        public PresencePackage(EventNotifier notifier, WatcherRules rules, Func<string, PresenceDocument[]> publicationsOf, Func<string, bool> isRegistered)
        {
            _notifier = notifier;
            _rules = rules;
            _publicationsOf = publicationsOf;
            _isRegistered = isRegistered;
        }

        /// <inheritdoc/>
        public string Name => PackageName;

        /// <inheritdoc/>
        public string ContentType => PidfContentType;

        /// <inheritdoc/>
        public SubscriptionDecision Authorize(string watcher, string resource) => _rules.Decide(resource, watcher);

        /// <inheritdoc/>
        public NotifyBody? CreateFullState(EventSubscription subscription) => BodyFor(subscription);

        /// <summary>The composed document of a presentity as a watcher allowed to see it would get it.</summary>
        public NotifyBody StateOf(string presentity)
        {
            if (!_current.TryGetValue(presentity, out NotifyBody? body))
            {
                body = Render(presentity);
                _current[presentity] = body;
            }

            return body;
        }

        /// <summary>
        /// Recomposes the presentity's state after a publication or registration changed and, when the document
        /// differs from the last one, NOTIFYs every active watcher.
        /// </summary>
        public void Refresh(string presentity)
        {
            NotifyBody fresh = Render(presentity);
            if (_current.TryGetValue(presentity, out NotifyBody? old) && old.Content.AsSpan().SequenceEqual(fresh.Content))
            {
                return;
            }

            _current[presentity] = fresh;
            if (_notifier.SubscriptionsOf(PackageName, presentity).Count == 0)
            {
                // Nobody watches: keep nothing cached for it, so idle presentities cost no memory.
                _current.Remove(presentity);
                _closed.Remove(presentity);
                return;
            }

            _notifier.NotifyActive(PackageName, presentity, BodyFor);
        }

        /// <summary>Applies a changed rule to the subscriptions of one watcher (or all watchers when null).</summary>
        public void Reauthorize(string presentity, string? watcher) => _notifier.Reauthorize(PackageName, presentity, watcher);

        /// <summary>A PIDF document that says only that the presentity is closed.</summary>
        public static PresenceDocument ClosedDocument(string presentity)
        {
            var document = new PresenceDocument(presentity);
            document.AddTuple(new PresenceTuple(ClosedTupleId) { Basic = BasicStatus.Closed });
            return document;
        }

        private NotifyBody BodyFor(EventSubscription subscription) =>
            _rules.SeesState(subscription.Resource, subscription.Watcher) ? StateOf(subscription.Resource) : ClosedOf(subscription.Resource);

        private NotifyBody ClosedOf(string presentity)
        {
            if (!_closed.TryGetValue(presentity, out NotifyBody? body))
            {
                body = new NotifyBody(PidfContentType, PidfWriter.Write(ClosedDocument(presentity)));
                _closed[presentity] = body;
            }

            return body;
        }

        private NotifyBody Render(string presentity)
        {
            PresenceDocument[] publications = _publicationsOf(presentity);
            if (publications.Length == 0 || !_isRegistered(presentity))
            {
                return ClosedOf(presentity);
            }

            return new NotifyBody(PidfContentType, PidfWriter.Write(PidfComposer.Compose(presentity, publications)));
        }
    }
}
