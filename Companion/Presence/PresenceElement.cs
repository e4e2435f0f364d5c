using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Presence.Events;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Transport;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Presence
{
    /// <summary>
    /// The Presence Server of the OMA SIMPLE IM architecture: PUBLISH (RFC 3903), SUBSCRIBE/NOTIFY for the
    /// <c>presence</c> (RFC 3856) and <c>reg</c> (RFC 3680) event packages on a generic notifier (RFC 6665),
    /// watcher authorization, and the SIP/IP Core's third-party REGISTERs. All state lives in memory on the
    /// element's loop and is written behind to <see cref="IPresenceStore"/>; on start it is read back and every
    /// resumed subscription is sent the current state.
    /// </summary>
    public sealed class PresenceElement : SipElement
    {
        /// <summary>Methods this element answers.</summary>
        public const string AllowedMethods = "PUBLISH, SUBSCRIBE, REGISTER, OPTIONS";

        private const int MaxDeferredRequests = 10_000;

        private readonly PresenceOptions _options;
        private readonly IPresenceStore _store;
        private readonly TimeProvider _time;
        private readonly PresenceStateWriter _writer;
        private readonly WatcherRules _rules;
        private readonly Queue<(SipServerTransaction, SipMessage)> _deferred = new();
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _stop = new();
        private readonly LoopTimers _timers;
        private bool _isReady;
        private int _disposed;

        /// <summary>Creates the element from the host's configuration.</summary>
        public PresenceElement(IOptions<PresenceOptions> options, IOptions<SipOptions> sip, IPresenceStore store, ILogger<PresenceElement> logger)
            : this(options.Value, sip.Value.Domain, store, logger, TimeProvider.System, null)
        {
        }

        /// <summary>Creates the element; tests pass short transaction timers and port 0.</summary>
        public PresenceElement(PresenceOptions options, string domain, IPresenceStore store, ILogger logger, TimeProvider time, SipTransactionSettings? transactionSettings, int requestsPerSecondPerSource = 5000)
            : base("presence", new SipTransportOptions
            {
                ListenAddress = options.Address,
                Port = options.Port,
                Udp = options.Udp,
                Tcp = options.Tcp,
                RequestsPerSecondPerSource = requestsPerSecondPerSource,
            }, logger, transactionSettings)
        {
            _options = options;
            _store = store;
            _time = time;
            Domain = domain;
            _writer = new PresenceStateWriter(store, logger);
            _rules = new WatcherRules(options.TrustedWatchersFor(domain));
            _timers = new LoopTimers(Loop, time, logger);
            var expiry = new ExpiryPolicy(options.MinExpires, options.MaxExpires, options.DefaultExpires);
            var core = new SipEndPoint(options.CoreAddress, options.CorePort, SipTransportType.Udp);
            Notifier = new EventNotifier(this, _timers, _writer, new NextHopResolver(domain, core), expiry, domain, time, logger);
            Publications = new PublicationHandler(_timers, _writer, _rules, expiry, domain, time, logger);
            Registrations = new RegistrationTracker(_timers, _writer, options.CoreAddress, options.DefaultExpires, time, logger);
            Presence = new PresencePackage(Notifier, _rules, Publications.DocumentsOf, Registrations.IsRegistered);
            Reg = new RegPackage(Notifier, _rules, Registrations, time);
            Notifier.AddPackage(Presence);
            Notifier.AddPackage(Reg);
            Publications.Changed += Presence.Refresh;
            Registrations.Changed += (record, change) =>
            {
                Presence.Refresh(record.Aor);
                Reg.OnChanged(record, change);
            };
        }

        /// <summary>The SIP domain served.</summary>
        public string Domain { get; }

        /// <summary>The subscriptions and their NOTIFYs (use on the loop).</summary>
        public EventNotifier Notifier { get; }

        /// <summary>PUBLISH handling and the live publications (use on the loop).</summary>
        public PublicationHandler Publications { get; }

        /// <summary>The registrations reported by the Core (use on the loop).</summary>
        public RegistrationTracker Registrations { get; }

        /// <summary>The presence event package (use on the loop).</summary>
        public PresencePackage Presence { get; }

        /// <summary>The reg event package (use on the loop).</summary>
        public RegPackage Reg { get; }

        /// <summary>Completes once the stored state is loaded and requests are served.</summary>
        public Task Ready => _ready.Task;

        /// <summary>
        /// Sets a watcher rule (null decision: removes it) in storage and applies it at once to the subscriptions
        /// of that watcher. Rules changed in storage by another process are noticed within <see cref="PresenceOptions.RulePollMilliseconds"/>.
        /// </summary>
        public async Task SetWatcherRuleAsync(string presentity, string watcher, WatcherDecision? decision, CancellationToken cancellationToken = default)
        {
            string p = AddressOfRecord.FromUri(presentity) ?? throw new ArgumentException($"'{presentity}' is not a sip URI with a user", nameof(presentity));
            string w = AddressOfRecord.FromUri(watcher) ?? throw new ArgumentException($"'{watcher}' is not a sip URI with a user", nameof(watcher));
            if (decision is { } d)
            {
                await _store.SetWatcherRuleAsync(new WatcherRule(p, w, d), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _store.RemoveWatcherRuleAsync(p, w, cancellationToken).ConfigureAwait(false);
            }

            await Loop.InvokeAsync(() =>
            {
                _rules.Set(p, w, decision);
                Presence.Reauthorize(p, w);
                return true;
            }).ConfigureAwait(false);
        }

        /// <summary>Completes when every state change made so far is in storage.</summary>
        public Task FlushAsync() => _writer.FlushAsync();

        /// <inheritdoc/>
        protected override void OnStarted()
        {
            RunAsync(LoadAsync, "loading the stored presence state");
        }

        /// <inheritdoc/>
        public override void OnRequest(SipServerTransaction transaction, SipMessage request)
        {
            if (!_isReady)
            {
                if (_deferred.Count >= MaxDeferredRequests)
                {
                    SipMessage busy = transaction.CreateResponse(503, "Service Unavailable: the presence state is still loading");
                    busy.Headers.Add(SipHeaderNames.RetryAfter, "1");
                    transaction.SendResponse(busy);
                    return;
                }

                _deferred.Enqueue((transaction, request));
                return;
            }

            if (request.Headers.Get(SipHeaderNames.Require) is { } require && request.Method != SipMethods.Cancel)
            {
                SipMessage badExtension = transaction.CreateResponse(420, "Bad Extension: no extension is supported");
                badExtension.Headers.Add(SipHeaderNames.Unsupported, require);
                transaction.SendResponse(badExtension);
                return;
            }

            switch (request.Method)
            {
                case SipMethods.Publish:
                    Publications.OnPublish(transaction, request);
                    break;
                case SipMethods.Subscribe:
                    Notifier.OnSubscribe(transaction, request);
                    break;
                case SipMethods.Register:
                    Registrations.OnRegister(transaction, request);
                    break;
                case SipMethods.Options:
                    SipMessage options = transaction.CreateResponse(200, "OK");
                    options.Headers.Add(SipHeaderNames.Allow, AllowedMethods);
                    options.Headers.Add(SipHeaderNames.AllowEvents, Notifier.AllowEvents);
                    options.Headers.Add(SipHeaderNames.Accept, PresencePackage.PidfContentType);
                    transaction.SendResponse(options);
                    break;
                case SipMethods.Notify:
                    transaction.Respond(481, "Subscription Does Not Exist: this server subscribes to nothing");
                    break;
                case SipMethods.Cancel:
                    transaction.Respond(481, "Call/Transaction Does Not Exist");
                    break;
                default:
                    SipMessage notAllowed = transaction.CreateResponse(405, "Method Not Allowed");
                    notAllowed.Headers.Add(SipHeaderNames.Allow, AllowedMethods);
                    transaction.SendResponse(notAllowed);
                    break;
            }
        }

        /// <inheritdoc/>
        public override async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _stop.Cancel();
            await base.DisposeAsync().ConfigureAwait(false);
            _timers.Dispose();
            await _writer.DisposeAsync().ConfigureAwait(false);
            _stop.Dispose();
        }

        private async Task LoadAsync()
        {
            try
            {
                DateTimeOffset now = _time.GetUtcNow();
                await _store.PurgeExpiredPublicationsAsync(now).ConfigureAwait(false);
                await _store.PurgeExpiredSubscriptionsAsync(now).ConfigureAwait(false);
                IReadOnlyList<WatcherRule> rules = await _store.ListAllWatcherRulesAsync().ConfigureAwait(false);
                IReadOnlyList<PresenceRegistration> registrations = await _store.ListRegistrationsAsync(now).ConfigureAwait(false);
                IReadOnlyList<PresencePublication> publications = await _store.ListAllPublicationsAsync(now).ConfigureAwait(false);
                IReadOnlyList<PresenceSubscription> subscriptions = await _store.ListAllSubscriptionsAsync(now).ConfigureAwait(false);
                Loop.Post(() =>
                {
                    _rules.ReplaceAll(rules);
                    Registrations.Restore(registrations);
                    Publications.Restore(publications);
                    Notifier.Resume(subscriptions);
                    Logger.LogInformation(
                        "Presence state loaded: {Publications} publications, {Subscriptions} subscriptions resumed, {Registrations} registrations, {Rules} rules",
                        publications.Count, Notifier.Count, registrations.Count, rules.Count);
                    BecomeReady();
                });
            }
            catch (Exception e)
            {
                Logger.LogError(e, "Could not load the stored presence state; starting empty");
                Loop.Post(BecomeReady);
            }

            _ = PollRulesAsync();
        }

        private void BecomeReady()
        {
            _isReady = true;
            _ready.TrySetResult();
            while (_deferred.TryDequeue(out (SipServerTransaction Transaction, SipMessage Request) item))
            {
                OnRequest(item.Transaction, item.Request);
            }
        }

        /// <summary>Reads the rules back periodically so that changes made by the <c>watchers</c> CLI take effect.</summary>
        private async Task PollRulesAsync()
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.RulePollMilliseconds), _time);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
                {
                    try
                    {
                        int generation = await Loop.InvokeAsync(() => _rules.Generation).ConfigureAwait(false);
                        IReadOnlyList<WatcherRule> rules = await _store.ListAllWatcherRulesAsync(_stop.Token).ConfigureAwait(false);
                        Loop.Post(() =>
                        {
                            if (generation != _rules.Generation)
                            {
                                return; // changed here meanwhile; the next poll reads the newer rules
                            }

                            foreach ((string presentity, string watcher) in _rules.ReplaceAll(rules))
                            {
                                Logger.LogInformation("Watcher rule of {Presentity} for {Watcher} changed", presentity, watcher);
                                Presence.Reauthorize(presentity, watcher);
                            }
                        });
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        Logger.LogWarning("Could not read the watcher rules: {Error}", e.Message);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }
    }
}
