using System;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Presence.Events;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.TestSupport;
using SimpleImGateway.Sip.Bodies.RegInfo;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using static SimpleImGateway.Companion.Tests.Presence.PresenceTestServer;

namespace SimpleImGateway.Companion.Tests.Presence
{
    /// <summary>State survives a restart: subscriptions continue and get the current state at once.</summary>
    [TestClass]
    public sealed class PersistenceTests
    {
        private PresenceTestServer _server = null!;
        private TestUserAgent _bob = null!;
        private TestUserAgent _tom = null!;
        private TestUserAgent _im = null!;

        [TestInitialize]
        public async Task StartAsync()
        {
            _server = await PresenceTestServer.StartAsync();
            _bob = TestUserAgent.Start(Bob);
            _tom = TestUserAgent.Start(Tom);
            _im = TestUserAgent.Start(ImServer);
        }

        [TestCleanup]
        public async Task StopAsync()
        {
            await _bob.DisposeAsync();
            await _tom.DisposeAsync();
            await _im.DisposeAsync();
            await _server.DisposeAsync();
        }

        [TestMethod]
        public async Task Restart_ActiveSubscriptionsContinueWithANotifyOfTheCurrentState()
        {
            await _server.RegisterAsync(_bob, Bob, 600);
            await _server.PublishAsync(_bob, Pidf(Bob, open: true));
            await _server.Element.SetWatcherRuleAsync(Bob, Tom, WatcherDecision.Allow);
            var (subscribe, response, first) = await _server.SubscribeAsync(_tom, Bob);
            long firstCSeq = CSeqHeader.Parse(first!.Headers.Get(SipHeaderNames.CSeq)!).Number;

            await _server.RestartAsync();

            SipMessage resumed = await _tom.NextRequestAsync(SipMethods.Notify);
            Assert.AreEqual(subscribe.CallId, resumed.CallId);
            Assert.AreEqual(first.Headers.Get(SipHeaderNames.From), resumed.Headers.Get(SipHeaderNames.From));
            Assert.IsTrue(CSeqHeader.Parse(resumed.Headers.Get(SipHeaderNames.CSeq)!).Number > firstCSeq);
            Assert.IsTrue(State(resumed).IsActive);
            Assert.IsTrue(IsOpen(resumed));

            SipMessage refresh = _tom.CreateInDialogRequest(subscribe, response, SipMethods.Subscribe);
            refresh.Headers.Add(SipHeaderNames.Event, "presence");
            Assert.AreEqual(200, (await _tom.SendAsync(refresh, _server.EndPoint)).StatusCode);
        }

        [TestMethod]
        public async Task Restart_PublicationETagStillRefreshable()
        {
            await _server.RegisterAsync(_bob, Bob, 600);
            string etag = (await _server.PublishAsync(_bob, Pidf(Bob, open: true))).Headers.Get(SipHeaderNames.SipETag)!;

            await _server.RestartAsync();

            SipMessage refresh = await _server.PublishAsync(_bob, null, ifMatch: etag);
            Assert.AreEqual(200, refresh.StatusCode, refresh.ReasonPhrase);
            var (_, _, notify) = await _server.SubscribeAsync(_im, Bob);
            Assert.IsTrue(IsOpen(notify!));
        }

        [TestMethod]
        public async Task Restart_PendingSubscriptionStaysPendingAndARuleActivatesIt()
        {
            await _server.RegisterAsync(_bob, Bob, 600);
            await _server.PublishAsync(_bob, Pidf(Bob, open: true));
            await _server.SubscribeAsync(_tom, Bob);

            await _server.RestartAsync();

            SipMessage resumed = await _tom.NextRequestAsync(SipMethods.Notify);
            Assert.IsTrue(State(resumed).IsPending);
            Assert.AreEqual(0, resumed.Body.Length);
            await _server.Element.SetWatcherRuleAsync(Bob, Tom, WatcherDecision.Allow);
            Assert.IsTrue(IsOpen(await _tom.NextRequestAsync(SipMethods.Notify)));
        }

        [TestMethod]
        public async Task Restart_RuleBlockedWhileDown_SubscriptionTerminatedRejected()
        {
            // Polling too slow to notice the change before the restart: only the reload can.
            await using PresenceTestServer server = await PresenceTestServer.StartAsync(o => o.RulePollMilliseconds = 600_000);
            await server.Element.SetWatcherRuleAsync(Bob, Tom, WatcherDecision.Allow);
            await server.SubscribeAsync(_tom, Bob);
            await server.Store.SetWatcherRuleAsync(new WatcherRule(Bob, Tom, WatcherDecision.Block));

            await server.RestartAsync();

            SipMessage notify = await _tom.NextRequestAsync(SipMethods.Notify);
            Assert.AreEqual("terminated;reason=rejected", notify.Headers.Get(SipHeaderNames.SubscriptionState));
            Assert.AreEqual(0, await server.SubscriptionCountAsync());
        }

        [TestMethod]
        public async Task Restart_RegSubscriptionGetsFullStateWithAHigherVersion()
        {
            await _server.RegisterAsync(_bob, Bob, 600);
            var (_, _, first) = await _server.SubscribeAsync(_im, Bob, eventType: "reg");
            long firstVersion = RegInfoReader.Parse(first!.Body, 0, first.Body.Length).Version;

            await _server.RestartAsync();

            SipMessage resumed = await _im.NextRequestAsync(SipMethods.Notify);
            RegInfoDocument document = RegInfoReader.Parse(resumed.Body, 0, resumed.Body.Length);
            Assert.AreEqual(RegInfoState.Full, document.State);
            Assert.IsTrue(document.Version > firstVersion);
            Assert.AreEqual(RegistrationState.Active, document.FindRegistration(Bob).State);
        }

        [TestMethod]
        public async Task Restart_ExpiredWhileDown_NotResumedAndPurged()
        {
            await _server.SubscribeAsync(_im, Bob, expires: 1);

            await _server.RestartAsync(downtime: TimeSpan.FromMilliseconds(1200));

            Assert.AreEqual(0, await _server.SubscriptionCountAsync());
            Assert.AreEqual(0, (await _server.Store.ListAllSubscriptionsAsync(DateTimeOffset.UtcNow.AddDays(-1))).Count);
            Assert.IsNull(await _im.TryNextRequestAsync(SipMethods.Notify, TimeSpan.FromMilliseconds(200)));
        }
    }
}
