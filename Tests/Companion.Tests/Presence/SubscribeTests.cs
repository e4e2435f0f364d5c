using System;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.TestSupport;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using static SimpleImGateway.Companion.Tests.Presence.PresenceTestServer;

namespace SimpleImGateway.Companion.Tests.Presence
{
    /// <summary>SUBSCRIBE/NOTIFY for Event: presence (RFC 6665, RFC 3856) through real loopback sockets.</summary>
    [TestClass]
    public sealed class SubscribeTests
    {
        private PresenceTestServer _server = null!;
        private TestUserAgent _bob = null!;
        private TestUserAgent _im = null!;

        [TestInitialize]
        public async Task StartAsync()
        {
            _server = await PresenceTestServer.StartAsync();
            _bob = TestUserAgent.Start(Bob);
            _im = TestUserAgent.Start(ImServer);
        }

        [TestCleanup]
        public async Task StopAsync()
        {
            await _bob.DisposeAsync();
            await _im.DisposeAsync();
            await _server.DisposeAsync();
        }

        [TestMethod]
        public async Task Subscribe_New_200WithToTagExpiresContactThenImmediateNotify()
        {
            var (subscribe, response, notify) = await _server.SubscribeAsync(_im, Bob, expires: 600);

            Assert.AreEqual(200, response.StatusCode, response.ReasonPhrase);
            Assert.IsNotNull(NameAddress.Parse(response.Headers.Get(SipHeaderNames.To)!).Tag);
            Assert.AreEqual("600", response.Headers.Get(SipHeaderNames.Expires));
            Assert.AreEqual($"<sip:{_server.EndPoint}>", response.Headers.Get(SipHeaderNames.Contact));
            Assert.IsNotNull(notify);
            Assert.AreEqual(_im.ContactUri, notify.RequestUri);
            Assert.AreEqual(subscribe.CallId, notify.CallId);
            Assert.AreEqual(NameAddress.Parse(response.Headers.Get(SipHeaderNames.To)!).Tag, NameAddress.Parse(notify.Headers.Get(SipHeaderNames.From)!).Tag);
            Assert.AreEqual(NameAddress.Parse(subscribe.Headers.Get(SipHeaderNames.From)!).Tag, NameAddress.Parse(notify.Headers.Get(SipHeaderNames.To)!).Tag);
            Assert.AreEqual("presence", notify.Headers.Get(SipHeaderNames.Event));
            Assert.AreEqual("application/pidf+xml", notify.Headers.Get(SipHeaderNames.ContentType));
            SubscriptionStateHeader state = State(notify);
            Assert.IsTrue(state.IsActive);
            Assert.IsTrue(state.Expires is > 595 and <= 600, state.ToString());
        }

        [TestMethod]
        public async Task Subscribe_NothingPublished_NotifyIsClosed()
        {
            await _server.RegisterAsync(_bob, Bob, 600);

            var (_, _, notify) = await _server.SubscribeAsync(_im, Bob);

            Assert.AreEqual(Bob, Document(notify!).Entity);
            Assert.IsFalse(IsOpen(notify!));
        }

        [TestMethod]
        public async Task Subscribe_PublishedOpenButNotRegistered_NotifyIsClosed()
        {
            await _server.PublishAsync(_bob, Pidf(Bob, open: true));

            var (_, _, notify) = await _server.SubscribeAsync(_im, Bob);

            Assert.IsFalse(IsOpen(notify!));
        }

        [TestMethod]
        public async Task Subscribe_PublishedOpenAndRegistered_NotifyCarriesThePublishedState()
        {
            await _server.RegisterAsync(_bob, Bob, 600);
            await _server.PublishAsync(_bob, Pidf(Bob, open: true, note: "at my desk"));

            var (_, _, notify) = await _server.SubscribeAsync(_im, Bob);

            Assert.IsTrue(IsOpen(notify!));
            Assert.IsTrue(Document(notify!).IsAvailableForIm);
            StringAssert.Contains(Text(notify!), "at my desk");
        }

        [TestMethod]
        public async Task Publish_EveryActiveWatcherGetsANotify()
        {
            await _server.RegisterAsync(_bob, Bob, 600);
            await using TestUserAgent tom = TestUserAgent.Start(Tom);
            await using TestUserAgent ann = TestUserAgent.Start(Ann);
            await _server.Element.SetWatcherRuleAsync(Bob, Tom, WatcherDecision.Allow);
            await _server.Element.SetWatcherRuleAsync(Bob, Ann, WatcherDecision.Allow);
            foreach (TestUserAgent watcher in new[] { _im, tom, ann })
            {
                var (_, _, first) = await _server.SubscribeAsync(watcher, Bob);
                Assert.IsFalse(IsOpen(first!));
            }

            await _server.PublishAsync(_bob, Pidf(Bob, open: true));

            foreach (TestUserAgent watcher in new[] { _im, tom, ann })
            {
                SipMessage notify = await watcher.NextRequestAsync(SipMethods.Notify);
                Assert.IsTrue(IsOpen(notify), watcher.Aor);
                Assert.AreEqual("2 NOTIFY", notify.Headers.Get(SipHeaderNames.CSeq));
            }
        }

