using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Dashboard.Tracing;
using SimpleImGateway.Companion.Dashboard.Views;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Transport;
using SimpleImGateway.Sip.Bodies.Pidf;

namespace SimpleImGateway.Companion.Dashboard
{
    /// <summary>
    /// Reads the stores and the trace buffer into the dashboard's views. It only reads: nothing here changes
    /// SIP state. Each call reads afresh; the stores are the truth the elements write.
    /// </summary>
    public sealed class DashboardQueries
    {
        /// <summary>The event package whose publications and subscriptions the presence view shows.</summary>
        public const string PresencePackage = "presence";

        /// <summary>Most presentities listed; more are cut and flagged, so a large domain cannot make a page huge.</summary>
        public const int MaxPresentities = 500;

        /// <summary>Most messages listed per recipient (the counts and sizes still cover all).</summary>
        public const int MaxMessagesPerRecipient = 100;

        private const string PidfContentType = "application/pidf+xml";

        private readonly IUserStore _users;
        private readonly IBindingStore _bindings;
        private readonly IPresenceStore _presence;
        private readonly IMessageStore _messages;
        private readonly IStorageProvider _storage;
        private readonly SipTraceBuffer _trace;
        private readonly TimeProvider _time;
        private readonly string _domain;
        private readonly string _role;
        private readonly DateTimeOffset _startedAt;
        private readonly Func<IReadOnlyList<SipElement>> _elements;

        /// <summary>Creates the queries over the companion's stores and trace buffer.</summary>
        public DashboardQueries(
            IStorageProvider storage,
            SipTraceBuffer trace,
            TimeProvider time,
            IOptions<SipOptions> sip,
            IOptions<CompanionOptions> companion,
            Func<IReadOnlyList<SipElement>> elements)
        {
            _storage = storage;
            _users = storage.Users;
            _bindings = storage.Bindings;
            _presence = storage.Presence;
            _messages = storage.Messages;
            _trace = trace;
            _time = time;
            _domain = sip.Value.Domain;
            _role = companion.Value.Role.ToString();
            _elements = elements;
            _startedAt = time.GetUtcNow();
        }

        /// <summary>Every live binding.</summary>
        public async Task<RegistrationsView> RegistrationsAsync(CancellationToken cancellationToken)
        {
            DateTimeOffset now = _time.GetUtcNow();
            IReadOnlyList<ContactBinding> bindings = await _bindings.ListAllLiveAsync(now, cancellationToken).ConfigureAwait(false);
            var views = bindings.Select(b => new RegistrationView(
                b.Aor,
                SipAddressText.UserOfUri(b.Aor),
                b.ContactUri,
                b.ExpiresAt,
                SecondsLeft(b.ExpiresAt, now),
                b.Q,
                b.Transport,
                b.Source,
                b.CallId,
                b.CSeq,
                b.InstanceId,
                b.RegId)).ToList();
            return new RegistrationsView(now, views);
        }

