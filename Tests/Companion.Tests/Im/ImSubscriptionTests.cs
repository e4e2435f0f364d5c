using System;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Tests.TestSupport;
using SimpleImGateway.Sip.Bodies.RegInfo;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using static SimpleImGateway.Companion.Tests.Im.ImTestHarness;

namespace SimpleImGateway.Companion.Tests.Im
{
    /// <summary>The IM Server's presence and reg-event subscriptions: lifecycle, refresh, termination, restart.</summary>
    [TestClass]
    public sealed class ImSubscriptionTests
    {
        [TestMethod]
        public async Task Unregister_EndsThePresenceSubscriptionWithExpiresZeroInTheDialog()
        {
            await using ImTestHarness im = await StartAsync();
            StandInSubscription presence = await im.RegisterAsync(Bob, available: true);

            Assert.AreEqual(200, (await im.SendRegisterAsync(Bob, 0)).StatusCode);
            SipMessage unsubscribe = await im.Core.ReceiveRequestAsync(SipMethods.Subscribe);
            im.Core.Respond(unsubscribe, 200, "OK", r => r.Headers.Add(SipHeaderNames.Expires, "0"), presence.Tag);

            Assert.AreEqual("0", unsubscribe.Headers.Get(SipHeaderNames.Expires));
            Assert.AreEqual(presence.Subscribe.CallId, unsubscribe.CallId);
            Assert.AreEqual("sip:presence@" + im.Core.HostPort, unsubscribe.RequestUri, "in-dialog: addressed to the notifier's Contact");
            StringAssert.Contains(unsubscribe.Headers.Get(SipHeaderNames.To), "tag=" + presence.Tag);
            Assert.IsFalse(await im.Element.IsAvailableAsync(Bob));
            Assert.AreEqual(200, (await presence.NotifyAsync(null, "application/pidf+xml", "terminated;reason=timeout")).StatusCode);

            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "after unregister")).StatusCode);
            await im.ExpectNoDeliveryAsync(TimeSpan.FromMilliseconds(200));
        }

        [TestMethod]
        public async Task Notify_Terminated_ResubscribesWhileTheUserIsRegistered()
        {
            await using ImTestHarness im = await StartAsync();
            StandInSubscription presence = await im.RegisterAsync(Bob, available: true);

            Assert.AreEqual(200, (await presence.NotifyAsync(null, "application/pidf+xml", "terminated;reason=deactivated")).StatusCode);
            StandInSubscription again = await im.AcceptSubscriptionAsync(Bob);

            Assert.AreNotEqual(presence.Subscribe.CallId, again.Subscribe.CallId, "a new subscription, not the old dialog");
            Assert.IsFalse(await im.Element.IsAvailableAsync(Bob), "no state until the new subscription's NOTIFY");
            await again.NotifyAsync(available: true);
            Assert.IsTrue(await im.Element.IsAvailableAsync(Bob));
        }

        [TestMethod]
        public async Task Notify_TerminatedRejected_ResubscribesAfterABackoff()
        {
            await using ImTestHarness im = await StartAsync(o => o.RetryInitialDelay = TimeSpan.FromMilliseconds(300));
            StandInSubscription presence = await im.RegisterAsync(Bob, available: false);

            DateTime terminatedAt = DateTime.UtcNow;
            await presence.NotifyAsync(null, "application/pidf+xml", "terminated;reason=rejected");
            await im.AcceptSubscriptionAsync(Bob);

            Assert.IsTrue(DateTime.UtcNow - terminatedAt >= TimeSpan.FromMilliseconds(250), "rejected is not retried at once");
        }

        [TestMethod]
        public async Task Subscribe_Refused_RetriedWithBackoff()
        {
            await using ImTestHarness im = await StartAsync(o => o.RetryInitialDelay = TimeSpan.FromMilliseconds(100));
            Assert.AreEqual(200, (await im.SendRegisterAsync(Bob, 600)).StatusCode);

            im.Core.Respond(await im.Core.ReceiveRequestAsync(SipMethods.Subscribe), 503, "Service Unavailable");
            StandInSubscription second = await im.AcceptSubscriptionAsync(Bob);
            await second.NotifyAsync(available: true);

            Assert.IsTrue(await im.Element.IsAvailableAsync(Bob));
        }

        [TestMethod]
        public async Task Subscription_RefreshedBeforeItExpires()
        {
            await using ImTestHarness im = await StartAsync();
            Assert.AreEqual(200, (await im.SendRegisterAsync(Bob, 600)).StatusCode);
            StandInSubscription presence = await im.AcceptSubscriptionAsync(Bob, grantedExpires: 2);

            SipMessage refresh = await im.Core.ReceiveRequestAsync(SipMethods.Subscribe, timeout: TimeSpan.FromSeconds(3));

            Assert.AreEqual(presence.Subscribe.CallId, refresh.CallId);
            Assert.AreEqual("3600", refresh.Headers.Get(SipHeaderNames.Expires));
            Assert.IsTrue(CSeqHeader.Parse(refresh.Headers.Get(SipHeaderNames.CSeq)).Number > CSeqHeader.Parse(presence.Subscribe.Headers.Get(SipHeaderNames.CSeq)).Number);
            StringAssert.Contains(refresh.Headers.Get(SipHeaderNames.To), "tag=" + presence.Tag);
        }

        [TestMethod]
        public async Task Registration_Expires_SubscriptionEnds()
        {
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            await using ImTestHarness im = await StartAsync(time: time);
            await im.RegisterAsync(Bob, available: true, expires: 60);

            time.Advance(TimeSpan.FromSeconds(61));
            SipMessage unsubscribe = await im.Core.ReceiveRequestAsync(SipMethods.Subscribe, m => m.Headers.Get(SipHeaderNames.Expires) == "0");

            Assert.IsNotNull(unsubscribe);
            Assert.IsFalse(await im.Element.IsAvailableAsync(Bob));
        }

        [TestMethod]
        public async Task Notify_BeforeThe2xx_EstablishesTheDialog()
        {
            await using ImTestHarness im = await StartAsync();
            Assert.AreEqual(200, (await im.SendRegisterAsync(Bob, 600)).StatusCode);
            SipMessage subscribe = await im.Core.ReceiveRequestAsync(SipMethods.Subscribe);
            var early = new StandInSubscription(im, subscribe, PagerTestUserAgent.NewToken(), "presence");

            SipMessage notifyAnswer = await early.NotifyAsync(available: true);
            im.Core.Respond(subscribe, 200, "OK", r => r.Headers.Add(SipHeaderNames.Expires, "3600"), early.Tag);

            Assert.AreEqual(200, notifyAnswer.StatusCode);
            Assert.IsTrue(await im.Element.IsAvailableAsync(Bob));
        }

        [TestMethod]
        public async Task Notify_MalformedPidf_Answered400AndStateKept()
        {
            await using ImTestHarness im = await StartAsync();
            StandInSubscription presence = await im.RegisterAsync(Bob, available: true);

            SipMessage answer = await presence.NotifyAsync(Encoding.UTF8.GetBytes("<presence"), "application/pidf+xml", "active");

            Assert.AreEqual(400, answer.StatusCode);
            StringAssert.StartsWith(answer.ReasonPhrase, "Malformed PIDF");
            Assert.IsTrue(await im.Element.IsAvailableAsync(Bob));
        }

        [TestMethod]
        public async Task Notify_Pending_MeansNotAvailable()
        {
            await using ImTestHarness im = await StartAsync();
            StandInSubscription presence = await im.RegisterAsync(Bob, available: true);

            await presence.NotifyAsync(null, "application/pidf+xml", "pending;expires=3600");

            Assert.IsFalse(await im.Element.IsAvailableAsync(Bob));
        }

        [TestMethod]
        public async Task Restart_RegistrationsAreRestoredAndResubscribed()
        {
            await using ImTestHarness im = await StartAsync();
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "kept across the restart")).StatusCode);
            await im.RegisterAsync(Bob, available: false);

            await im.StopElementAsync();
            await im.StartElementAsync();
            StandInSubscription presence = await im.AcceptSubscriptionAsync(Bob);
            await presence.NotifyAsync(available: true);
            SipMessage delivery = await im.ExpectDeliveryAsync();
            im.Core.Respond(delivery, 200, "OK");

            Assert.AreEqual("kept across the restart", TextOf(delivery));
            await WaitUntilAsync(async () => await im.Messages.CountAsync(Bob) == 0, "delivered after the restart");
            await im.ExpectNoDeliveryAsync(TimeSpan.FromMilliseconds(300));
        }

        [TestMethod]
        public async Task Restart_AfterAFailedAttempt_WaitsForThePersistedNextAttemptTime()
        {
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            await using ImTestHarness im = await StartAsync(o => o.RetryInitialDelay = TimeSpan.FromMinutes(5), time);
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "patience")).StatusCode);
            await im.RegisterAsync(Bob, available: true);
            im.Core.Respond(await im.ExpectDeliveryAsync(), 503, "Service Unavailable");
            await WaitUntilAsync(async () => (await im.Messages.ListAsync(Bob))[0].Attempts == 1, "the failure is recorded");
            Assert.AreEqual(time.GetUtcNow().AddMinutes(5).ToUnixTimeMilliseconds(), (await im.Messages.ListAsync(Bob))[0].NextAttemptAt.ToUnixTimeMilliseconds(), 1.0);

            await im.StopElementAsync();
            await im.StartElementAsync();
            await (await im.AcceptSubscriptionAsync(Bob)).NotifyAsync(available: true);
            await im.ExpectNoDeliveryAsync(TimeSpan.FromMilliseconds(300));
            time.Advance(TimeSpan.FromMinutes(5));
            SipMessage retry = await im.ExpectDeliveryAsync();
            im.Core.Respond(retry, 200, "OK");

            Assert.AreEqual("patience", TextOf(retry));
            await WaitUntilAsync(async () => await im.Messages.CountAsync(Bob) == 0, "delivered on the retry");
        }

        [TestMethod]
        public async Task RegEvent_ConfiguredUsers_SubscribedAndRegistrationDrivesPresence()
        {
            await using ImTestHarness im = await StartAsync(o =>
            {
                o.RegistrationSource = ImRegistrationSource.RegEvent;
                o.RegEventUsers = ["bob"];
            });
            StandInSubscription reg = await im.AcceptSubscriptionAsync(Bob, "reg");
            Assert.AreEqual("application/reginfo+xml", reg.Subscribe.Headers.Get(SipHeaderNames.Accept));

            Assert.AreEqual(200, (await reg.NotifyAsync(RegInfo(0, RegInfoState.Full, active: true), "application/reginfo+xml", "active;expires=3600")).StatusCode);
            StandInSubscription presence = await im.AcceptSubscriptionAsync(Bob);
            await presence.NotifyAsync(available: true);
            Assert.IsTrue(await im.Element.IsAvailableAsync(Bob));

            Assert.AreEqual(200, (await reg.NotifyAsync(RegInfo(1, RegInfoState.Partial, active: false), "application/reginfo+xml", "active;expires=3600")).StatusCode);
            SipMessage unsubscribe = await im.Core.ReceiveRequestAsync(SipMethods.Subscribe, m => m.Headers.Get(SipHeaderNames.Expires) == "0");

            Assert.AreEqual(presence.Subscribe.CallId, unsubscribe.CallId);
            Assert.IsFalse(await im.Element.IsAvailableAsync(Bob));
        }

        [TestMethod]
        public async Task RegEvent_NoConfiguredUsers_WatchesEveryUserInTheStore()
        {
            await using ImTestHarness im = await StartAsync(o => o.RegistrationSource = ImRegistrationSource.RegEvent);

            StandInSubscription alice = await im.AcceptSubscriptionAsync(Alice, "reg");
            StandInSubscription bob = await im.AcceptSubscriptionAsync(Bob, "reg");
            StandInSubscription tom = await im.AcceptSubscriptionAsync(Tom, "reg");

            Assert.AreEqual("reg", bob.Subscribe.Headers.Get(SipHeaderNames.Event));
            Assert.AreEqual(Alice, alice.Subscribe.RequestUri);
            Assert.AreEqual(Tom, tom.Subscribe.RequestUri);
        }

        [TestMethod]
        public async Task RegEvent_ThirdPartyRegisterIsAnsweredButIgnored()
        {
            await using ImTestHarness im = await StartAsync(o =>
            {
                o.RegistrationSource = ImRegistrationSource.RegEvent;
                o.RegEventUsers = ["sip:tom@simpleim.test"];
            });
            await im.AcceptSubscriptionAsync(Tom, "reg");

            Assert.AreEqual(200, (await im.SendRegisterAsync(Bob, 600)).StatusCode);

            Assert.IsNull(await im.Core.TryReceiveAsync(m => m.IsRequest && m.RequestUri == Bob, TimeSpan.FromMilliseconds(300)));
        }

        private static byte[] RegInfo(long version, RegInfoState state, bool active)
        {
            var document = new RegInfoDocument(version, state);
            var registration = new Registration(Bob, "r1", active ? RegistrationState.Active : RegistrationState.Terminated);
            registration.AddContact(new RegContact("c1", active ? RegContactState.Active : RegContactState.Terminated,
                active ? RegContactEvent.Registered : RegContactEvent.Unregistered, "sip:bob@192.0.2.10:5060"));
            document.AddRegistration(registration);
            return RegInfoWriter.Write(document);
        }
    }
}
