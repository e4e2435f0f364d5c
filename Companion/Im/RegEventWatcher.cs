using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Bodies.RegInfo;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>
    /// <c>Im:RegistrationSource = RegEvent</c>: the IM Server learns registrations from the registration event
    /// package (RFC 3680), as the seed's note on step 4 offers, instead of the Core's third-party REGISTER.
    /// </summary>
    /// <remarks>
    /// Which users it watches: the ones listed in <c>Im:RegEventUsers</c> (names or AORs) when that list is not
    /// empty, else every user of the user store, read at start and again every <c>Im:UserRescanInterval</c> (new
    /// users get a subscription, removed ones lose theirs). Each watched user gets one <c>Event: reg</c> subscription,
    /// sent through the Core like the presence ones. A user counts as registered while its reginfo shows the
    /// registration active with at least one active contact; full documents replace what is known, partial ones
    /// update contact by contact, and documents with a version not above the last one are ignored.
    /// </remarks>
    internal sealed class RegEventWatcher : ISubscriptionListener
    {
        private readonly ImElement _host;
        private readonly IUserStore _users;
        private readonly Dictionary<string, Watched> _watched = new(StringComparer.Ordinal);
        private readonly LoopTimer _rescan;
        private bool _stopped;

        public RegEventWatcher(ImElement host, IUserStore users)
        {
            _host = host;
            _users = users;
            _rescan = new LoopTimer(host.Time, host.Loop, ReadUsers);
        }

        public void Start()
        {
            _stopped = false;
            ReadUsers();
        }

        public void Stop()
        {
            _stopped = true;
            _rescan.Cancel();
            foreach (Watched watched in _watched.Values)
            {
                watched.Subscription.Stop();
            }

            _watched.Clear();
        }

        public string? OnNotify(EventSubscription subscription, SubscriptionStateHeader state, SipMessage notify)
        {
            if (!_watched.TryGetValue(subscription.Resource, out Watched? watched) || notify.Body.Length == 0)
            {
                return null;
            }

            string? contentType = notify.Headers.Get(SipHeaderNames.ContentType);
            if (contentType is null || !contentType.Trim().StartsWith("application/reginfo+xml", StringComparison.OrdinalIgnoreCase))
            {
                return "Unsupported reg body '" + contentType + "'; expected application/reginfo+xml";
            }

            RegInfoDocument document;
            try
            {
                document = RegInfoReader.Parse(notify.Body, 0, notify.Body.Length);
            }
            catch (SipParseException e)
            {
                return "Malformed reginfo: " + e.Reason;
            }

            // A full document restarts the version sequence (a new subscription); a partial one must move it on.
            if (document.State == RegInfoState.Partial && watched.Version >= 0 && document.Version <= watched.Version)
            {
                return null;
            }

            watched.Version = document.Version;
            if (document.State == RegInfoState.Full)
            {
                watched.Contacts.Clear();
                watched.RegistrationActive = false;
            }

            for (int i = 0; i < document.RegistrationCount; i++)
            {
                Registration registration = document.GetRegistration(i);
                if (ImAddresses.AorOfUri(registration.Aor) != subscription.Resource)
                {
                    continue;
                }

                watched.RegistrationActive = registration.State == RegistrationState.Active;
                for (int c = 0; c < registration.ContactCount; c++)
                {
                    RegContact contact = registration.GetContact(c);
                    watched.Contacts[contact.Id] = contact.State == RegContactState.Active;
                }
            }

            bool registered = watched.RegistrationActive && watched.Contacts.Values.Any(active => active);
            if (registered)
            {
                _host.RegisterUser(subscription.Resource, null, persist: false);
            }
            else
            {
                _host.EndRegistration(subscription.Resource, "reg event: no active contact");
            }

            return null;
        }

        // Without the reg subscription nothing says whether the user is still registered; the last known state
        // stands until the subscription is back (it is retried with backoff).
        public void OnStateLost(EventSubscription subscription)
        {
            if (_watched.TryGetValue(subscription.Resource, out Watched? watched))
            {
                watched.Version = -1;
            }
        }

        private void ReadUsers()
        {
            if (_stopped)
            {
                return;
            }

            string[] configured = _host.Options.RegEventUsers ?? [];
            if (configured.Length > 0)
            {
                Sync(configured.Select(ToAor).OfType<string>());
                return;
            }

            _ = ReadStoreAsync();
        }

        private async System.Threading.Tasks.Task ReadStoreAsync()
        {
            IReadOnlyList<UserAccount>? accounts = null;
            try
            {
                accounts = await _users.ListAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _host.ImLogger.LogError(e, "IM Server: could not read the users to watch by reg event");
            }

            _host.Loop.Post(() =>
            {
                if (accounts is not null)
                {
                    Sync(accounts.Select(a => "sip:" + a.Name + "@" + _host.Domain));
                }

                if (!_stopped)
                {
                    _rescan.Start(_host.Options.UserRescanInterval);
                }
            });
        }

        private string? ToAor(string entry)
        {
            string trimmed = entry.Trim();
            return trimmed.Contains(':') ? ImAddresses.AorOfUri(trimmed) : ImAddresses.AorOfUri("sip:" + trimmed + "@" + _host.Domain);
        }

        private void Sync(IEnumerable<string> aors)
        {
            if (_stopped)
            {
                return;
            }

            var wanted = new HashSet<string>(aors, StringComparer.Ordinal);
            foreach (string aor in _watched.Keys.Where(a => !wanted.Contains(a)).ToList())
            {
                _watched[aor].Subscription.Stop();
                _watched.Remove(aor);
                _host.EndRegistration(aor, "no longer watched");
            }

            foreach (string aor in wanted)
            {
                if (!_watched.ContainsKey(aor))
                {
                    var subscription = new EventSubscription(_host, aor, "reg", "application/reginfo+xml", this);
                    _watched[aor] = new Watched(subscription);
                    subscription.Start();
                }
            }
        }

        private sealed class Watched(EventSubscription subscription)
        {
            public EventSubscription Subscription { get; } = subscription;

            public long Version { get; set; } = -1;

            public bool RegistrationActive { get; set; }

            public Dictionary<string, bool> Contacts { get; } = new(StringComparer.Ordinal);
        }
    }
}