        [TestMethod]
        public async Task Refresh_InDialog_200WithNewExpiresAndANotify()
        {
            var (subscribe, response, _) = await _server.SubscribeAsync(_im, Bob, expires: 600);
            SipMessage refresh = _im.CreateInDialogRequest(subscribe, response, SipMethods.Subscribe);
            refresh.Headers.Add(SipHeaderNames.Event, "presence");
            refresh.Headers.Add(SipHeaderNames.Expires, "1200");

            SipMessage refreshed = await _im.SendAsync(refresh, _server.EndPoint);

            Assert.AreEqual(200, refreshed.StatusCode, refreshed.ReasonPhrase);
            Assert.AreEqual("1200", refreshed.Headers.Get(SipHeaderNames.Expires));
            SipMessage notify = await _im.NextRequestAsync(SipMethods.Notify);
            Assert.IsTrue(State(notify).IsActive);
            Assert.IsTrue(State(notify).Expires > 1195);
        }

        [TestMethod]
        public async Task Unsubscribe_ExpiresZero_FinalNotifyTerminatedAndSubscriptionGone()
        {
            var (subscribe, response, _) = await _server.SubscribeAsync(_im, Bob);
            SipMessage unsubscribe = _im.CreateInDialogRequest(subscribe, response, SipMethods.Subscribe);
            unsubscribe.Headers.Add(SipHeaderNames.Event, "presence");
            unsubscribe.Headers.Add(SipHeaderNames.Expires, "0");

            SipMessage answer = await _im.SendAsync(unsubscribe, _server.EndPoint);

            Assert.AreEqual(200, answer.StatusCode);
            Assert.AreEqual("0", answer.Headers.Get(SipHeaderNames.Expires));
            SipMessage final = await _im.NextRequestAsync(SipMethods.Notify);
            Assert.AreEqual("terminated;reason=timeout", final.Headers.Get(SipHeaderNames.SubscriptionState));
            Assert.AreEqual("application/pidf+xml", final.Headers.Get(SipHeaderNames.ContentType));
            Assert.AreEqual(0, await _server.SubscriptionCountAsync());
            await _server.Element.FlushAsync();
            Assert.AreEqual(0, (await _server.Store.ListAllSubscriptionsAsync(DateTimeOffset.UtcNow)).Count);

            SipMessage again = _im.CreateInDialogRequest(subscribe, response, SipMethods.Subscribe);
            again.Headers.Add(SipHeaderNames.Event, "presence");
            Assert.AreEqual(481, (await _im.SendAsync(again, _server.EndPoint)).StatusCode);
        }

        [TestMethod]
        public async Task Fetch_ExpiresZero_OneTerminatedNotifyWithStateAndNoSubscription()
        {
            await _server.RegisterAsync(_bob, Bob, 600);
            await _server.PublishAsync(_bob, Pidf(Bob, open: true));

            var (_, response, notify) = await _server.SubscribeAsync(_im, Bob, expires: 0);

            Assert.AreEqual(200, response.StatusCode);
            Assert.AreEqual("terminated;reason=timeout", notify!.Headers.Get(SipHeaderNames.SubscriptionState));
            Assert.IsTrue(IsOpen(notify));
            Assert.AreEqual(0, await _server.SubscriptionCountAsync());
            await _server.PublishAsync(_bob, Pidf(Bob, open: false));
            Assert.IsNull(await _im.TryNextRequestAsync(SipMethods.Notify, TimeSpan.FromMilliseconds(300)));
        }

        [TestMethod]
        public async Task Subscription_Expires_FinalNotifyTerminatedTimeout()
        {
            var (_, _, first) = await _server.SubscribeAsync(_im, Bob, expires: 1);
            Assert.IsTrue(State(first!).IsActive);

            SipMessage final = await _im.NextRequestAsync(SipMethods.Notify);

            Assert.AreEqual("terminated;reason=timeout", final.Headers.Get(SipHeaderNames.SubscriptionState));
            Assert.AreEqual(0, await _server.SubscriptionCountAsync());
        }

        [TestMethod]
        public async Task Notify_Answered481_SubscriptionRemoved()
        {
            await _server.RegisterAsync(_bob, Bob, 600);
            await _server.SubscribeAsync(_im, Bob);
            _im.Answer = _ => 481;

            await _server.PublishAsync(_bob, Pidf(Bob, open: true));
            await _im.NextRequestAsync(SipMethods.Notify);

            await WaitForAsync(async () => await _server.SubscriptionCountAsync() == 0);
            _im.Answer = _ => 200;
            await _server.PublishAsync(_bob, Pidf(Bob, open: false, tupleId: "t2"));
            Assert.IsNull(await _im.TryNextRequestAsync(SipMethods.Notify, TimeSpan.FromMilliseconds(300)));
            await _server.Element.FlushAsync();
            Assert.AreEqual(0, (await _server.Store.ListAllSubscriptionsAsync(DateTimeOffset.UtcNow)).Count);
        }