        /// <summary>The composed presence of every known presentity, with watchers and rules.</summary>
        public async Task<PresenceView> PresenceAsync(CancellationToken cancellationToken)
        {
            DateTimeOffset now = _time.GetUtcNow();
            IReadOnlyList<PresenceSubscription> subscriptions = await _presence.ListAllSubscriptionsAsync(now, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<ContactBinding> bindings = await _bindings.ListAllLiveAsync(now, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<UserAccount> users = await _users.ListAsync(cancellationToken).ConfigureAwait(false);

            // A presentity is known by whichever spellings the stores use; they are merged under one key.
            var spellings = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (string uri in users.Select(u => UserAor(u.Name))
                .Concat(bindings.Select(b => b.Aor))
                .Concat(subscriptions.Where(s => s.Key.EventPackage == PresencePackage).Select(s => s.Presentity)))
            {
                string key = SipAddressText.AorKey(uri);
                if (!spellings.TryGetValue(key, out List<string>? list))
                {
                    spellings[key] = list = [];
                }

                if (!list.Contains(uri, StringComparer.Ordinal))
                {
                    list.Add(uri);
                }
            }

            var views = new List<PresentityView>();
            foreach ((string key, List<string> uris) in spellings.Take(MaxPresentities))
            {
                PresenceState state = await ComposeAsync(uris, now, cancellationToken).ConfigureAwait(false);
                var rules = new List<WatcherRule>();
                foreach (string uri in uris)
                {
                    rules.AddRange(await _presence.ListWatcherRulesAsync(uri, cancellationToken).ConfigureAwait(false));
                }

                var watchers = subscriptions
                    .Where(s => s.Key.EventPackage == PresencePackage && SipAddressText.AorKey(s.Presentity) == key)
                    .Select(s => new WatcherView(
                        s.Watcher,
                        Camel(s.State.ToString()),
                        RuleFor(rules, s.Watcher),
                        s.ExpiresAt,
                        SecondsLeft(s.ExpiresAt, now),
                        s.Key.Dialog.CallId,
                        s.Key.EventId))
                    .ToList();
                views.Add(new PresentityView(
                    uris[0],
                    SipAddressText.UserOfUri(uris[0]),
                    state.Status,
                    state.Open,
                    state.AvailableForIm,
                    state.Publications,
                    state.Tuples,
                    state.Note,
                    state.LastPublishedAt,
                    watchers,
                    rules.Select(r => new WatcherRuleView(r.Watcher, Camel(r.Decision.ToString()))).ToList()));
            }

            return new PresenceView(now, views, spellings.Count > MaxPresentities);
        }

        /// <summary>The stored messages per recipient, without bodies; every user appears, with a count of 0 when nothing waits.</summary>
        public Task<MessagesView> MessagesAsync(CancellationToken cancellationToken) => MessagesAsync(false, cancellationToken);

        /// <summary>As <see cref="MessagesAsync(CancellationToken)"/>, with the bodies.</summary>
        public Task<MessagesView> MessagesWithBodiesAsync(CancellationToken cancellationToken) => MessagesAsync(true, cancellationToken);

        private async Task<MessagesView> MessagesAsync(bool includeBodies, CancellationToken cancellationToken)
        {
            DateTimeOffset now = _time.GetUtcNow();
            IReadOnlyList<DeferredMessage> all = await _messages.ListAllAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<UserAccount> users = await _users.ListAsync(cancellationToken).ConfigureAwait(false);

            var queues = new SortedDictionary<string, (string Recipient, List<DeferredMessage> Messages)>(StringComparer.Ordinal);
            foreach (UserAccount user in users)
            {
                string aor = UserAor(user.Name);
                queues[SipAddressText.AorKey(aor)] = (aor, []);
            }

            foreach (DeferredMessage message in all)
            {
                string key = SipAddressText.AorKey(message.Recipient);
                if (!queues.TryGetValue(key, out var queue))
                {
                    queues[key] = queue = (message.Recipient, []);
                }

                queue.Messages.Add(message);
            }

            var views = queues.Values.Select(q => new MessageQueueView(
                q.Recipient,
                SipAddressText.UserOfUri(q.Recipient),
                q.Messages.Count,
                q.Messages.Sum(m => (long)m.Body.Length),
                q.Messages.Count == 0 ? null : q.Messages.Min(m => m.ArrivedAt),
                q.Messages.Count == 0 ? null : q.Messages.Max(m => m.ArrivedAt),
                q.Messages.Take(MaxMessagesPerRecipient).Select(m => ToView(m, includeBodies)).ToList())).ToList();
            return new MessagesView(now, all.Count, all.Sum(m => (long)m.Body.Length), views);
        }

        /// <summary>The ladder entries after <paramref name="after"/>.</summary>
        public LadderView Ladder(long after) =>
            new(_trace.Capacity, _trace.LastSequence, _trace.Duplicates, _trace.Snapshot(after));

        /// <summary>Each user as a paired device: registration, transport, contact and availability.</summary>
        public async Task<DevicesView> DevicesAsync(CancellationToken cancellationToken)
        {
            DateTimeOffset now = _time.GetUtcNow();
            IReadOnlyList<UserAccount> users = await _users.ListAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<ContactBinding> bindings = await _bindings.ListAllLiveAsync(now, cancellationToken).ConfigureAwait(false);
            ILookup<string, ContactBinding> byAor = bindings.ToLookup(b => SipAddressText.AorKey(b.Aor), StringComparer.Ordinal);

            var devices = new List<DeviceView>();
            foreach (UserAccount user in users)
            {
                string aor = UserAor(user.Name);
                string key = SipAddressText.AorKey(aor);
                List<ContactBinding> live = byAor[key].ToList();
                ContactBinding? latest = live.OrderByDescending(b => b.ExpiresAt).FirstOrDefault();
                var spellings = new List<string> { aor };
                spellings.AddRange(live.Select(b => b.Aor).Where(a => a != aor).Distinct(StringComparer.Ordinal));
                PresenceState state = await ComposeAsync(spellings, now, cancellationToken).ConfigureAwait(false);
                devices.Add(new DeviceView(
                    user.Name,
                    aor,
                    live.Count > 0,
                    _trace.LastRegistration(aor),
                    latest?.ExpiresAt,
                    latest?.Transport,
                    latest?.ContactUri,
                    latest?.Source,
                    live.Count,
                    state.AvailableForIm,
                    state.Status));
            }

            return new DevicesView(now, devices);
        }

        /// <summary>Whether the dashboard and its database answer.</summary>
        public async Task<HealthView> HealthAsync(CancellationToken cancellationToken)
        {
            DateTimeOffset now = _time.GetUtcNow();
            string? storageError = null;
            try
            {
                await _users.GetAsync("health-check", cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                storageError = e.Message.ReplaceLineEndings(" ");
            }

            var elements = _elements().Select(e => new ElementView(e.Name, ElementAddress(e))).ToList();
            return new HealthView(
                storageError is null ? "ok" : "degraded",
                typeof(DashboardQueries).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
                _startedAt,
                (long)(now - _startedAt).TotalSeconds,
                _role,
                _domain,
                _storage.Description,
                storageError,
                elements,
                _trace.LastSequence);
        }

        private static string ElementAddress(SipElement element)
        {
            try
            {
                return element.HostPort;
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                return "not started";
            }
        }

        private static long SecondsLeft(DateTimeOffset at, DateTimeOffset now) => Math.Max(0, (long)(at - now).TotalSeconds);

        private static string Camel(string pascal) => pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];

        private static string? RuleFor(List<WatcherRule> rules, string watcher)
        {
            string key = SipAddressText.AorKey(watcher);
            WatcherRule? rule = rules.FirstOrDefault(r => SipAddressText.AorKey(r.Watcher) == key);
            return rule is null ? null : Camel(rule.Decision.ToString());
        }

        private static StoredMessageView ToView(DeferredMessage message, bool includeBody)
        {
            string? body = null;
            string? encoding = null;
            if (includeBody)
            {
                bool text = message.ContentType.TrimStart().StartsWith("text/", StringComparison.OrdinalIgnoreCase);
                body = text ? Encoding.UTF8.GetString(message.Body) : Convert.ToBase64String(message.Body);
                encoding = text ? "utf-8" : "base64";
            }

            return new StoredMessageView(
                message.Id,
                message.Sender,
                message.ContentType,
                message.Body.Length,
                message.ArrivedAt,
                message.ExpiresAt,
                message.Attempts,
                message.NextAttemptAt,
                body,
                encoding);
        }

        private string UserAor(string name) => $"sip:{name}@{_domain}";

        /// <summary>Composes the live PIDF publications of a presentity written under any of <paramref name="uris"/>.</summary>
        private async Task<PresenceState> ComposeAsync(IReadOnlyList<string> uris, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var publications = new List<PresencePublication>();
            foreach (string uri in uris)
            {
                publications.AddRange(await _presence.ListPublicationsAsync(uri, PresencePackage, now, cancellationToken).ConfigureAwait(false));
            }

            if (publications.Count == 0)
            {
                return new PresenceState("offline", false, false, 0, 0, null, null);
            }

            publications.Sort((a, b) => a.PublishedAt.CompareTo(b.PublishedAt));
            var documents = new List<PresenceDocument>();
            foreach (PresencePublication publication in publications)
            {
                if (!publication.ContentType.TrimStart().StartsWith(PidfContentType, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                try
                {
                    documents.Add(PidfReader.Parse(publication.Body, 0, publication.Body.Length));
                }
                catch (Exception e) when (e is Sip.Message.SipParseException or ArgumentException)
                {
                    // The Presence Server validated it on PUBLISH; an unreadable one is shown, not fatal.
                }
            }

            DateTimeOffset last = publications[^1].PublishedAt;
            if (documents.Count == 0)
            {
                return new PresenceState("unreadable", false, false, publications.Count, 0, null, last);
            }

            PresenceDocument composed = PidfComposer.Compose(uris[0], documents.ToArray());
            bool open = false;
            string? note = composed.NoteCount > 0 ? composed.GetNote(0).Text : null;
            for (int i = 0; i < composed.TupleCount; i++)
            {
                PresenceTuple tuple = composed.GetTuple(i);
                open |= tuple.Basic == BasicStatus.Open;
                if (note is null && tuple.NoteCount > 0)
                {
                    note = tuple.GetNote(0).Text;
                }
            }

            bool available = composed.IsAvailableForIm;
            string status = available ? "available" : open ? "open" : "closed";
            return new PresenceState(status, open, available, publications.Count, composed.TupleCount, note, last);
        }

        private sealed record PresenceState(
            string Status, bool Open, bool AvailableForIm, int Publications, int Tuples, string? Note, DateTimeOffset? LastPublishedAt);
    }
}
