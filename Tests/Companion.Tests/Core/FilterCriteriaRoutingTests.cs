using System;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Core.Configuration;
using SimpleImGateway.Companion.Tests.Core.Support;
using SimpleImGateway.Companion.Tests.Support;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Tests.Core
{
    /// <summary>
    /// Requests to local users through the default filter criteria, with UAs standing in for the Presence and IM
    /// Servers (trusted by their addresses): the seed's SUBSCRIBE, PUBLISH, NOTIFY and MESSAGE paths.
    /// </summary>
    [TestClass]
    public sealed class FilterCriteriaRoutingTests
    {
        private CoreHarness _core = null!;
        private TestUa _presence = null!;
        private TestUa _im = null!;

        [TestInitialize]
        public async Task StartAsync()
        {
            int presencePort = FreePorts.Next();
            int imPort = FreePorts.Next();
            _core = await CoreHarness.StartAsync(o =>
            {
                o.ApplicationServers[CoreOptions.PresenceServerName].Enabled = true;
                o.ApplicationServers[CoreOptions.PresenceServerName].Port = presencePort;
                o.ApplicationServers[CoreOptions.ImServerName].Enabled = true;
                o.ApplicationServers[CoreOptions.ImServerName].Port = imPort;

                // Registration is not what these tests are about.
                o.ApplicationServers[CoreOptions.PresenceServerName].ThirdPartyRegistration = false;
                o.ApplicationServers[CoreOptions.ImServerName].ThirdPartyRegistration = false;
            });
            _presence = _core.NewUa("presence", null, presencePort);
            _im = _core.NewUa("im", null, imPort);
        }

        [TestCleanup]
        public async Task StopAsync() => await _core.DisposeAsync();

        [TestMethod]
        public async Task SubscribePresence_FromLocalUser_GoesToThePresenceServerRecordRouted()
        {
            TestUa tom = _core.NewUa("tom", "tom-pw");
            SipMessage subscribe = Subscribe(tom, "presence");

            SipMessage response = await tom.SendAsync(subscribe);

            Assert.AreEqual(200, response.StatusCode);
            SipMessage atPresence = await _presence.ReceiveRequestAsync();
            Assert.AreEqual("sip:bob@simpleim.test", atPresence.RequestUri, "the Request-URI is kept for the application server");
            Assert.AreEqual("<sip:127.0.0.1:" + _core.Port + ";lr>", atPresence.Headers.Get(SipHeaderNames.RecordRoute));
            Assert.AreEqual("presence", atPresence.Headers.Get(SipHeaderNames.Event));
            Assert.AreEqual(2, atPresence.Headers.CountOf(SipHeaderNames.Via));
        }

        [TestMethod]
        public async Task SubscribePresence_FromTheImServer_GoesToThePresenceServerWithoutAuthentication()
        {
            SipMessage subscribe = Subscribe(_im, "presence");

            SipMessage response = await _im.SendAsync(subscribe);

            Assert.AreEqual(200, response.StatusCode);
            Assert.AreEqual("sip:bob@simpleim.test", (await _presence.ReceiveRequestAsync()).RequestUri);
        }

        [TestMethod]
        public async Task SubscribeReg_GoesToThePresenceServer()
        {
            SipMessage response = await _im.SendAsync(Subscribe(_im, "reg"));

            Assert.AreEqual(200, response.StatusCode);
            Assert.AreEqual("reg", (await _presence.ReceiveRequestAsync()).Headers.Get(SipHeaderNames.Event));
        }

        [TestMethod]
        public async Task SubscribeOtherPackage_GoesToTheUsersContacts()
        {
            TestUa bob = await RegisteredBobAsync();
            TestUa tom = _core.NewUa("tom", "tom-pw");

            SipMessage response = await tom.SendAsync(Subscribe(tom, "message-summary"));

            Assert.AreEqual(200, response.StatusCode);
            SipMessage atBob = await bob.ReceiveRequestAsync();
            Assert.AreEqual(bob.ContactUri, atBob.RequestUri);
            Assert.IsNotNull(atBob.Headers.Get(SipHeaderNames.RecordRoute), "a dialog-creating SUBSCRIBE is Record-Routed wherever it goes");
            Assert.IsNull(await _presence.TryReceiveRequestAsync(TimeSpan.FromMilliseconds(100)));
        }

        [TestMethod]
        public async Task Publish_FromTheUser_GoesToThePresenceServerNotRecordRouted()
        {
            TestUa bob = await RegisteredBobAsync();
            SipMessage publish = bob.CreateRequest(SipMethods.Publish, "sip:bob@simpleim.test");
            publish.Headers.Add(SipHeaderNames.Event, "presence");
            publish.Headers.Add(SipHeaderNames.Expires, "3600");

            SipMessage response = await bob.SendAsync(publish);

            Assert.AreEqual(200, response.StatusCode);
            SipMessage atPresence = await _presence.ReceiveRequestAsync();
            Assert.AreEqual(SipMethods.Publish, atPresence.Method);
            Assert.IsFalse(atPresence.Headers.Contains(SipHeaderNames.RecordRoute));
        }

        [TestMethod]
        public async Task Message_ToLocalUser_GoesToTheImServerAndItsAnswerComesBack()
        {
            TestUa bob = await RegisteredBobAsync();
            _im.Responder = request => SipResponseBuilder.Create(request, 202, "Accepted", "im");
            TestUa tom = _core.NewUa("tom", "tom-pw");

            SipMessage response = await tom.SendAsync(tom.CreateMessage("sip:bob@simpleim.test", "for later"));

            Assert.AreEqual(202, response.StatusCode);
            Assert.AreEqual("sip:bob@simpleim.test", (await _im.ReceiveRequestAsync()).RequestUri);
            Assert.IsNull(await bob.TryReceiveRequestAsync(TimeSpan.FromMilliseconds(100)));
        }

        [TestMethod]
        public async Task Message_FromTheImServer_GoesToTheUsersContactsNotBackToIt()
        {
            TestUa bob = await RegisteredBobAsync();
            SipMessage delivery = _im.CreateMessage("sip:bob@simpleim.test", "stored message");
            delivery.Headers.Set(SipHeaderNames.From, "<sip:tom@simpleim.test>;tag=orig");

            SipMessage response = await _im.SendAsync(delivery);

            Assert.AreEqual(200, response.StatusCode);
            Assert.AreEqual(bob.ContactUri, (await bob.ReceiveRequestAsync()).RequestUri);
            Assert.IsNull(await _im.TryReceiveRequestAsync(TimeSpan.FromMilliseconds(100)));
        }

        [TestMethod]
        public async Task NotifyInDialog_FromThePresenceServer_PopsTheCoreRouteAndReachesTheWatcher()
        {
            TestUa tom = _core.NewUa("tom", "tom-pw");
            SipMessage notify = _presence.CreateRequest(SipMethods.Notify, tom.ContactUri, "sip:tom@simpleim.test");
            notify.Headers.Set(SipHeaderNames.To, "<sip:tom@simpleim.test>;tag=watcher");
            notify.Headers.Add(SipHeaderNames.Route, "<sip:127.0.0.1:" + _core.Port + ";lr>");
            notify.Headers.Add(SipHeaderNames.Event, "presence");
            notify.Headers.Add(SipHeaderNames.SubscriptionState, "active;expires=3600");

            SipMessage response = await _presence.SendAsync(notify);

            Assert.AreEqual(200, response.StatusCode);
            SipMessage atTom = await tom.ReceiveRequestAsync();
            Assert.AreEqual(tom.ContactUri, atTom.RequestUri);
            Assert.IsFalse(atTom.Headers.Contains(SipHeaderNames.Route), "the Core's own Route was removed");
            Assert.IsFalse(atTom.Headers.Contains(SipHeaderNames.RecordRoute), "an in-dialog request is not Record-Routed");
        }

        [TestMethod]
        public async Task SubscribeRefreshInDialog_FromLocalUser_FollowsTheRouteAfterAuthentication()
        {
            TestUa tom = _core.NewUa("tom", "tom-pw");
            SipMessage refresh = tom.CreateRequest(SipMethods.Subscribe, "sip:presence@127.0.0.1:" + _presence.Port, "sip:bob@simpleim.test");
            refresh.Headers.Set(SipHeaderNames.To, "<sip:bob@simpleim.test>;tag=notifier");
            refresh.Headers.Add(SipHeaderNames.Route, "<sip:127.0.0.1:" + _core.Port + ";lr>");
            refresh.Headers.Add(SipHeaderNames.Event, "presence");

            SipMessage response = await tom.SendAsync(refresh);

            Assert.AreEqual(200, response.StatusCode);
            SipMessage atPresence = await _presence.ReceiveRequestAsync();
            Assert.AreEqual("sip:presence@127.0.0.1:" + _presence.Port, atPresence.RequestUri);
            Assert.IsFalse(atPresence.Headers.Contains(SipHeaderNames.Route));
        }

        [TestMethod]
        public async Task NotifyWithForeignRoute_FromUnknownSender_IsRefused()
        {
            TestUa stranger = new TestUa("mallory", _core.EndPoint, "example.com");
            try
            {
                SipMessage notify = stranger.CreateRequest(SipMethods.Notify, "sip:victim@192.0.2.9", "sip:victim@192.0.2.9");
                notify.Headers.Add(SipHeaderNames.Route, "<sip:127.0.0.1:" + _core.Port + ";lr>");
                notify.Headers.Add(SipHeaderNames.Route, "<sip:192.0.2.10;lr>");

                SipMessage response = await stranger.SendAsync(notify);

                Assert.AreEqual(403, response.StatusCode);
                StringAssert.StartsWith(response.ReasonPhrase, "Relaying denied");
            }
            finally
            {
                await stranger.DisposeAsync();
            }
        }

        [TestMethod]
        public async Task DisabledCriterion_IsSkipped()
        {
            await _core.DisposeAsync();
            _core = await CoreHarness.StartAsync(o =>
            {
                o.ApplicationServers[CoreOptions.ImServerName].Enabled = true;
                o.ApplicationServers[CoreOptions.ImServerName].Port = _im.Port;
                o.FilterCriteria["PagerMessages"].Enabled = false;
            });
            TestUa bob = await RegisteredBobAsync();
            TestUa tom = _core.NewUa("tom", "tom-pw");

            SipMessage response = await tom.SendAsync(tom.CreateMessage("sip:bob@simpleim.test", "direct"));

            Assert.AreEqual(200, response.StatusCode);
            Assert.AreEqual(bob.ContactUri, (await bob.ReceiveRequestAsync()).RequestUri);
        }

        [TestMethod]
        public async Task OriginatingCriterion_MatchesOnlyLocalSenders()
        {
            await _core.DisposeAsync();
            _core = await CoreHarness.StartAsync(o =>
            {
                o.ApplicationServers[CoreOptions.ImServerName].Enabled = true;
                o.ApplicationServers[CoreOptions.ImServerName].Port = _im.Port;
                o.FilterCriteria["PagerMessages"].Direction = FilterDirection.Originating;
            });
            TestUa bob = await RegisteredBobAsync();
            TestUa alice = new TestUa("alice", _core.EndPoint, "example.com");
            try
            {
                SipMessage fromOutside = await alice.SendAsync(alice.CreateMessage("sip:bob@simpleim.test", "from another domain"));

                Assert.AreEqual(200, fromOutside.StatusCode);
                Assert.AreEqual(bob.ContactUri, (await bob.ReceiveRequestAsync()).RequestUri, "a foreign sender is not originating here");
            }
            finally
            {
                await alice.DisposeAsync();
            }
        }

        private static SipMessage Subscribe(TestUa from, string package)
        {
            SipMessage subscribe = from.CreateRequest(SipMethods.Subscribe, "sip:bob@simpleim.test");
            subscribe.Headers.Add(SipHeaderNames.Event, package);
            subscribe.Headers.Add(SipHeaderNames.Expires, "3600");
            subscribe.Headers.Add(SipHeaderNames.Contact, "<" + from.ContactUri + ">");
            return subscribe;
        }

        private async Task<TestUa> RegisteredBobAsync()
        {
            TestUa bob = _core.NewUa("bob", "bob-pw");
            Assert.AreEqual(200, (await bob.RegisterAsync()).StatusCode);
            return bob;
        }
    }
}