        [TestMethod]
        public async Task Notify_TimesOut_SubscriptionRemoved()
        {
            await using PresenceTestServer server = await PresenceTestServer.StartAsync(t1Milliseconds: 25);
            await server.RegisterAsync(_bob, Bob, 600);
            await server.SubscribeAsync(_im, Bob);
            _im.Answer = _ => 0;

            await server.PublishAsync(_bob, Pidf(Bob, open: true));

            // Timer F is 64*T1 = 1.6 s with T1 = 25 ms; meanwhile the NOTIFY is retransmitted.
            await WaitForAsync(async () => await server.SubscriptionCountAsync() == 0, TimeSpan.FromSeconds(6));
            Assert.IsTrue(_im.Pending(SipMethods.Notify) > 2, "the unanswered NOTIFY is retransmitted over UDP");
        }

        [TestMethod]
        public async Task InDialogSubscribe_UnknownDialog_481()
        {
            SipMessage subscribe = CreateSubscribe(_im, Bob);
            subscribe.Headers.Set(SipHeaderNames.To, $"<{Bob}>;tag=nosuchtag");

            Assert.AreEqual(481, (await _im.SendAsync(subscribe, _server.EndPoint)).StatusCode);
        }

        [TestMethod]
        public async Task Subscribe_UnknownEvent_489WithAllowEvents()
        {
            SipMessage response = await _im.SendAsync(CreateSubscribe(_im, Bob, eventType: "dialog"), _server.EndPoint);

            Assert.AreEqual(489, response.StatusCode);
            CollectionAssert.AreEqual(new[] { "presence", "reg" }, response.Headers.GetAll(SipHeaderNames.AllowEvents));
        }

        [TestMethod]
        public async Task Subscribe_WithoutContact_400()
        {
            SipMessage subscribe = CreateSubscribe(_im, Bob);
            subscribe.Headers.Remove(SipHeaderNames.Contact);

            Assert.AreEqual(400, (await _im.SendAsync(subscribe, _server.EndPoint)).StatusCode);
        }

        [TestMethod]
        public async Task Subscribe_ExpiresBelowMin_423WithMinExpires()
        {
            await using PresenceTestServer server = await PresenceTestServer.StartAsync(o => o.MinExpires = 60);

            SipMessage response = await _im.SendAsync(CreateSubscribe(_im, Bob, expires: 10), server.EndPoint);

            Assert.AreEqual(423, response.StatusCode);
            Assert.AreEqual("60", response.Headers.Get(SipHeaderNames.MinExpires));
        }

        [TestMethod]
        public async Task Subscribe_AcceptWithoutPidf_406()
        {
            SipMessage subscribe = CreateSubscribe(_im, Bob);
            subscribe.Headers.Add(SipHeaderNames.Accept, "application/xpidf+xml");

            Assert.AreEqual(406, (await _im.SendAsync(subscribe, _server.EndPoint)).StatusCode);
        }

        [TestMethod]
        public async Task Subscribe_ViaTheCore_ResponseToTheCoreAndNotifyRoutedThroughItToTheContact()
        {
            await using TestUserAgent core = TestUserAgent.Start("sip:core@simpleim.test");
            SipMessage subscribe = CreateSubscribe(_im, Bob);
            _im.AddVia(subscribe);
            subscribe.RequestUri = $"sip:bob@{_server.EndPoint}";
            subscribe.Headers.AddFirst(SipHeaderNames.RecordRoute, $"<sip:{core.HostPort};lr>");

            SipMessage response = await core.SendAsync(subscribe, _server.EndPoint);

            Assert.AreEqual(200, response.StatusCode, response.ReasonPhrase);
            Assert.AreEqual($"<sip:{core.HostPort};lr>", response.Headers.Get(SipHeaderNames.RecordRoute));
            Assert.AreEqual(2, response.Headers.CountOf(SipHeaderNames.Via));
            SipMessage notify = await core.NextRequestAsync(SipMethods.Notify);
            Assert.AreEqual(_im.ContactUri, notify.RequestUri);
            Assert.AreEqual($"<sip:{core.HostPort};lr>", notify.Headers.Get(SipHeaderNames.Route));
            Assert.AreEqual($"<{Bob}>", notify.Headers.Get(SipHeaderNames.From)!.Split(';')[0]);
            Assert.AreEqual(0, _im.Pending(SipMethods.Notify));
        }

        internal static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
        {
            DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
            while (!await condition())
            {
                if (DateTime.UtcNow > deadline)
                {
                    Assert.Fail("condition not met in time");
                }

                await Task.Delay(20);
            }
        }
    }
}
