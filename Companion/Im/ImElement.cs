using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Transport;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>
    /// The IM Server of the OMA SIMPLE IM architecture (pager mode, RFC 3428), behind the Core.
    /// <list type="bullet">
    /// <item>It learns who is registered from the Core's third-party REGISTER (or, by configuration, from a reg-event
    /// subscription per user) and subscribes to each registered user's presence through the Core.</item>
    /// <item>A MESSAGE to a user who is available for IM (registered, and the latest NOTIFY's PIDF says so) is relayed
    /// through the Core and the recipient's final response passed back; to anyone else it is stored durably and
    /// answered 202 once committed.</item>
    /// <item>When a NOTIFY shows the user available, the stored messages go out in arrival order, one at a time, each
    /// deleted after its 2xx; failures back off; messages expire, and their senders get one notice.</item>
    /// </list>
    /// All SIP state lives on the element's loop; the store is reached through group-committing writers.
    /// </summary>
    public sealed partial class ImElement : SipElement
    {
        /// <summary>The element's name in logs and traces.</summary>
        public const string ElementName = "im";

        private const int MaxBatch = 256;
        private const int KnownUserCacheLimit = 100_000;
        private static readonly TimeSpan s_knownUserLifetime = TimeSpan.FromMinutes(1);
        private static readonly TimeSpan s_retryStartup = TimeSpan.FromSeconds(2);

        private readonly ILogger _log;
        private readonly IMessageStore _messages;
        private readonly IUserStore _users;
        private readonly string _domain;
        private readonly string _identityAor;
        private readonly string _identityUser;
        private readonly BatchWriter<NewDeferredMessage, MessageStoreResult> _storeWriter;
        private readonly BatchWriter<long, bool> _deleteWriter;
        private readonly Dictionary<string, UserWatch> _watches = new(StringComparer.Ordinal);
        private readonly Dictionary<string, RecipientQueue> _queues = new(StringComparer.Ordinal);
        private readonly Dictionary<string, EventSubscription> _subscriptions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DateTimeOffset> _knownUsers = new(StringComparer.Ordinal);
        private readonly RecentDeliveries _recent = new(50_000);
        private readonly LoopTimer _expiryTimer;
        private readonly LoopTimer _startupTimer;
        private readonly RegEventWatcher? _regEvent;
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task _registrationWrites = Task.CompletedTask;
        private bool _stateLoaded;
        private bool _expiryRunning;
        private bool _expiryRequested;
        private bool _stopping;

        /// <summary>Creates the element; nothing is bound or read until <see cref="SipElement.Start()"/>.</summary>
        public ImElement(ImOptions options, SipOptions sip, IMessageStore messages, IUserStore users, ILogger<ImElement> logger, TimeProvider? time = null)
            : base(ElementName, TransportOptionsOf(options), logger)
        {
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(sip);
            Options = options;
            _log = logger;
            _messages = messages ?? throw new ArgumentNullException(nameof(messages));
            _users = users ?? throw new ArgumentNullException(nameof(users));
            Time = time ?? TimeProvider.System;
            _domain = sip.Domain.ToLowerInvariant();
            Identity = string.IsNullOrEmpty(options.Identity) ? "sip:im-server@" + _domain : options.Identity;
            _identityAor = ImAddresses.AorOfUri(Identity) ?? Identity;
            _identityUser = _identityAor.Contains('@') ? ImAddresses.UserOf(_identityAor) : "im-server";
            Backoff = new RetryBackoff(options.RetryInitialDelay, options.RetryMaxDelay);
            Core = new SipEndPoint(options.CoreAddress, options.CorePort, options.CoreTransport);
            CoreTcp = new SipEndPoint(options.CoreAddress, options.CorePort, SipTransportType.Tcp);
            _storeWriter = new BatchWriter<NewDeferredMessage, MessageStoreResult>(
                (batch, ct) => _messages.StoreManyAsync(batch, options.QuotaPerUser, ct), MaxBatch, logger, "storing messages");
            _deleteWriter = new BatchWriter<long, bool>(DeleteDeliveredAsync, MaxBatch, logger, "deleting delivered messages");
            _expiryTimer = new LoopTimer(Time, Loop, RunExpiry);
            _startupTimer = new LoopTimer(Time, Loop, LoadState);
            if (options.RegistrationSource == ImRegistrationSource.RegEvent)
            {
                _regEvent = new RegEventWatcher(this, users);
            }
        }

        /// <summary>The IM Server's settings.</summary>
        public ImOptions Options { get; }

        /// <summary>The IM Server's own SIP URI (From of its SUBSCRIBEs and notices).</summary>
        public string Identity { get; }

        /// <summary>Where out-of-dialog requests go: the Core, over the configured transport.</summary>
        internal SipEndPoint Core { get; }

        internal SipEndPoint CoreTcp { get; }

        internal TimeProvider Time { get; }

        internal RetryBackoff Backoff { get; }

        internal ILogger ImLogger => Logger;

        internal string Domain => _domain;

        /// <summary>The current time at the store's precision (milliseconds).</summary>
        internal DateTimeOffset Now => DateTimeOffset.FromUnixTimeMilliseconds(Time.GetUtcNow().ToUnixTimeMilliseconds());

        /// <summary>The Contact of this element's SUBSCRIBEs.</summary>
        internal string ContactValue =>
            "<sip:" + _identityUser + "@" + HostPort + (Options.CoreTransport == SipTransportType.Tcp ? ";transport=tcp" : string.Empty) + ">";

        /// <summary>Whether the user is registered and available for IM now (read on the loop).</summary>
        public Task<bool> IsAvailableAsync(string aor) => Loop.InvokeAsync(() => IsAvailable(ImAddresses.AorOfUri(aor) ?? aor));

        /// <summary>
        /// Completes once the element has loaded its stored state (recipients with messages, registrations) and its
        /// first expiry check ran; from then on its timers are armed.
        /// </summary>
        public Task Ready => _ready.Task;

        /// <summary>Runs the expiry check now instead of at its next interval (operators, tests).</summary>
        public void RunExpiryNow() => Loop.Post(RequestExpiryRun);

        /// <inheritdoc/>
        public override void OnRequest(SipServerTransaction transaction, SipMessage request)
        {
            if (_stopping)
            {
                transaction.Respond(503, "Service Unavailable: the IM Server is stopping");
                return;
            }

            string? require = request.Headers.Get(SipHeaderNames.Require);
            if (require is not null && request.Method != SipMethods.Cancel)
            {
                SipMessage response = transaction.CreateResponse(420, "Bad Extension: no extension is supported");
                response.Headers.Add(SipHeaderNames.Unsupported, require);
                transaction.SendResponse(response);
                return;
            }

            switch (request.Method)
            {
                case SipMethods.Message:
                    HandleMessage(transaction, request);
                    break;
                case SipMethods.Notify:
                    HandleNotify(transaction, request);
                    break;
                case SipMethods.Register:
                    HandleRegister(transaction, request);
                    break;
                case SipMethods.Options:
                    SipMessage options = transaction.CreateResponse(200, "OK");
                    options.Headers.Add(SipHeaderNames.Allow, AllowedMethods);
                    options.Headers.Add(SipHeaderNames.Accept, "*/*");
                    transaction.SendResponse(options);
                    break;
                case SipMethods.Cancel:
                    transaction.Respond(481, "Call/Transaction Does Not Exist");
                    break;
                default:
                    SipMessage notAllowed = transaction.CreateResponse(405, "Method Not Allowed at the IM Server");
                    notAllowed.Headers.Add(SipHeaderNames.Allow, AllowedMethods);
                    transaction.SendResponse(notAllowed);
                    break;
            }
        }

        /// <inheritdoc/>
        public override async ValueTask DisposeAsync()
        {
            // Bounded: a loop that was never started runs nothing.
            Task<bool> stop = Loop.InvokeAsync(() =>
            {
                _stopping = true;
                _expiryTimer.Cancel();
                _startupTimer.Cancel();
                _regEvent?.Stop();
                foreach (RecipientQueue queue in _queues.Values)
                {
                    queue.Dispose();
                }

                return true;
            });
            await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
            await _storeWriter.DisposeAsync().ConfigureAwait(false);
            await _deleteWriter.DisposeAsync().ConfigureAwait(false);
            await _registrationWrites.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }

        /// <inheritdoc/>
        protected override void OnStarted() => LoadState();

        private const string AllowedMethods = "MESSAGE, NOTIFY, REGISTER, OPTIONS";

        private static SipTransportOptions TransportOptionsOf(ImOptions options) => new()
        {
            ListenAddress = options.Address,
            Port = options.Port,
            Udp = options.Udp,
            Tcp = options.Tcp,

            // Every request reaches the IM Server through the Core, one source: a per-source limit would throttle all users.
            RequestsPerSecondPerSource = 10_000_000,
        };

        // ---- state shared with the helpers (loop only) ----

        internal string NewCallId() => Guid.NewGuid().ToString("N") + "@" + Transport.AdvertisedHost;

        internal string NewTag() => Layer.NewTag();

        internal void Track(string callId, EventSubscription subscription) => _subscriptions[callId] = subscription;

        internal void Untrack(string callId, EventSubscription subscription)
        {
            if (_subscriptions.TryGetValue(callId, out EventSubscription? tracked) && ReferenceEquals(tracked, subscription))
            {
                _subscriptions.Remove(callId);
            }
        }

        internal bool IsAvailable(string aor) => _watches.TryGetValue(aor, out UserWatch? watch) && watch.IsAvailable;

        internal SipEndPoint CoreFor(int bodyLength) => bodyLength > Options.MaxUdpBodyBytes ? CoreTcp : Core;

        /// <summary>Loads what survived a restart: which recipients have stored messages, who was registered.</summary>
        private void LoadState()
        {
            RunAsync(async () =>
            {
                try
                {
                    IReadOnlyList<string> recipients = await _messages.ListRecipientsAsync().ConfigureAwait(false);
                    IReadOnlyList<ImRegistration> registrations = Options.RegistrationSource == ImRegistrationSource.ThirdPartyRegister
                        ? await _messages.ListRegistrationsAsync(Now).ConfigureAwait(false)
                        : [];
                    Loop.Post(() => OnStateLoaded(recipients, registrations));
                }
                catch (Exception e)
                {
                    Logger.LogError(e, "IM Server: could not read its stored state; trying again in {Delay}", s_retryStartup);
                    Loop.Post(() => _startupTimer.Start(s_retryStartup));
                }
            }, "loading stored state");
        }

        private void OnStateLoaded(IReadOnlyList<string> recipients, IReadOnlyList<ImRegistration> registrations)
        {
            if (_stopping)
            {
                return;
            }

            foreach (string recipient in recipients)
            {
                GetQueue(recipient).HasStored = true;
            }

            _stateLoaded = true;
            LogStateLoaded(recipients.Count, registrations.Count);
            foreach (ImRegistration registration in registrations)
            {
                // A REGISTER that arrived while the state was read is newer than the record.
                if (!_watches.ContainsKey(registration.Aor))
                {
                    RegisterUser(registration.Aor, registration.ExpiresAt, persist: false);
                }
            }

            _regEvent?.Start();
            _expiryTimer.Start(TimeSpan.Zero);
        }

        // ---- REGISTER (third-party, from the Core) ----

        private void HandleRegister(SipServerTransaction transaction, SipMessage request)
        {
            string? aor = ImAddresses.AorOfNameAddress(request.Headers.Get(SipHeaderNames.To));
            if (aor is null)
            {
                transaction.Respond(400, "Bad Request: To must name a user (sip:user@domain)");
                return;
            }

            if (!ImAddresses.IsInDomain(aor, _domain))
            {
                transaction.Respond(404, "Not Found: " + aor + " is not in domain " + _domain);
                return;
            }

            if (!ImAddresses.SameAddress(transaction.Source.Host, Options.CoreAddress))
            {
                transaction.Respond(403, "Forbidden: third-party REGISTER is accepted from the SIP/IP Core only");
                return;
            }

            if (!TryReadExpiry(request, out long expires, out string? contact))
            {
                transaction.Respond(400, "Bad Request: malformed Expires or Contact");
                return;
            }

            SipMessage response = transaction.CreateResponse(200, "OK");
            if (contact is not null && expires > 0)
            {
                response.Headers.Add(SipHeaderNames.Contact, contact);
            }

            response.Headers.Add(SipHeaderNames.Expires, expires.ToString(CultureInfo.InvariantCulture));
            transaction.SendResponse(response);

            if (Options.RegistrationSource != ImRegistrationSource.ThirdPartyRegister)
            {
                LogRegisterIgnored(aor);
                return;
            }

            if (expires == 0)
            {
                EndRegistration(aor, "unregistered");
            }
            else
            {
                RegisterUser(aor, Now.AddSeconds(expires), persist: true);
            }
        }

        // The third-party REGISTER carries the granted expiry in Expires, or as the Contact's expires parameter.
        private static bool TryReadExpiry(SipMessage request, out long expires, out string? contact)
        {
            expires = 3600;
            contact = request.Headers.Get(SipHeaderNames.Contact);
            try
            {
                string? header = request.Headers.Get(SipHeaderNames.Expires);
                NameAddress? address = contact is null ? null : NameAddress.ParseContact(contact);
                string? parameter = address?.Parameters.Get("expires");
                if (parameter is not null)
                {
                    expires = ExpiresHeader.Parse(parameter);
                }
                else if (header is not null)
                {
                    expires = ExpiresHeader.Parse(header);
                }

                if (address is not null && address.IsWildcard)
                {
                    contact = null;
                    expires = 0;
                }
                else if (address is not null)
                {
                    address.Parameters.Set("expires", expires.ToString(CultureInfo.InvariantCulture));
                    contact = address.ToString();
                }

                return true;
            }
            catch (SipParseException)
            {
                return false;
            }
        }

        /// <summary>A user is registered until <paramref name="until"/> (null: until the reg event says otherwise).</summary>
        internal void RegisterUser(string aor, DateTimeOffset? until, bool persist)
        {
            if (!_watches.TryGetValue(aor, out UserWatch? watch))
            {
                watch = new UserWatch(this, aor);
                _watches[aor] = watch;
                LogRegistered(aor, until);
            }

            watch.Register(until);
            if (persist && until is { } expiresAt)
            {
                PersistRegistration(store => store.SetRegistrationAsync(aor, expiresAt));
            }

            if (Options.DeliverOnRegister && _queues.TryGetValue(aor, out RecipientQueue? queue))
            {
                queue.Kick();
            }
        }

        /// <summary>The user's registration ended: unsubscribe from its presence.</summary>
        internal void EndRegistration(string aor, string why)
        {
            if (_watches.Remove(aor, out UserWatch? watch))
            {
                watch.End();
                LogUnregistered(aor, why);
            }

            if (Options.RegistrationSource == ImRegistrationSource.ThirdPartyRegister)
            {
                PersistRegistration(store => store.RemoveRegistrationAsync(aor));
            }
        }

        // Registration records are written one after another, so a quick register/unregister keeps its order.
        private void PersistRegistration(Func<IMessageStore, Task> write)
        {
            _registrationWrites = _registrationWrites.ContinueWith(
                async _ =>
                {
                    try
                    {
                        await write(_messages).ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        Logger.LogError(e, "IM Server: could not record a registration");
                    }
                },
                TaskScheduler.Default).Unwrap();
        }

        // ---- presence and NOTIFY ----

        private void HandleNotify(SipServerTransaction transaction, SipMessage request)
        {
            string? callId = request.CallId;
            if (callId is not null && _subscriptions.TryGetValue(callId.Trim(), out EventSubscription? subscription))
            {
                subscription.HandleNotify(transaction, request);
                return;
            }

            transaction.Respond(481, "Subscription does not exist");
        }

        /// <summary>A presence NOTIFY was applied to <paramref name="watch"/>.</summary>
        internal void OnPresence(UserWatch watch, bool changed)
        {
            if (changed)
            {
                LogPresence(watch.Aor, watch.PresenceAvailable);
            }

            if (watch.IsAvailable && _queues.TryGetValue(watch.Aor, out RecipientQueue? queue))
            {
                queue.Kick();
            }
        }

        // ---- MESSAGE ----

        private void HandleMessage(SipServerTransaction transaction, SipMessage request)
        {
            string? recipient = RecipientOf(request);
            if (recipient is null)
            {
                transaction.Respond(404, "Not Found: the Request-URI and To name no SIP user");
                return;
            }

            if (!ImAddresses.IsInDomain(recipient, _domain))
            {
                transaction.Respond(404, "Not Found: " + recipient + " is not in domain " + _domain);
                return;
            }

            if (recipient == _identityAor)
            {
                transaction.Respond(404, "Not Found: the IM Server itself takes no messages");
                return;
            }

            byte[] body = request.Body;
            if (transaction.Source.Transport == SipTransportType.Udp && body.Length > Options.MaxUdpBodyBytes)
            {
                transaction.Respond(513, "Message Too Large: a body of " + body.Length + " bytes exceeds the " + Options.MaxUdpBodyBytes + "-byte limit over UDP; send it over TCP");
                return;
            }

            if (body.Length == 0)
            {
                transaction.Respond(400, "Bad Request: MESSAGE without a body");
                return;
            }

            string? contentType = request.Headers.Get(SipHeaderNames.ContentType);
            if (string.IsNullOrWhiteSpace(contentType))
            {
                transaction.Respond(400, "Bad Request: the body has no Content-Type");
                return;
            }

            NameAddress? from = ImAddresses.TryParseNameAddress(request.Headers.Get(SipHeaderNames.From));
            if (from?.Uri is null)
            {
                transaction.Respond(400, "Bad Request: malformed From");
                return;
            }

            var incoming = new IncomingMessage(
                transaction,
                request,
                recipient,
                ImAddresses.WithoutTag(from),
                contentType.Trim(),
                body,
                DedupKeyOf(request),
                Now);

            RecipientQueue queue = GetQueue(recipient);
            if (_stateLoaded && queue.IsIdle && IsAvailable(recipient))
            {
                if (_recent.Contains(recipient, incoming.DedupKey))
                {
                    transaction.Respond(200, "OK (already delivered)");
                    return;
                }

                Relay(incoming, queue);
                return;
            }

            Store(incoming, queue, checkUser: !_watches.ContainsKey(recipient));
        }

        // The Core sends MESSAGE with the recipient's AOR as Request-URI; a Request-URI naming this server
        // (a Core that rewrote it to the application server) leaves the To header to say who it is for.
        private string? RecipientOf(SipMessage request)
        {
            string? aor = ImAddresses.AorOfUri(request.RequestUri);
            if (aor is not null && IsInDomainOrOurs(aor))
            {
                return ImAddresses.IsInDomain(aor, _domain) ? aor : ImAddresses.AorOfNameAddress(request.Headers.Get(SipHeaderNames.To));
            }

            return aor ?? ImAddresses.AorOfNameAddress(request.Headers.Get(SipHeaderNames.To));
        }

        private bool IsInDomainOrOurs(string aor)
        {
            string host = ImAddresses.DomainOf(aor);
            return string.Equals(host, _domain, StringComparison.OrdinalIgnoreCase)
                || ImAddresses.SameAddress(host, Transport.AdvertisedHost);
        }

        private static string DedupKeyOf(SipMessage request)
        {
            string? messageId = request.Headers.Get(SipHeaderNames.MessageId);
            if (!string.IsNullOrWhiteSpace(messageId))
            {
                return MessageDedupKey.FromMessageId(messageId);
            }

            CSeqHeader cseq = CSeqHeader.Parse(request.Headers.Get(SipHeaderNames.CSeq));
            return MessageDedupKey.FromCallIdAndCSeq(request.CallId ?? string.Empty, cseq.Number);
        }

        // ---- relay ----

        private static readonly HashSet<string> s_notRelayed = new(StringComparer.OrdinalIgnoreCase)
        {
            SipHeaderNames.Via, SipHeaderNames.Route, SipHeaderNames.RecordRoute, SipHeaderNames.MaxForwards,
            SipHeaderNames.ContentLength, SipHeaderNames.Authorization, SipHeaderNames.ProxyAuthorization,
            SipHeaderNames.ProxyRequire, SipHeaderNames.Contact,
        };

        private static readonly string[] s_passedBack =
        [
            SipHeaderNames.Warning, SipHeaderNames.RetryAfter, SipHeaderNames.Unsupported, SipHeaderNames.Allow,
            SipHeaderNames.Accept, SipHeaderNames.AcceptEncoding, SipHeaderNames.Date, SipHeaderNames.Server,
        ];

        private void Relay(IncomingMessage incoming, RecipientQueue queue)
        {
            SipMessage request = incoming.Request!;
            int maxForwards = MaxForwardsHeader.Default;
            string? maxForwardsValue = request.Headers.Get(SipHeaderNames.MaxForwards);
            if (maxForwardsValue is not null)
            {
                try
                {
                    maxForwards = MaxForwardsHeader.Parse(maxForwardsValue);
                }
                catch (SipParseException)
                {
                    maxForwards = MaxForwardsHeader.Default;
                }
            }

            if (maxForwards <= 0)
            {
                incoming.Transaction!.Respond(483, "Too Many Hops");
                return;
            }

            SipMessage forward = SipMessage.CreateRequest(SipMethods.Message, incoming.Recipient);
            forward.Headers.Add(SipHeaderNames.MaxForwards, (maxForwards - 1).ToString(CultureInfo.InvariantCulture));
            for (int i = 0; i < request.Headers.Count; i++)
            {
                SipHeader header = request.Headers[i];
                if (!s_notRelayed.Contains(header.Name))
                {
                    forward.Headers.Add(header.Name, header.Value);
                }
            }

            if (!forward.Headers.Contains(SipHeaderNames.Date))
            {
                forward.Headers.Add(SipHeaderNames.Date, FormatDate(incoming.ArrivedAt));
            }

            forward.Body = incoming.Body;
            queue.Relaying = true;
            try
            {
                SendRequest(forward, CoreFor(incoming.Body.Length), new ClientTransactionCallback(
                    (status, response) => Loop.Post(() => OnRelayed(incoming, queue, status, response))));
            }
            catch (Exception e) when (e is SipTransactionException or InvalidOperationException)
            {
                Logger.LogWarning("IM Server: could not relay a MESSAGE to {Recipient}: {Error}; storing it", incoming.Recipient, e.Message);
                queue.Relaying = false;
                Store(incoming, queue, checkUser: false);
            }
        }

        private void OnRelayed(IncomingMessage incoming, RecipientQueue queue, int status, SipMessage? response)
        {
            queue.Relaying = false;

            // The recipient looked available but cannot be reached: keep the message rather than fail it.
            if (status is 408 or 480 or 503)
            {
                LogRelayFellBack(incoming.Recipient, status);
                Store(incoming, queue, checkUser: false);
                return;
            }

            SipServerTransaction transaction = incoming.Transaction!;
            SipMessage answer = transaction.CreateResponse(status, response?.ReasonPhrase ?? string.Empty);
            if (response is not null)
            {
                foreach (string name in s_passedBack)
                {
                    foreach (string value in response.Headers.GetAll(name))
                    {
                        answer.Headers.Add(name, value);
                    }
                }

                if (response.Body.Length > 0 && response.Headers.Get(SipHeaderNames.ContentType) is { } type)
                {
                    answer.Headers.Add(SipHeaderNames.ContentType, type);
                    answer.Body = response.Body;
                }
            }

            transaction.SendResponse(answer);
            if (status >= 200 && status < 300)
            {
                _recent.Add(incoming.Recipient, incoming.DedupKey);
            }

            queue.Kick();
            ReleaseIfIdle(queue);
        }

        // ---- store ----

        private void Store(IncomingMessage incoming, RecipientQueue queue, bool checkUser)
        {
            if (checkUser && !queue.UserChecked && !IsKnownUser(incoming.Recipient))
            {
                queue.PendingStores++;
                queue.AwaitingUserCheck.Add(incoming);
                if (!queue.CheckingUser)
                {
                    queue.CheckingUser = true;
                    CheckUser(queue);
                }

                return;
            }

            queue.UserChecked = true;
            var message = new NewDeferredMessage
            {
                Sender = incoming.Sender,
                Recipient = incoming.Recipient,
                ContentType = incoming.ContentType,
                Body = incoming.Body,
                ArrivedAt = incoming.ArrivedAt,
                ExpiresAt = incoming.ArrivedAt + Options.MessageLifetime,
                DedupKey = incoming.DedupKey,
            };
            queue.PendingStores++;
            if (!_storeWriter.Enqueue(message, (result, error) => Loop.Post(() => OnStored(incoming, queue, result, error))))
            {
                queue.PendingStores--;
                incoming.Transaction?.Respond(503, "Service Unavailable: the IM Server is stopping");
            }
        }

        private void CheckUser(RecipientQueue queue)
        {
            string user = ImAddresses.UserOf(queue.Aor);
            RunAsync(async () =>
            {
                bool? exists;
                try
                {
                    exists = await _users.GetAsync(user).ConfigureAwait(false) is not null;
                }
                catch (Exception e)
                {
                    Logger.LogError(e, "IM Server: could not look up user {User}", user);
                    exists = null;
                }

                Loop.Post(() => OnUserChecked(queue, exists));
            }, "looking up a recipient");
        }

        private void OnUserChecked(RecipientQueue queue, bool? exists)
        {
            queue.CheckingUser = false;
            var waiting = queue.AwaitingUserCheck.ToArray();
            queue.AwaitingUserCheck.Clear();
            queue.PendingStores -= waiting.Length;
            if (exists == true)
            {
                RememberKnownUser(queue.Aor);
                queue.UserChecked = true;
                foreach (IncomingMessage incoming in waiting)
                {
                    Store(incoming, queue, checkUser: false);
                }

                return;
            }

            foreach (IncomingMessage incoming in waiting)
            {
                if (exists is null)
                {
                    RespondUnavailable(incoming.Transaction);
                }
                else
                {
                    incoming.Transaction?.Respond(404, "Not Found: no such user " + queue.Aor);
                }
            }

            queue.Kick();
            ReleaseIfIdle(queue);
        }

        private void OnStored(IncomingMessage incoming, RecipientQueue queue, MessageStoreResult? result, Exception? error)
        {
            queue.OnStoreCompleted(error is null && result?.Outcome == MessageStoreOutcome.Stored);
            SipServerTransaction? transaction = incoming.Transaction;
            if (error is not null || result is null)
            {
                RespondUnavailable(transaction);
            }
            else
            {
                switch (result.Value.Outcome)
                {
                    case MessageStoreOutcome.Stored:
                        LogStored(incoming.Recipient, result.Value.MessageId);
                        transaction?.Respond(202, "Accepted");
                        break;
                    case MessageStoreOutcome.Duplicate:
                        LogDuplicate(incoming.Recipient, incoming.DedupKey);
                        transaction?.Respond(202, "Accepted");
                        break;
                    default:
                        LogQuota(incoming.Recipient, Options.QuotaPerUser);
                        transaction?.Respond(486, "Busy Here: message store full for " + incoming.Recipient + " (" + Options.QuotaPerUser + " messages waiting)");
                        break;
                }
            }

            ReleaseIfIdle(queue);
        }

        private static void RespondUnavailable(SipServerTransaction? transaction)
        {
            if (transaction is null)
            {
                return;
            }

            SipMessage response = transaction.CreateResponse(503, "Service Unavailable: the message store failed; try again");
            response.Headers.Add(SipHeaderNames.RetryAfter, "5");
            transaction.SendResponse(response);
        }

        private bool IsKnownUser(string aor)
        {
            if (_watches.ContainsKey(aor))
            {
                return true;
            }

            return _knownUsers.TryGetValue(aor, out DateTimeOffset until) && until > Now;
        }

        private void RememberKnownUser(string aor)
        {
            if (_knownUsers.Count >= KnownUserCacheLimit)
            {
                _knownUsers.Clear();
            }

            _knownUsers[aor] = Now + s_knownUserLifetime;
        }

        private RecipientQueue GetQueue(string aor)
        {
            if (!_queues.TryGetValue(aor, out RecipientQueue? queue))
            {
                queue = new RecipientQueue(this, aor);
                _queues[aor] = queue;
            }

            return queue;
        }

        internal void ReleaseIfIdle(RecipientQueue queue)
        {
            if (queue.CanBeReleased && queue.AwaitingUserCheck.Count == 0)
            {
                _queues.Remove(queue.Aor);
                queue.Dispose();
            }
        }

        // ---- deferred delivery ----

        internal void LoadPage(RecipientQueue queue, int limit)
        {
            RunAsync(async () =>
            {
                IReadOnlyList<DeferredMessage>? page;
                try
                {
                    page = await _messages.ListAsync(queue.Aor, limit).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    Logger.LogError(e, "IM Server: could not read the stored messages of {Recipient}", queue.Aor);
                    page = null;
                }

                Loop.Post(() => queue.OnPageLoaded(page));
            }, "reading stored messages");
        }

        internal void Deliver(DeferredMessage message, RecipientQueue queue)
        {
            SipMessage request = SipMessage.CreateRequest(SipMethods.Message, message.Recipient);
            request.Headers.Add(SipHeaderNames.MaxForwards, MaxForwardsHeader.Default.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(SipHeaderNames.From, message.Sender + ";tag=im" + message.Id.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(SipHeaderNames.To, "<" + message.Recipient + ">");

            // The same Call-ID and CSeq on every attempt, so a recipient can tell a retry from a new message.
            request.Headers.Add(SipHeaderNames.CallId, "im-" + message.Id.ToString(CultureInfo.InvariantCulture) + "-"
                + message.ArrivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "@" + ImAddresses.DomainOf(_identityAor));
            request.Headers.Add(SipHeaderNames.CSeq, "1 " + SipMethods.Message);
            request.Headers.Add(SipHeaderNames.Date, FormatDate(message.ArrivedAt));
            if (message.DedupKey.StartsWith("mid:", StringComparison.Ordinal))
            {
                request.Headers.Add(SipHeaderNames.MessageId, message.DedupKey.Substring(4));
            }

            request.Headers.Add(SipHeaderNames.ContentType, message.ContentType);
            request.Body = message.Body;
            try
            {
                SendRequest(request, CoreFor(message.Body.Length), new ClientTransactionCallback(
                    (status, response) => Loop.Post(() => queue.OnDelivered(message, status, response))));
            }
            catch (Exception e) when (e is SipTransactionException or InvalidOperationException)
            {
                Logger.LogWarning("IM Server: could not send stored message {Id} to {Recipient}: {Error}", message.Id, message.Recipient, e.Message);
                Loop.Post(() => queue.OnDelivered(message, 503, null));
            }
        }

        internal void CompleteDelivery(DeferredMessage message, RecipientQueue queue)
        {
            LogDelivered(message.Recipient, message.Id, message.Attempts + 1);
            _recent.Add(message.Recipient, message.DedupKey);
            DeleteDelivered(message.Id, queue);
        }

        internal void Refuse(DeferredMessage message, int status, string reason, RecipientQueue queue)
        {
            LogRefused(message.Recipient, message.Id, status, reason);
            DeleteDelivered(message.Id, queue);
            Notify(message, "the recipient refused it (" + status.ToString(CultureInfo.InvariantCulture) + " " + reason + ")");
        }

        private void DeleteDelivered(long id, RecipientQueue queue)
        {
            bool queued = _deleteWriter.Enqueue(id, (unused, error) =>
            {
                if (error is null)
                {
                    Loop.Post(() => queue.OnDeleted(id));
                    return;
                }

                // The message is still stored: keep it out of the lane and try the delete again shortly.
                Task.Delay(Backoff.Delay(1)).ContinueWith(t => Loop.Post(() => DeleteDelivered(id, queue)), TaskScheduler.Default);
            });
            if (!queued)
            {
                Logger.LogWarning("IM Server: stopping before delivered message {Id} was deleted; it may be delivered again after a restart", id);
            }
        }

        private async Task<IReadOnlyList<bool>> DeleteDeliveredAsync(IReadOnlyList<long> ids, System.Threading.CancellationToken cancellationToken)
        {
            await _messages.DeleteDeliveredAsync(ids, cancellationToken).ConfigureAwait(false);
            return new bool[ids.Count];
        }

        internal void RecordFailedAttempt(DeferredMessage message, int status, DateTimeOffset next)
        {
            LogDeliveryFailed(message.Recipient, message.Id, status, message.Attempts + 1, next);
            RunAsync(() => _messages.RecordFailedAttemptAsync(message.Id, next), "recording a failed delivery");
        }

        // ---- expiry and notices ----

        internal void RequestExpiryRun()
        {
            if (_expiryRunning)
            {
                _expiryRequested = true;
                return;
            }

            _expiryTimer.Start(TimeSpan.Zero);
        }

        private void RunExpiry()
        {
            if (_stopping)
            {
                return;
            }

            _expiryRunning = true;
            DateTimeOffset now = Now;
            RunAsync(async () =>
            {
                IReadOnlyList<DeferredMessage> expired = [];
                try
                {
                    expired = await _messages.PurgeExpiredAsync(now).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    Logger.LogError(e, "IM Server: the expiry run failed");
                }

                Loop.Post(() => OnExpired(expired));
            }, "removing expired messages");
        }

        private void OnExpired(IReadOnlyList<DeferredMessage> expired)
        {
            _expiryRunning = false;
            foreach (DeferredMessage message in expired)
            {
                LogExpired(message.Recipient, message.Id, message.Sender);
                if (_queues.TryGetValue(message.Recipient, out RecipientQueue? queue))
                {
                    queue.Forget(message.Id);
                }

                Notify(message, "it expired after " + Options.MessageLifetime.ToString("c", CultureInfo.InvariantCulture) + " undelivered");
            }

            if (_stopping)
            {
                return;
            }

            if (_expiryRequested)
            {
                _expiryRequested = false;
                _expiryTimer.Start(TimeSpan.Zero);
            }
            else
            {
                _expiryTimer.Start(Options.ExpiryCheckInterval);
            }

            _ready.TrySetResult();
        }

        /// <summary>
        /// Tells the sender of a message that was dropped undelivered, once: the notice is stored for the sender with
        /// a dedup key derived from the dropped message, and a notice (sender = this server) never gets a notice itself.
        /// </summary>
        private void Notify(DeferredMessage message, string why)
        {
            if (!Options.NotifySenderOnExpiry)
            {
                return;
            }

            string? sender = ImAddresses.AorOfNameAddress(message.Sender);
            if (sender is null || sender == _identityAor || !ImAddresses.IsInDomain(sender, _domain))
            {
                return;
            }

            DateTimeOffset now = Now;
            string text = "Your message to " + message.Recipient + " of " + FormatDate(message.ArrivedAt) + " was not delivered: " + why + ".";
            var notice = new IncomingMessage(
                null,
                null,
                sender,
                "<" + Identity + ">",
                "text/plain;charset=UTF-8",
                Encoding.UTF8.GetBytes(text),
                "notice:" + message.Id.ToString(CultureInfo.InvariantCulture) + ":" + message.ArrivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                now);
            Store(notice, GetQueue(sender), checkUser: false);
        }

        /// <summary>RFC 1123 date as SIP's Date header wants it (RFC 3261 §20.17), always GMT.</summary>
        internal static string FormatDate(DateTimeOffset time) => time.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

        // ---- logging ----

        [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "IM Server: {Recipients} recipient(s) with stored messages, {Registrations} registration(s) restored")]
        private partial void LogStateLoaded(int recipients, int registrations);

        [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "IM Server: {Aor} registered (until {Until})")]
        private partial void LogRegistered(string aor, DateTimeOffset? until);

        [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "IM Server: {Aor} no longer registered ({Why})")]
        private partial void LogUnregistered(string aor, string why);

        [LoggerMessage(EventId = 503, Level = LogLevel.Information, Message = "IM Server: {Aor} is {Available} for IM by presence")]
        private partial void LogPresenceCore(string aor, string available);

        private void LogPresence(string aor, bool available) => LogPresenceCore(aor, available ? "available" : "not available");

        [LoggerMessage(EventId = 504, Level = LogLevel.Debug, Message = "IM Server: third-party REGISTER of {Aor} ignored (registrations come from the reg event)")]
        private partial void LogRegisterIgnored(string aor);

        [LoggerMessage(EventId = 510, Level = LogLevel.Debug, Message = "IM Server: stored message {Id} for {Recipient}")]
        private partial void LogStored(string recipient, long id);

        [LoggerMessage(EventId = 511, Level = LogLevel.Information, Message = "IM Server: duplicate {Key} for {Recipient} stored once")]
        private partial void LogDuplicate(string recipient, string key);

        [LoggerMessage(EventId = 512, Level = LogLevel.Warning, Message = "IM Server: message store of {Recipient} is full ({Quota}); MESSAGE refused")]
        private partial void LogQuota(string recipient, int quota);

        [LoggerMessage(EventId = 513, Level = LogLevel.Information, Message = "IM Server: relay to {Recipient} ended {Status}; storing the message instead")]
        private partial void LogRelayFellBack(string recipient, int status);

        [LoggerMessage(EventId = 520, Level = LogLevel.Debug, Message = "IM Server: delivered stored message {Id} to {Recipient} (attempt {Attempt})")]
        private partial void LogDelivered(string recipient, long id, int attempt);

        [LoggerMessage(EventId = 521, Level = LogLevel.Warning, Message = "IM Server: delivery of stored message {Id} to {Recipient} failed with {Status} (attempt {Attempt}); next attempt at {Next}")]
        private partial void LogDeliveryFailed(string recipient, long id, int status, int attempt, DateTimeOffset next);

        [LoggerMessage(EventId = 522, Level = LogLevel.Warning, Message = "IM Server: {Recipient} refused stored message {Id} with {Status} {Reason}; it is removed")]
        private partial void LogRefused(string recipient, long id, int status, string reason);

        [LoggerMessage(EventId = 523, Level = LogLevel.Information, Message = "IM Server: stored message {Id} for {Recipient} from {Sender} expired")]
        private partial void LogExpired(string recipient, long id, string sender);
    }
}
