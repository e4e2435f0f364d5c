using System;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.TestSupport;
using SimpleImGateway.Sip.Bodies.RegInfo;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using static SimpleImGateway.Companion.Tests.Presence.PresenceTestServer;

namespace SimpleImGateway.Companion.Tests.Presence
{
    /// <summary>Third-party REGISTERs from the Core and the reg event package (RFC 3680).</summary>
    [TestClass]
    public sealed class RegistrationTests
    {
        private PresenceTestServer _server = null!;
        private TestUserAgent _core = null!;
        private TestUserAgent _bob = null!;
        private TestUserAgent _im = null!;

        [TestInitialize]
        public async Task StartAsync()
        {
            _server = await PresenceTestServer.StartAsync();
            _core = TestUserAgent.Start("sip:core@simpleim.test");
            _bob = TestUserAgent.Start(Bob);
            _im = TestUserAgent.Start(ImServer);
        }

        [TestCleanup]
        public async Task StopAsync()
        {
            await _core.DisposeAsync();
            await _bob.DisposeAsync();
            await _im.DisposeAsync();
            await _server.DisposeAsync();
        }

        [TestMethod]
        public async Task ThirdPartyRegister_200AndStored()
        {
            SipMessage response = await _server.RegisterAsync(_core, Bob, 600);

            Assert.AreEqual(200, response.StatusCode, response.ReasonPhrase);
            Assert.AreEqual($"<sip:{_core.HostPort}>;expires=600", response.Headers.Get(SipHeaderNames.Contact));
            await _server.Element.FlushAsync();
            PresenceRegistration? stored = await _server.Store.GetRegistrationAsync(Bob);
            Assert.IsNotNull(stored);
            Assert.AreEqual($"sip:{_core.HostPort}", stored.Contact);
        }

        [TestMethod]
        public async Task ThirdPartyRegister_NotFromTheCore_403()
        {
            await using PresenceTestServer server = await PresenceTestServer.StartAsync(o => o.CoreAddress = "127.0.0.2");

            SipMessage response = await server.RegisterAsync(_core, Bob, 600);

            Assert.AreEqual(403, response.StatusCode);
            Assert.IsFalse(await server.Element.Loop.InvokeAsync(() => server.Element.Registrations.IsRegistered(Bob)));
        }

        [TestMethod]
        public async Task Register_FlipsPublishedStateToOpen_UnregisterBackToClosed()
        {
            await _server.PublishAsync(_bob, Pidf(Bob, open: true));
            var (_, _, first) = await _server.SubscribeAsync(_im, Bob);
            Assert.IsFalse(IsOpen(first!));

            await _server.RegisterAsync(_core, Bob, 600);
            Assert.IsTrue(IsOpen(await _im.NextRequestAsync(SipMethods.Notify)));

            await _server.RegisterAsync(_core, Bob, 0);
            Assert.IsFalse(IsOpen(await _im.NextRequestAsync(SipMethods.Notify)));
            await _server.Element.FlushAsync();
            Assert.IsNull(await _server.Store.GetRegistrationAsync(Bob));
        }

        [TestMethod]
        public async Task RegistrationExpiry_ReportedClosed()
        {
            await _server.PublishAsync(_bob, Pidf(Bob, open: true));
            await _server.RegisterAsync(_core, Bob, 1);
            var (_, _, first) = await _server.SubscribeAsync(_im, Bob);
            Assert.IsTrue(IsOpen(first!));

            SipMessage notify = await _im.NextRequestAsync(SipMethods.Notify);

            Assert.IsFalse(IsOpen(notify));
        }

        [TestMethod]
        public async Task RegRefresh_DoesNotChangePresence_NoNotify()
        {
            await _server.PublishAsync(_bob, Pidf(Bob, open: true));
            await _server.RegisterAsync(_core, Bob, 600);
            await _server.SubscribeAsync(_im, Bob);

            await _server.RegisterAsync(_core, Bob, 600);

            Assert.IsNull(await _im.TryNextRequestAsync(SipMethods.Notify, TimeSpan.FromMilliseconds(300)));
        }

