using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Tests.Core.Support;
using SimpleImGateway.Companion.Tests.Support;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Tests.Core
{
    /// <summary>
    /// Third-party registration (seed steps 2–6): two UAs stand in for the Presence and IM Servers; the Core
    /// REGISTERs the user at each in turn and answers the user after both.
    /// </summary>
    [TestClass]
    public sealed class ThirdPartyRegistrationTests
    {
        private static readonly TimeSpan AnswerDelay = TimeSpan.FromMilliseconds(150);

        private CoreHarness _core = null!;
        private TestUa _presence = null!;
        private TestUa _im = null!;
        private readonly ConcurrentQueue<string> _events = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        [TestCleanup]
        public async Task StopAsync()
        {
            if (_core is not null)
            {
                await _core.DisposeAsync();
            }
        }

        [TestMethod]
        public async Task Register_ThirdPartyRegistersReachBothServersInOrder_BeforeThe200()
        {
            await StartAsync();
            TestUa bob = _core.NewUa("bob", "bob-pw");

            SipMessage response = await bob.RegisterAsync(3600);
            Record("bob 200");

            Assert.AreEqual(200, response.StatusCode);
            CollectionAssert.AreEqual(new[] { "presence REGISTER", "presence 200", "im REGISTER", "im 200", "bob 200" }, Events());
            SipMessage atPresence = await _presence.ReceiveRequestAsync();
            SipMessage atIm = await _im.ReceiveRequestAsync();
            AssertThirdParty(atPresence, _presence.Port, "3600");
            AssertThirdParty(atIm, _im.Port, "3600");
        }

        [TestMethod]
        public async Task Register_RefreshAndUnregister_AreForwardedWithTheirExpiry()
        {
            await StartAsync();
            TestUa bob = _core.NewUa("bob", "bob-pw");
            await bob.RegisterAsync(3600);
            SipMessage first = await _presence.ReceiveRequestAsync();
            await _im.ReceiveRequestAsync();

            Assert.AreEqual(200, (await bob.RegisterAsync(1800)).StatusCode);
            SipMessage refresh = await _presence.ReceiveRequestAsync();
            AssertThirdParty(refresh, _presence.Port, "1800");
            AssertThirdParty(await _im.ReceiveRequestAsync(), _im.Port, "1800");
            Assert.AreEqual(first.CallId, refresh.CallId, "one Call-ID per user and server");
            Assert.IsTrue(CSeqOf(refresh) > CSeqOf(first));

            Assert.AreEqual(200, (await bob.SendAsync(bob.CreateRegister(0, "*"))).StatusCode);
            AssertThirdParty(await _presence.ReceiveRequestAsync(), _presence.Port, "0");
            AssertThirdParty(await _im.ReceiveRequestAsync(), _im.Port, "0");
        }

        [TestMethod]
        public async Task Register_OneContactOfTwoRemoved_ServersGetTheRemainingExpiry()
        {
            await StartAsync();
            TestUa bob = _core.NewUa("bob", "bob-pw");
            await bob.SendAsync(bob.CreateRegister(3600, "<sip:bob@127.0.0.1:7001>", "<sip:bob@127.0.0.1:7002>;expires=600"));
            await _presence.ReceiveRequestAsync();
            await _im.ReceiveRequestAsync();

            await bob.SendAsync(bob.CreateRegister(0, "<sip:bob@127.0.0.1:7001>"));

            AssertThirdParty(await _presence.ReceiveRequestAsync(), _presence.Port, "600");
        }

        [TestMethod]
        public async Task Register_FailingAndSilentServers_DoNotFailTheRegistration()
        {
            await StartAsync(timeoutMilliseconds: 300);
            _presence.Responder = request =>
            {
                Record("presence REGISTER");
                return SipResponseBuilder.Create(request, 500, "Broken", "p");
            };
            _im.Responder = request =>
            {
                Record("im REGISTER");
                return null;
            };
            TestUa bob = _core.NewUa("bob", "bob-pw");

            long start = _clock.ElapsedMilliseconds;
            SipMessage response = await bob.RegisterAsync(3600);
            long elapsed = _clock.ElapsedMilliseconds - start;

            Assert.AreEqual(200, response.StatusCode);
            CollectionAssert.AreEqual(new[] { "presence REGISTER", "im REGISTER" }, Events());
            Assert.IsTrue(elapsed >= 300, $"the silent server was waited for ({elapsed} ms)");
            Assert.IsTrue(elapsed < 3000, $"but not for long ({elapsed} ms)");
            Assert.AreEqual(1, (await _core.OnLoopAsync(() => _core.Core.Location.Lookup(bob.Aor))).Count);
        }

        [TestMethod]
        public async Task Register_ServerWithThirdPartyRegistrationOff_GetsNoRegister()
        {
            await StartAsync(configure: o => o.ApplicationServers[CoreOptions.ImServerName].ThirdPartyRegistration = false);
            TestUa bob = _core.NewUa("bob", "bob-pw");

            Assert.AreEqual(200, (await bob.RegisterAsync()).StatusCode);

            CollectionAssert.AreEqual(new[] { "presence REGISTER", "presence 200" }, Events());
            Assert.IsNull(await _im.TryReceiveRequestAsync(TimeSpan.FromMilliseconds(200)));
        }

        [TestMethod]
        public async Task Register_FailedAuthentication_TellsNoServer()
        {
            await StartAsync();
            TestUa bob = _core.NewUa("bob", "wrong");

            Assert.AreEqual(403, (await bob.RegisterAsync()).StatusCode);

            Assert.IsNull(await _presence.TryReceiveRequestAsync(TimeSpan.FromMilliseconds(200)));
        }

        private void AssertThirdParty(SipMessage request, int serverPort, string expires)
        {
            Assert.AreEqual(SipMethods.Register, request.Method);
            Assert.AreEqual("sip:127.0.0.1:" + serverPort, request.RequestUri);
            Assert.AreEqual("sip:bob@simpleim.test", NameAddress.Parse(request.Headers.Get(SipHeaderNames.From)).Uri.ToString());
            Assert.IsNotNull(NameAddress.Parse(request.Headers.Get(SipHeaderNames.From)).Tag);
            Assert.AreEqual("<sip:bob@simpleim.test>", request.Headers.Get(SipHeaderNames.To));
            Assert.AreEqual("<sip:127.0.0.1:" + _core.Port + ">", request.Headers.Get(SipHeaderNames.Contact));
            Assert.AreEqual(expires, request.Headers.Get(SipHeaderNames.Expires));
            StringAssert.StartsWith(request.Headers.Get(SipHeaderNames.Via), "SIP/2.0/UDP 127.0.0.1:" + _core.Port + ";branch=z9hG4bK");
        }

        private static long CSeqOf(SipMessage request) => CSeqHeader.Parse(request.Headers.Get(SipHeaderNames.CSeq)).Number;

        private async Task StartAsync(int timeoutMilliseconds = 2000, Action<CoreOptions>? configure = null)
        {
            int presencePort = FreePorts.Next();
            int imPort = FreePorts.Next();
            _core = await CoreHarness.StartAsync(o =>
            {
                o.ApplicationServers[CoreOptions.PresenceServerName].Enabled = true;
                o.ApplicationServers[CoreOptions.PresenceServerName].Port = presencePort;
                o.ApplicationServers[CoreOptions.ImServerName].Enabled = true;
                o.ApplicationServers[CoreOptions.ImServerName].Port = imPort;
                o.ThirdPartyRegistrationTimeoutMilliseconds = timeoutMilliseconds;
                configure?.Invoke(o);
            });
            _presence = StandIn("presence", presencePort);
            _im = StandIn("im", imPort);
        }

        private TestUa StandIn(string name, int port)
        {
            TestUa server = _core.NewUa(name, null, port);
            server.Responder = request =>
            {
                Record(name + " " + request.Method);
                _ = Task.Run(async () =>
                {
                    await Task.Delay(AnswerDelay);
                    Record(name + " 200");
                    server.SendResponse(SipResponseBuilder.Create(request, 200, "OK", name));
                });
                return null;
            };
            return server;
        }

        private void Record(string what) => _events.Enqueue(what);

        private string[] Events() => _events.ToArray();
    }
}
