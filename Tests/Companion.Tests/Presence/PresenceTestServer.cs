using System;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Presence;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Support;
using SimpleImGateway.Companion.Tests.TestSupport;
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Tests.Presence
{
    /// <summary>
    /// A Presence Server on a loopback port over a SQLite file of its own, with short timers for tests, and the
    /// requests the tests send it (third-party REGISTER, PUBLISH, SUBSCRIBE). <see cref="RestartAsync"/> stops
    /// it and starts a new element on the same database and port, as a process restart would.
    /// </summary>
    internal sealed class PresenceTestServer : IAsyncDisposable
    {
        public const string Domain = "simpleim.test";
        public const string Bob = "sip:bob@simpleim.test";
        public const string Tom = "sip:tom@simpleim.test";
        public const string Ann = "sip:ann@simpleim.test";
        public const string ImServer = "sip:im-server@simpleim.test";

        private readonly SqliteTestDatabase _database;
        private readonly PresenceOptions _options;
        private IStorageProvider _storage;

        private readonly int _t1;

        private PresenceTestServer(SqliteTestDatabase database, IStorageProvider storage, PresenceOptions options, int t1, PresenceElement element)
        {
            _database = database;
            _storage = storage;
            _options = options;
            _t1 = t1;
            Element = element;
        }

        public PresenceElement Element { get; private set; }

        public IPresenceStore Store => _storage.Presence;

        public SqliteTestDatabase Database => _database;

        public IPEndPoint EndPoint => new(IPAddress.Loopback, Element.Transport.AdvertisedPort);

        /// <summary>
        /// Starts a server; <paramref name="t1Milliseconds"/> scales the NOTIFY timeout (64 T1): short enough for a
        /// timeout test, long enough that a loaded machine does not time out answered NOTIFYs.
        /// </summary>
        public static async Task<PresenceTestServer> StartAsync(Action<PresenceOptions>? configure = null, int t1Milliseconds = 100)
        {
            var database = new SqliteTestDatabase();
            IStorageProvider storage = database.OpenProvider();
            await storage.MigrateAsync();
            var options = new PresenceOptions
            {
                Port = 0,
                MinExpires = 1,
                MaxExpires = 3600,
                DefaultExpires = 3600,
                RulePollMilliseconds = 100,
            };
            configure?.Invoke(options);
            PresenceElement element = await StartElementAsync(options, storage, t1Milliseconds);
            options.Port = element.Transport.AdvertisedPort;
            return new PresenceTestServer(database, storage, options, t1Milliseconds, element);
        }

        public async Task RestartAsync(TimeSpan? downtime = null)
        {
            await Element.DisposeAsync();
            await _storage.DisposeAsync();
            if (downtime is { } pause)
            {
                await Task.Delay(pause);
            }

            _storage = _database.OpenProvider();
            await _storage.MigrateAsync();
            Element = await StartElementAsync(_options, _storage, _t1);
        }

        public async ValueTask DisposeAsync()
        {
            await Element.DisposeAsync();
            await _storage.DisposeAsync();
            await _database.DisposeAsync();
        }

        /// <summary>A third-party REGISTER as the Core sends it, from <paramref name="core"/>.</summary>
        public async Task<SipMessage> RegisterAsync(TestUserAgent core, string aor, int expires)
        {
            SipMessage register = core.CreateRequest(SipMethods.Register, $"sip:{EndPoint}", to: aor);
            register.Headers.Set(SipHeaderNames.From, $"<{aor}>;tag=core{Guid.NewGuid():N}");
            register.Headers.Set(SipHeaderNames.Contact, $"<sip:{core.HostPort}>");
            register.Headers.Add(SipHeaderNames.Expires, expires.ToString());
            return await core.SendAsync(register, EndPoint);
        }

        public static byte[] Pidf(string entity, bool open, string tupleId = "t1", string? note = null)
        {
            PresenceDocument document = PresenceDocument.CreateForDevice(entity, tupleId, open, open, null, note);
            return PidfWriter.Write(document);
        }

        public SipMessage CreatePublish(TestUserAgent ua, byte[]? body, int? expires = 600, string? ifMatch = null, string contentType = "application/pidf+xml", string eventType = "presence")
        {
            SipMessage publish = ua.CreateRequest(SipMethods.Publish, ua.Aor);
            publish.Headers.Add(SipHeaderNames.Event, eventType);
            if (expires is { } e)
            {
                publish.Headers.Add(SipHeaderNames.Expires, e.ToString());
            }

            if (ifMatch is not null)
            {
                publish.Headers.Add(SipHeaderNames.SipIfMatch, ifMatch);
            }

            if (body is not null)
            {
                publish.Headers.Add(SipHeaderNames.ContentType, contentType);
                publish.Body = body;
            }

            return publish;
        }

        public Task<SipMessage> PublishAsync(TestUserAgent ua, byte[]? body, int? expires = 600, string? ifMatch = null) =>
            ua.SendAsync(CreatePublish(ua, body, expires, ifMatch), EndPoint);

        public static SipMessage CreateSubscribe(TestUserAgent watcher, string resource, string eventType = "presence", int? expires = 600)
        {
            SipMessage subscribe = watcher.CreateRequest(SipMethods.Subscribe, resource);
            subscribe.Headers.Add(SipHeaderNames.Event, eventType);
            if (expires is { } e)
            {
                subscribe.Headers.Add(SipHeaderNames.Expires, e.ToString());
            }

            return subscribe;
        }

        /// <summary>Subscribes and returns the SUBSCRIBE, its response and the first NOTIFY (null when the response is not 2xx).</summary>
        public async Task<(SipMessage Subscribe, SipMessage Response, SipMessage? Notify)> SubscribeAsync(TestUserAgent watcher, string resource, string eventType = "presence", int? expires = 600)
        {
            SipMessage subscribe = CreateSubscribe(watcher, resource, eventType, expires);
            SipMessage response = await watcher.SendAsync(subscribe, EndPoint);
            SipMessage? notify = response.StatusCode < 300 ? await watcher.NextRequestAsync(SipMethods.Notify) : null;
            return (subscribe, response, notify);
        }

        public static string Text(SipMessage message) => Encoding.UTF8.GetString(message.Body);

        public static PresenceDocument Document(SipMessage notify) => PidfReader.Parse(notify.Body, 0, notify.Body.Length);

        public static bool IsOpen(SipMessage notify)
        {
            PresenceDocument document = Document(notify);
            for (int i = 0; i < document.TupleCount; i++)
            {
                if (document.GetTuple(i).Basic == BasicStatus.Open)
                {
                    return true;
                }
            }

            return false;
        }

        public static SubscriptionStateHeader State(SipMessage notify) =>
            SubscriptionStateHeader.Parse(notify.Headers.Get(SipHeaderNames.SubscriptionState)!);

        public Task<int> SubscriptionCountAsync() => Element.Loop.InvokeAsync(() => Element.Notifier.Count);

        private static async Task<PresenceElement> StartElementAsync(PresenceOptions options, IStorageProvider storage, int t1Milliseconds)
        {
            ILogger logger = Environment.GetEnvironmentVariable("SIMPLEIM_TEST_LOG") == "1"
                ? LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug)).CreateLogger("presence")
                : NullLogger.Instance;
            var settings = new SipTransactionSettings { T1Milliseconds = t1Milliseconds, MaxTransactions = 10_000 };
            var element = new PresenceElement(options, Domain, storage.Presence, logger, TimeProvider.System, settings);
            element.Start();
            await element.Ready.WaitAsync(TimeSpan.FromSeconds(10));
            return element;
        }
    }
}
