using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Core.Authentication;
using SimpleImGateway.Companion.Core.Location;
using SimpleImGateway.Companion.Core.Proxy;
using SimpleImGateway.Companion.Core.Registrar;
using SimpleImGateway.Companion.Core.ThirdPartyRegistration;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Transport;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Companion.Core
{
    /// <summary>
    /// The SIP/IP Core: a <see cref="SipElement"/> made of small modules, Kamailio style — <see cref="IRegistrar"/>
    /// (REGISTER for the domain, digest, bindings), <see cref="ILocationService"/> (contacts in memory, stored
    /// through), <see cref="IProxy"/> (filter criteria, authentication, stateful forwarding) and
    /// <see cref="IThirdPartyRegistrar"/> (REGISTERs at the application servers). This class checks each request
    /// (<see cref="SipRequestValidator"/>: 400, 416, 420, 483) and hands it to the registrar or the proxy.
    /// </summary>
    public sealed class CoreElement : SipElement, ICoreRuntime
    {
        private readonly CoreSettings _settings;
        private readonly ILoggerFactory _loggerFactory;
        private readonly TimeProvider _time;
        private readonly IUserDirectory _users;
        private readonly DigestAuthenticator _authenticator;
        private readonly LocationService _location;
        private readonly LoopTimers _timers;
        private readonly SipRequestValidator _proxyValidator = new() { ActsAsProxy = true, SupportedSchemes = ["sip", "sips"] };
        private readonly SipRequestValidator _registrarValidator = new() { SupportedSchemes = ["sip", "sips"] };
        private IRegistrar? _registrar;
        private int _disposed;
        private IProxy? _proxy;
        private CoreAddress? _self;

        /// <summary>Creates the Core; nothing is bound or loaded until it starts.</summary>
        /// <param name="settings">The checked Core options and the domain.</param>
        /// <param name="users">The user store (digest HA1 values, who exists).</param>
        /// <param name="bindings">The binding store behind the location service.</param>
        /// <param name="dataDirectory">Where the nonce secret file lives.</param>
        /// <param name="loggerFactory">Logging.</param>
        /// <param name="time">The clock for expiries and nonces (the system clock when null).</param>
        public CoreElement(CoreSettings settings, IUserStore users, IBindingStore bindings, string dataDirectory, ILoggerFactory loggerFactory, TimeProvider? time = null)
            : base("core", TransportOptions(settings), loggerFactory.CreateLogger<CoreElement>(), TransactionSettings(settings))
        {
            _settings = settings;
            _loggerFactory = loggerFactory;
            _time = time ?? TimeProvider.System;
            var options = settings.Options;
            _users = new CachedUserDirectory(users, TimeSpan.FromSeconds(options.Authentication.UserCacheSeconds), _time);
            byte[] secret = NonceSecret.LoadOrCreate(Path.Combine(dataDirectory, options.Authentication.SecretFile));
            _authenticator = new DigestAuthenticator(
                settings.Domain, secret, _users, TimeSpan.FromSeconds(options.Authentication.NonceLifetimeSeconds), options.Authentication.NonceCapacity, _time);
            _location = new LocationService(bindings, options.Registrar.MaxCommitBatch, options.Registrar.FlushEachCommit, work => Loop.Post(work), _time, loggerFactory.CreateLogger<LocationService>());
            _timers = new LoopTimers(work => Loop.Post(work));
        }

        /// <summary>The location service (for the dashboard and tests): read it on the loop.</summary>
        public ILocationService Location => _location;

        /// <inheritdoc/>
        public string Host => Transport.AdvertisedHost;

        /// <inheritdoc/>
        public int Port => Transport.AdvertisedPort;

        /// <summary>The SIP domain this Core serves.</summary>
        public string Domain => _settings.Domain;

        /// <inheritdoc/>
        public override void OnRequest(SipServerTransaction transaction, SipMessage request)
        {
            if (_registrar is null || _proxy is null || _self is null)
            {
                transaction.Respond(503, "Service Unavailable: starting");
                return;
            }

            if (request.Method == SipMethods.Cancel)
            {
                // Only INVITE can be cancelled, and this Core relays no INVITE.
                transaction.Respond(481, "Call/Transaction Does Not Exist");
                return;
            }

            bool forRegistrar = request.Method == SipMethods.Register && SipUri.TryParse(request.RequestUri, out SipUri uri) && _self.IsSelf(uri);
            SipValidationResult check = (forRegistrar ? _registrarValidator : _proxyValidator).Validate(request);
            if (!check.IsValid)
            {
                SipMessage error = transaction.CreateResponse(check.StatusCode, check.ReasonPhrase);
                if (check.HeaderName is not null)
                {
                    error.Headers.Add(check.HeaderName, check.HeaderValue);
                }

                transaction.SendResponse(error);
                return;
            }

            if (forRegistrar)
            {
                _registrar.OnRegister(transaction, request);
            }
            else
            {
                _proxy.OnRequest(transaction, request);
            }
        }

        /// <inheritdoc/>
        public override async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _timers.Dispose();
            await base.DisposeAsync();
            await _location.DisposeAsync();
        }

        /// <inheritdoc/>
        void ICoreRuntime.Post(Action work) => Loop.Post(work);

        /// <inheritdoc/>
        void ICoreRuntime.ContinueOnLoop<T>(ValueTask<T> task, Action<T> onResult, Action<Exception> onError)
        {
            if (task.IsCompletedSuccessfully)
            {
                onResult(task.Result);
                return;
            }

            Task<T> pending = task.AsTask();
            pending.ContinueWith(
                t => Loop.Post(() =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        onResult(t.Result);
                    }
                    else
                    {
                        onError(t.Exception?.GetBaseException() ?? new TaskCanceledException());
                    }
                }),
                TaskScheduler.Default);
        }

        /// <inheritdoc/>
        LoopTimer ICoreRuntime.StartTimer(TimeSpan delay, Action action) => _timers.Start(delay, action);

        /// <inheritdoc/>
        SipClientTransaction ICoreRuntime.SendRequest(SipMessage request, SipEndPoint destination, ISipClientTransactionUser user, string? branch) =>
            SendRequest(request, destination, user, branch!);

        /// <inheritdoc/>
        string ICoreRuntime.NewTag() => Layer.NewTag() + Layer.NewTag().Substring(0, 4);

        /// <inheritdoc/>
        protected override void OnStarted()
        {
            // The loop runs this before any request: the table is complete when the first REGISTER is handled.
            try
            {
                _location.LoadAsync().GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                Logger.LogError(e, "Could not load the registrations from storage; starting with none");
            }

            _self = new CoreAddress(_settings.Domain, Host, Port);
            var thirdParty = new ThirdPartyRegistrar(
                this, _settings.ApplicationServers, TimeSpan.FromMilliseconds(_settings.Options.ThirdPartyRegistrationTimeoutMilliseconds), _loggerFactory.CreateLogger<ThirdPartyRegistrar>());
            _registrar = new Registrar.Registrar(this, _authenticator, _location, thirdParty, _settings.Options.Registrar, _settings.Domain, _time, _loggerFactory.CreateLogger<Registrar.Registrar>());
            _proxy = new StatefulProxy(
                this, _self, _authenticator, _users, _location, new FilterCriteriaTable(_settings.FilterCriteria), _settings.Trusted,
                _settings.Options.Proxy, _settings.RecordRouteMethods, _loggerFactory.CreateLogger<StatefulProxy>());
            SchedulePurge();
            Logger.LogInformation(
                "Core for {Domain} at {Address}: {Bindings} registered contacts loaded, {Servers} application servers, {Criteria} filter criteria",
                _settings.Domain, _self.HostPort, _location.Count, _settings.ApplicationServers.Count, _settings.FilterCriteria.Count);
        }

        // Completed transactions keep only their final response: at thousands of requests per second, Timer J's
        // 32 s of retained requests would be most of the heap.
        private static SipTransactionSettings TransactionSettings(CoreSettings settings) => new()
        {
            MaxTransactions = settings.Options.MaxTransactions,
            ReleaseCompletedRequests = true,
            TimerJMilliseconds = settings.Options.CompletedTransactionMilliseconds,
        };

        private static SipTransportOptions TransportOptions(CoreSettings settings) => new()
        {
            ListenAddress = settings.Options.Address,
            Port = settings.Options.Port,
            Udp = settings.Options.Udp,
            Tcp = settings.Options.Tcp,
            RequestsPerSecondPerSource = settings.Options.RequestsPerSecondPerSource,
        };

        private void SchedulePurge()
        {
            _timers.Start(TimeSpan.FromSeconds(_settings.Options.Registrar.PurgeIntervalSeconds), () =>
            {
                int purged = _location.PurgeExpired();
                if (purged > 0)
                {
                    Logger.LogDebug("Purged {Count} expired contacts", purged);
                }

                SchedulePurge();
            });
        }
    }
}
