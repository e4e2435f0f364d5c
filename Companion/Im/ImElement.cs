using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Transport;
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

        // Nobody waits for the delete of a delivered message: gathering a drain's deletes for a moment saves a
        // commit per message. A crash in that window delivers those messages again (at least once either way).
        private static readonly TimeSpan s_deleteLinger = TimeSpan.FromMilliseconds(20);

        private readonly ILogger _log;
        private readonly IMessageStore _messages;
        private readonly IUserStore _users;
        private readonly string _domain;
        private readonly string _identityAor;
        private readonly string _identityUser;
        private readonly BatchWriter<NewDeferredMessage, MessageStoreResult> _storeWriter;
        private readonly BatchWriter<long, bool> _deleteWriter;
        private readonly BatchWriter<Func<IMessageStore, Task>, bool> _registrationWriter;
        private readonly Dictionary<string, UserWatch> _watches = new(StringComparer.Ordinal);
        private readonly Dictionary<string, RecipientQueue> _queues = new(StringComparer.Ordinal);
        private readonly Dictionary<string, EventSubscription> _subscriptions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DateTimeOffset> _knownUsers = new(StringComparer.Ordinal);
        private readonly RecentDeliveries _recent = new(50_000);
        private readonly LoopTimer _expiryTimer;
        private readonly LoopTimer _startupTimer;
        private readonly RegEventWatcher? _regEvent;
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
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
                (batch, ct) => _messages.StoreManyAsync(batch, options.QuotaPerUser, ct), MaxBatch, TimeSpan.Zero, logger, "storing messages");
            _deleteWriter = new BatchWriter<long, bool>(DeleteDeliveredAsync, MaxBatch, s_deleteLinger, logger, "deleting delivered messages");
            _registrationWriter = new BatchWriter<Func<IMessageStore, Task>, bool>(WriteRegistrationsAsync, MaxBatch, TimeSpan.Zero, logger, "recording registrations");
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
            await _registrationWriter.DisposeAsync().ConfigureAwait(false);
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
    }
}
