using System;
using SimpleImGateway.Companion.Presence.Events;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Bodies.RegInfo;

namespace SimpleImGateway.Companion.Presence
{
    /// <summary>
    /// The <c>reg</c> event package (RFC 3680) over the registrations the SIP/IP Core reports with third-party
    /// REGISTERs. The user may watch its own registration, and so may the trusted application servers; anyone
    /// else is rejected. The first NOTIFY (and every refresh) carries full state; a registration change sends a
    /// partial document with the one contact and its event. Each dialog counts its documents in the version.
    /// </summary>
    public sealed class RegPackage : IEventPackage
    {
        /// <summary>The package name.</summary>
        public const string PackageName = "reg";

        /// <summary>The reginfo media type (RFC 3680).</summary>
        public const string ReginfoContentType = "application/reginfo+xml";

        private readonly EventNotifier _notifier;
        private readonly WatcherRules _rules;
        private readonly RegistrationTracker _registrations;
        private readonly TimeProvider _time;

        /// <summary>Creates the package over the tracker's registrations.</summary>
        public RegPackage(EventNotifier notifier, WatcherRules rules, RegistrationTracker registrations, TimeProvider time)
        {
            _notifier = notifier;
            _rules = rules;
            _registrations = registrations;
            _time = time;
        }

        /// <inheritdoc/>
        public string Name => PackageName;

        /// <inheritdoc/>
        public string ContentType => ReginfoContentType;

        /// <inheritdoc/>
        public SubscriptionDecision Authorize(string watcher, string resource) =>
            watcher == resource || _rules.IsTrusted(watcher) ? SubscriptionDecision.Active : SubscriptionDecision.Rejected;

        /// <inheritdoc/>
        public NotifyBody? CreateFullState(EventSubscription subscription)
        {
            var document = new RegInfoDocument(subscription.Version++, RegInfoState.Full);
            TrackedRegistration? current = _registrations.Get(subscription.Resource);
            if (current is null)
            {
                document.AddRegistration(new Registration(subscription.Resource, RegistrationId(subscription.Resource), RegistrationState.Init));
            }
            else
            {
                var registration = new Registration(subscription.Resource, RegistrationId(subscription.Resource), RegistrationState.Active);
                registration.AddContact(Contact(current.Record, RegContactState.Active, current.LastEvent));
                document.AddRegistration(registration);
            }

            return Render(document);
        }

        /// <summary>Sends the watchers of <paramref name="record"/>'s AOR a partial document with the contact's new state.</summary>
        public void OnChanged(PresenceRegistration record, RegContactEvent change)
        {
            bool ended = change is RegContactEvent.Expired or RegContactEvent.Unregistered or RegContactEvent.Deactivated or RegContactEvent.Rejected;
            _notifier.NotifyActive(PackageName, record.Aor, subscription =>
            {
                var document = new RegInfoDocument(subscription.Version++, RegInfoState.Partial);
                var registration = new Registration(record.Aor, RegistrationId(record.Aor), ended ? RegistrationState.Terminated : RegistrationState.Active);
                registration.AddContact(Contact(record, ended ? RegContactState.Terminated : RegContactState.Active, change));
                document.AddRegistration(registration);
                return Render(document);
            });
        }

        /// <summary>A stable XML id for an address-of-record or a contact: a letter, then an FNV-1a hash.</summary>
        public static string StableId(char prefix, string text)
        {
            uint hash = 2166136261;
            foreach (char c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return prefix + hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        }

        private static string RegistrationId(string aor) => StableId('r', aor);

        private static NotifyBody Render(RegInfoDocument document) => new(ReginfoContentType, RegInfoWriter.Write(document));

        private RegContact Contact(PresenceRegistration record, RegContactState state, RegContactEvent contactEvent)
        {
            DateTimeOffset now = _time.GetUtcNow();
            var contact = new RegContact(StableId('c', record.Aor + " " + record.Contact), state, contactEvent, record.Contact)
            {
                Expires = state == RegContactState.Active ? Math.Max(0, (long)Math.Ceiling((record.ExpiresAt - now).TotalSeconds)) : 0,
                DurationRegistered = Math.Max(0, (long)(now - record.RegisteredAt).TotalSeconds),
                CallId = record.CallId,
                CSeq = record.CSeq,
            };
            return contact;
        }
    }
}
