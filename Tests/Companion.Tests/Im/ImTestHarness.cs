using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Im;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Support;
using SimpleImGateway.Companion.Tests.TestSupport;
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Tests.Im
{
    /// <summary>
    /// An IM Server on loopback with its own database (SQLite unless one is given), and two test UAs: <see cref="Core"/> stands in for
    /// the SIP/IP Core and the Presence Server behind it (it sends the third-party REGISTERs and NOTIFYs, and gets
    /// the IM Server's SUBSCRIBEs and deliveries, since those all go to the configured Core address), and
    /// <see cref="Tom"/> sends MESSAGEs as they would arrive from the Core.
    /// </summary>
    internal sealed class ImTestHarness : IAsyncDisposable
    {
        public const string Domain = "simpleim.test";
        public const string Bob = "sip:bob@simpleim.test";
        public const string Tom = "sip:tom@simpleim.test";
        public const string Alice = "sip:alice@simpleim.test";

        private readonly bool _ownsDatabase;

        private ImTestHarness(TestDatabase database, bool ownsDatabase, IStorageProvider provider, PagerTestUserAgent core, PagerTestUserAgent tom, ImOptions options, TimeProvider? time)
        {
            Database = database;
            _ownsDatabase = ownsDatabase;
            Provider = provider;
            Core = core;
            TomUa = tom;
            Options = options;
            Time = time;
        }

        public TestDatabase Database { get; }

        public IStorageProvider Provider { get; }

        /// <summary>The stand-in for the Core and the Presence Server.</summary>
        public PagerTestUserAgent Core { get; }

        /// <summary>A sender whose MESSAGEs reach the IM Server as if routed by the Core.</summary>
        public PagerTestUserAgent TomUa { get; }

        public ImOptions Options { get; }

        public TimeProvider? Time { get; }

        public ImElement Element { get; private set; } = null!;

        public IPEndPoint ImEndPoint => new(IPAddress.Loopback, Options.Port);

        public IMessageStore Messages => Provider.Messages;

        /// <summary>Starts an IM Server whose Core is a test UA; <paramref name="configure"/> adjusts the options first.</summary>
        public static async Task<ImTestHarness> StartAsync(Action<ImOptions>? configure = null, TimeProvider? time = null, TestDatabase? database = null)
        {
            bool owns = database is null;
            database ??= new SqliteTestDatabase();
            IStorageProvider provider = database.OpenProvider();
            await provider.MigrateAsync();
            foreach (string user in new[] { "bob", "tom", "alice" })
            {
                await provider.Users.AddAsync(new UserAccount(user, Domain, new string('0', 32), new string('0', 64), DateTimeOffset.UtcNow));
            }

            PagerTestUserAgent core = PagerTestUserAgent.Start();
            PagerTestUserAgent tom = PagerTestUserAgent.Start();
            var options = new ImOptions
            {
                Port = FreePorts.Next(),
                CorePort = core.Port,
                RetryInitialDelay = TimeSpan.FromMilliseconds(200),
                RetryMaxDelay = TimeSpan.FromSeconds(2),
            };
            configure?.Invoke(options);
            var harness = new ImTestHarness(database, owns, provider, core, tom, options, time);
            await harness.StartElementAsync();
            return harness;
        }

        /// <summary>Starts a (new) IM Server element on the same port, database and stand-ins, and waits until it is ready.</summary>
        public async Task StartElementAsync()
        {
            Element = new ImElement(Options, new SipOptions { Domain = Domain }, Provider.Messages, Provider.Users, NullLogger<ImElement>.Instance, Time);
            Element.Start();
            await Element.Ready.WaitAsync(TimeSpan.FromSeconds(10));
        }

        /// <summary>Stops the element without waiting for anything it still had to do.</summary>
        public async Task StopElementAsync() => await Element.DisposeAsync();

        /// <summary>The Core's third-party REGISTER of <paramref name="aor"/>; returns the answer.</summary>
        public async Task<SipMessage> SendRegisterAsync(string aor, long expires)
        {
            SipMessage register = Core.CreateRequest(SipMethods.Register, "sip:127.0.0.1:" + Options.Port, aor, aor);
            register.Headers.Add(SipHeaderNames.Contact, "<sip:" + Core.HostPort + ">");
            register.Headers.Add(SipHeaderNames.Expires, expires.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return await Core.SendRequestAsync(register, ImEndPoint);
        }

        /// <summary>
        /// Registers <paramref name="aor"/> at the IM Server, accepts the presence SUBSCRIBE that follows and, when
        /// <paramref name="available"/> is given, sends the first NOTIFY with that state.
        /// </summary>
        public async Task<StandInSubscription> RegisterAsync(string aor, bool? available, long expires = 3600)
        {
            SipMessage answer = await SendRegisterAsync(aor, expires);
            Assert.AreEqual(200, answer.StatusCode, answer.ToString());
            StandInSubscription subscription = await AcceptSubscriptionAsync(aor);
            if (available is { } state)
            {
                SipMessage notifyAnswer = await subscription.NotifyAsync(state);
                Assert.AreEqual(200, notifyAnswer.StatusCode, notifyAnswer.ToString());
            }

            return subscription;
        }

        /// <summary>Takes the IM Server's SUBSCRIBE for <paramref name="aor"/> and answers it 200 as the Presence Server would.</summary>
        public async Task<StandInSubscription> AcceptSubscriptionAsync(string aor, string package = "presence", int grantedExpires = 3600)
        {
            SipMessage subscribe = await Core.ReceiveRequestAsync(
                SipMethods.Subscribe,
                m => m.RequestUri == aor && m.Headers.Get(SipHeaderNames.Event) == package);
            string tag = PagerTestUserAgent.NewToken();
            Core.Respond(subscribe, 200, "OK", r =>
            {
                r.Headers.Add(SipHeaderNames.Expires, grantedExpires.ToString(System.Globalization.CultureInfo.InvariantCulture));
                r.Headers.Add(SipHeaderNames.Contact, "<sip:presence@" + Core.HostPort + ">");
            }, tag);
            return new StandInSubscription(this, subscribe, tag, package);
        }

        /// <summary>Sends a MESSAGE from Tom's UA and returns the final answer.</summary>
        public async Task<SipMessage> SendMessageAsync(string to, string text, Action<SipMessage>? customize = null, string from = Tom)
        {
            SipMessage message = CreateMessage(to, text, from);
            customize?.Invoke(message);
            return await TomUa.SendRequestAsync(message, ImEndPoint);
        }

        public SipMessage CreateMessage(string to, string text, string from = Tom)
        {
            SipMessage message = TomUa.CreateRequest(SipMethods.Message, to, "\"Tom\" <" + from + ">", to);
            message.Headers.Add(SipHeaderNames.ContentType, "text/plain;charset=UTF-8");
            message.Body = Encoding.UTF8.GetBytes(text);
            return message;
        }

        /// <summary>Waits for the IM Server's next MESSAGE at the Core stand-in.</summary>
        public Task<SipMessage> ExpectDeliveryAsync(TimeSpan? timeout = null) => Core.ReceiveRequestAsync(SipMethods.Message, timeout: timeout);

        /// <summary>Asserts that no MESSAGE reaches the Core stand-in within <paramref name="window"/>.</summary>
        public async Task ExpectNoDeliveryAsync(TimeSpan window)
        {
            SipMessage? delivery = await Core.TryReceiveAsync(m => m.IsRequest && m.Method == SipMethods.Message, window);
            Assert.IsNull(delivery, "unexpected delivery: " + delivery);
        }

        public async Task<string[]> StoredTextsAsync(string aor)
        {
            var texts = new List<string>();
            foreach (DeferredMessage message in await Messages.ListAsync(aor))
            {
                texts.Add(Encoding.UTF8.GetString(message.Body));
            }

            return texts.ToArray();
        }

        /// <summary>Polls until <paramref name="condition"/> holds; fails after <paramref name="timeout"/>.</summary>
        public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
        {
            DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
            while (!await condition())
            {
                if (DateTime.UtcNow > deadline)
                {
                    Assert.Fail("timed out waiting until " + what);
                }

                await Task.Delay(20);
            }
        }

        public static string TextOf(SipMessage message) => Encoding.UTF8.GetString(message.Body);

        public async ValueTask DisposeAsync()
        {
            await Element.DisposeAsync();
            await Core.DisposeAsync();
            await TomUa.DisposeAsync();
            await Provider.DisposeAsync();
            if (_ownsDatabase)
            {
                await Database.DisposeAsync();
            }
        }

        /// <summary>A PIDF document for <paramref name="aor"/>: open and available for IM, or closed.</summary>
        public static byte[] Pidf(string aor, bool available) =>
            PidfWriter.Write(PresenceDocument.CreateForDevice(aor, "t1", available, available, null, null));
    }
}