        [TestMethod]
        public async Task SubscribeReg_NotRegistered_FullReginfoWithInitRegistration()
        {
            var (_, response, notify) = await _server.SubscribeAsync(_im, Bob, eventType: "reg");

            Assert.AreEqual(200, response.StatusCode);
            Assert.AreEqual("reg", notify!.Headers.Get(SipHeaderNames.Event));
            Assert.AreEqual("application/reginfo+xml", notify.Headers.Get(SipHeaderNames.ContentType));
            RegInfoDocument document = Reginfo(notify);
            Assert.AreEqual(0L, document.Version);
            Assert.AreEqual(RegInfoState.Full, document.State);
            Assert.AreEqual(RegistrationState.Init, document.FindRegistration(Bob).State);
            Assert.AreEqual(0, document.FindRegistration(Bob).ContactCount);
        }

        [TestMethod]
        public async Task SubscribeReg_Registered_FullReginfoWithTheContact()
        {
            await _server.RegisterAsync(_core, Bob, 600);

            var (_, _, notify) = await _server.SubscribeAsync(_im, Bob, eventType: "reg");

            Registration registration = Reginfo(notify!).FindRegistration(Bob);
            Assert.AreEqual(RegistrationState.Active, registration.State);
            RegContact contact = registration.GetContact(0);
            Assert.AreEqual(RegContactState.Active, contact.State);
            Assert.AreEqual(RegContactEvent.Registered, contact.Event);
            Assert.AreEqual($"sip:{_core.HostPort}", contact.Uri);
            Assert.IsTrue(contact.Expires is > 590 and <= 600);
        }

        [TestMethod]
        public async Task RegEvents_RegisterRefreshUnregister_PartialNotifiesWithIncreasingVersions()
        {
            await _server.SubscribeAsync(_im, Bob, eventType: "reg");

            await _server.RegisterAsync(_core, Bob, 600);
            RegInfoDocument registered = Reginfo(await _im.NextRequestAsync(SipMethods.Notify));
            await _server.RegisterAsync(_core, Bob, 900);
            RegInfoDocument refreshed = Reginfo(await _im.NextRequestAsync(SipMethods.Notify));
            await _server.RegisterAsync(_core, Bob, 0);
            RegInfoDocument unregistered = Reginfo(await _im.NextRequestAsync(SipMethods.Notify));

            Assert.AreEqual(1L, registered.Version);
            Assert.AreEqual(2L, refreshed.Version);
            Assert.AreEqual(3L, unregistered.Version);
            Assert.AreEqual(RegInfoState.Partial, registered.State);
            Assert.AreEqual(RegContactEvent.Registered, registered.FindRegistration(Bob).GetContact(0).Event);
            Assert.AreEqual(RegContactEvent.Refreshed, refreshed.FindRegistration(Bob).GetContact(0).Event);
            Assert.IsTrue(refreshed.FindRegistration(Bob).GetContact(0).Expires > 890);
            Registration gone = unregistered.FindRegistration(Bob);
            Assert.AreEqual(RegistrationState.Terminated, gone.State);
            Assert.AreEqual(RegContactState.Terminated, gone.GetContact(0).State);
            Assert.AreEqual(RegContactEvent.Unregistered, gone.GetContact(0).Event);
        }

        [TestMethod]
        public async Task RegEvents_Expiry_PartialNotifyExpired()
        {
            await _server.SubscribeAsync(_im, Bob, eventType: "reg");
            await _server.RegisterAsync(_core, Bob, 1);
            Assert.AreEqual(RegContactEvent.Registered, Reginfo(await _im.NextRequestAsync(SipMethods.Notify)).FindRegistration(Bob).GetContact(0).Event);

            RegInfoDocument expired = Reginfo(await _im.NextRequestAsync(SipMethods.Notify));

            Assert.AreEqual(RegContactEvent.Expired, expired.FindRegistration(Bob).GetContact(0).Event);
            Assert.AreEqual(RegistrationState.Terminated, expired.FindRegistration(Bob).State);
        }

        [TestMethod]
        public async Task SubscribeReg_UserItself_Allowed()
        {
            var (_, response, notify) = await _server.SubscribeAsync(_bob, Bob, eventType: "reg");

            Assert.AreEqual(200, response.StatusCode);
            Assert.IsTrue(State(notify!).IsActive);
        }

        [TestMethod]
        public async Task SubscribeReg_SomeoneElse_403()
        {
            await using TestUserAgent tom = TestUserAgent.Start(Tom);

            var (_, response, _) = await _server.SubscribeAsync(tom, Bob, eventType: "reg");

            Assert.AreEqual(403, response.StatusCode);
        }

        private static RegInfoDocument Reginfo(SipMessage notify) => RegInfoReader.Parse(notify.Body, 0, notify.Body.Length);
    }
}
