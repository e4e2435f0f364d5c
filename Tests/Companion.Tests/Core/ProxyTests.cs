using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Core.Configuration;
using SimpleImGateway.Companion.Tests.Core.Support;
using SimpleImGateway.Companion.Tests.Support;
using SimpleImGateway.Sip.Auth;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Tests.Core
{
    /// <summary>The Core's proxy: authentication, relay policy and stateful forwarding, through loopback sockets.</summary>
    [TestClass]
    public sealed class ProxyTests
    {
        private CoreHarness _core = null!;

        [TestCleanup]
        public async Task StopAsync()
        {
            if (_core is not null)
            {
                await _core.DisposeAsync();
            }
        }

        [TestMethod]
        public async Task Message_BetweenRegisteredUsers_IsRelayedAndTheAnswerPassedBack()
        {
            _core = await CoreHarness.StartAsync();
            TestUa bob = await RegisteredAsync("bob", "bob-pw");
            bob.Responder = request => SipResponseBuilder.Create(request, 200, "Delivered", "bobtag");
            TestUa tom = _core.NewUa("tom", "tom-pw");

            SipMessage response = await tom.SendAsync(tom.CreateMessage("sip:bob@simpleim.test", "hello bob"));

            Assert.AreEqual(200, response.StatusCode);
            Assert.AreEqual("Delivered", response.ReasonPhrase);
            Assert.AreEqual(1, response.Headers.CountOf(SipHeaderNames.Via), "the Core's Via is taken off the response");
            StringAssert.Contains(response.Headers.Get(SipHeaderNames.Via), "127.0.0.1:" + tom.Port);
            SipMessage delivered = await bob.ReceiveRequestAsync();
            Assert.AreEqual(SipMethods.Message, delivered.Method);
            Assert.AreEqual(bob.ContactUri, delivered.RequestUri, "the Request-URI is the registered contact");
            Assert.AreEqual("hello bob", Encoding.UTF8.GetString(delivered.Body));
            Assert.AreEqual("69", delivered.Headers.Get(SipHeaderNames.MaxForwards));
            Assert.IsFalse(delivered.Headers.Contains(SipHeaderNames.ProxyAuthorization), "the Core's credentials are consumed");
            string[] vias = delivered.Headers.GetAll(SipHeaderNames.Via);
            Assert.AreEqual(2, vias.Length);
            StringAssert.StartsWith(vias[0], "SIP/2.0/UDP 127.0.0.1:" + _core.Port + ";branch=z9hG4bK");
            StringAssert.Contains(vias[1], "received=127.0.0.1");
            Assert.IsFalse(delivered.Headers.Contains(SipHeaderNames.RecordRoute), "MESSAGE is not Record-Routed");
        }

        [TestMethod]
        public async Task Message_RecipientRefuses_TheErrorIsPassedBack()
        {
            _core = await CoreHarness.StartAsync();
            TestUa bob = await RegisteredAsync("bob", "bob-pw");
            bob.Responder = request => SipResponseBuilder.Create(request, 486, "Busy Here", "bobtag");
            TestUa tom = _core.NewUa("tom", "tom-pw");

            SipMessage response = await tom.SendAsync(tom.CreateMessage("sip:bob@simpleim.test", "hello"));

            Assert.AreEqual(486, response.StatusCode);
            Assert.AreEqual("Busy Here", response.ReasonPhrase);
        }

        [TestMethod]
        public async Task Message_ToUnknownUser_Gets404()
        {
            _core = await CoreHarness.StartAsync();
            TestUa tom = _core.NewUa("tom", "tom-pw");

            SipMessage response = await tom.SendAsync(tom.CreateMessage("sip:nobody@simpleim.test", "hello"));

            Assert.AreEqual(404, response.StatusCode);
            StringAssert.Contains(response.ReasonPhrase, "no user nobody");
        }

        [TestMethod]
        public async Task Message_ToUserWithoutBinding_Gets480()
        {
            _core = await CoreHarness.StartAsync();
            TestUa tom = _core.NewUa("tom", "tom-pw");

            SipMessage response = await tom.SendAsync(tom.CreateMessage("sip:bob@simpleim.test", "hello"));

            Assert.AreEqual(480, response.StatusCode);
            StringAssert.Contains(response.ReasonPhrase, "sip:bob@simpleim.test has no registered contact");
        }

        [TestMethod]
        public async Task Message_WithMaxForwardsZero_Gets483()
        {
            _core = await CoreHarness.StartAsync();
            await RegisteredAsync("bob", "bob-pw");
            TestUa tom = _core.NewUa("tom", "tom-pw");
            SipMessage message = tom.CreateMessage("sip:bob@simpleim.test", "hello");
            message.Headers.Set(SipHeaderNames.MaxForwards, "0");

            SipMessage response = await tom.SendAsync(message);

            Assert.AreEqual(483, response.StatusCode);
            Assert.AreEqual("Too Many Hops", response.ReasonPhrase);
        }

        [TestMethod]
        public async Task Message_LoopingThroughAReflector_Gets482()
        {
            // A trusted next hop that sends every request back to the Core unchanged but for its own Via and the
            // original Request-URI: the first return is a spiral (a different previous hop), the second a loop.
            int reflectorPort = FreePorts.Next();
            _core = await CoreHarness.StartAsync(o => o.TrustedApplicationServers.Add("127.0.0.1:" + reflectorPort));
            TestUa reflector = _core.NewUa("bob", "bob-pw", reflectorPort);
            Assert.AreEqual(200, (await reflector.RegisterAsync()).StatusCode);
            reflector.Responder = request =>
            {
                SipMessage again = SipMessage.CreateRequest(request.Method, "sip:bob@simpleim.test");
                again.Headers.Add(SipHeaderNames.Via, "SIP/2.0/UDP 127.0.0.1:" + reflectorPort + ";branch=z9hG4bKrefl" + Guid.NewGuid().ToString("N"));
                for (int i = 0; i < request.Headers.Count; i++)
                {
                    again.Headers.Add(request.Headers[i].Name, request.Headers[i].Value);
                }

                again.Body = request.Body;
                reflector.Send(again, _core.EndPoint);
                return null;
            };
            TestUa tom = _core.NewUa("tom", "tom-pw");
            Task<SipMessage> sending = tom.SendAsync(tom.CreateMessage("sip:bob@simpleim.test", "loop"));

            SipMessage first = await reflector.ReceiveRequestAsync();
            SipMessage second = await reflector.ReceiveRequestAsync();
            Assert.AreEqual(2, first.Headers.CountOf(SipHeaderNames.Via));
            Assert.AreEqual(4, second.Headers.CountOf(SipHeaderNames.Via), "the spiral passed");
            Assert.IsNull(await reflector.TryReceiveRequestAsync(TimeSpan.FromMilliseconds(300)), "the third pass is refused");
            SipMessage refusal = await reflector.ReceiveAnyResponseAsync(TimeSpan.FromSeconds(2));
            Assert.AreEqual(482, refusal.StatusCode);
            Assert.AreEqual("Loop Detected", refusal.ReasonPhrase);
            Assert.IsFalse(sending.IsCompleted, "the reflector passes no response on");
        }

        [TestMethod]
        public async Task Message_FromUnauthenticatedLocalUser_Gets407WithMd5ChallengeFirst()
        {
            _core = await CoreHarness.StartAsync();
            await RegisteredAsync("bob", "bob-pw");
            TestUa tom = _core.NewUa("tom");

            SipMessage response = await tom.SendAsync(tom.CreateMessage("sip:bob@simpleim.test", "hello"));

            Assert.AreEqual(407, response.StatusCode);
            Assert.AreEqual("Proxy Authentication Required", response.ReasonPhrase);
            string[] challenges = response.Headers.GetAll(SipHeaderNames.ProxyAuthenticate);
            Assert.AreEqual("MD5", DigestChallenge.Parse(challenges[0]).Algorithm);
            Assert.AreEqual("SHA-256", DigestChallenge.Parse(challenges[1]).Algorithm);
        }

        [TestMethod]
        public async Task Message_WithSha256Credentials_IsRelayed()
        {
            _core = await CoreHarness.StartAsync();
            TestUa bob = await RegisteredAsync("bob", "bob-pw");
            TestUa tom = _core.NewUa("tom", "tom-pw");

            SipMessage response = await tom.SendAsync(tom.CreateMessage("sip:bob@simpleim.test", "hello"), preferred: DigestAlgorithm.Sha256);

            Assert.AreEqual(200, response.StatusCode);
            Assert.AreEqual("hello", Encoding.UTF8.GetString((await bob.ReceiveRequestAsync()).Body));
        }

        [TestMethod]
        public async Task Message_WrongPassword_Gets403()
        {
            _core = await CoreHarness.StartAsync();
            TestUa bob = await RegisteredAsync("bob", "bob-pw");
            TestUa tom = _core.NewUa("tom", "wrong");

            SipMessage response = await tom.SendAsync(tom.CreateMessage("sip:bob@simpleim.test", "hello"));

            Assert.AreEqual(403, response.StatusCode);
            Assert.IsNull(await bob.TryReceiveRequestAsync(TimeSpan.FromMilliseconds(200)));
        }

        [TestMethod]
        public async Task Message_AuthenticatedAsAnotherUserThanFrom_Gets403()
        {
            _core = await CoreHarness.StartAsync();
            await RegisteredAsync("bob", "bob-pw");
            TestUa tom = _core.NewUa("tom", "tom-pw");
            SipMessage message = tom.CreateMessage("sip:bob@simpleim.test", "I am bob");
            message.Headers.Set(SipHeaderNames.From, "<sip:bob@simpleim.test>;tag=spoof");

            SipMessage response = await tom.SendAsync(message);

            Assert.AreEqual(403, response.StatusCode);
            StringAssert.Contains(response.ReasonPhrase, "authenticated as tom, but From is bob");
        }

        [TestMethod]
        public async Task Message_FromForeignUserToForeignDomain_Gets403RelayingDenied()
        {
            _core = await CoreHarness.StartAsync();
            TestUa alice = new TestUa("alice", _core.EndPoint, "example.com");
            try
            {
                SipMessage response = await alice.SendAsync(alice.CreateMessage("sip:carol@192.0.2.1", "relay me"));
                SipMessage byName = await alice.SendAsync(alice.CreateMessage("sip:carol@example.org", "relay me"));

                Assert.AreEqual(403, response.StatusCode);
                StringAssert.StartsWith(response.ReasonPhrase, "Relaying denied");
                Assert.AreEqual(403, byName.StatusCode);
            }
            finally
            {
                await alice.DisposeAsync();
            }
        }

        [TestMethod]
        public async Task Message_FromForeignUserToLocalUser_IsRelayedWithoutAuthentication()
        {
            _core = await CoreHarness.StartAsync();
            TestUa bob = await RegisteredAsync("bob", "bob-pw");
            TestUa alice = new TestUa("alice", _core.EndPoint, "example.com");
            try
            {
                SipMessage response = await alice.SendAsync(alice.CreateMessage("sip:bob@simpleim.test", "hi from outside"));

                Assert.AreEqual(200, response.StatusCode);
                Assert.AreEqual("hi from outside", Encoding.UTF8.GetString((await bob.ReceiveRequestAsync()).Body));
            }
            finally
            {
                await alice.DisposeAsync();
            }
        }

        [TestMethod]
        public async Task Message_FromAuthenticatedUserToForeignDomain_Gets404WithoutDns()
        {
            _core = await CoreHarness.StartAsync();
            TestUa tom = _core.NewUa("tom", "tom-pw");

            SipMessage response = await tom.SendAsync(tom.CreateMessage("sip:carol@example.org", "hello"));

            Assert.AreEqual(404, response.StatusCode);
            StringAssert.Contains(response.ReasonPhrase, "example.org is not served here and this Core does not use DNS");
        }

        [TestMethod]
        public async Task Message_FromTrustedApplicationServer_IsRelayedWithoutAuthentication()
        {
            int serverPort = FreePorts.Next();
            _core = await CoreHarness.StartAsync(o => o.TrustedApplicationServers.Add("127.0.0.1:" + serverPort));
            TestUa bob = await RegisteredAsync("bob", "bob-pw");
            TestUa server = _core.NewUa("tom", null, serverPort);

            SipMessage response = await server.SendAsync(server.CreateMessage("sip:bob@simpleim.test", "stored earlier"));

            Assert.AreEqual(200, response.StatusCode);
            SipMessage delivered = await bob.ReceiveRequestAsync();
            StringAssert.Contains(delivered.Headers.Get(SipHeaderNames.From), "sip:tom@simpleim.test");
        }

        [TestMethod]
        public async Task Message_FromUntrustedPortOfTheSameAddress_NeedsAuthentication()
        {
            int serverPort = FreePorts.Next();
            _core = await CoreHarness.StartAsync(o => o.TrustedApplicationServers.Add("127.0.0.1:" + serverPort));
            await RegisteredAsync("bob", "bob-pw");
            TestUa other = _core.NewUa("tom");

            SipMessage response = await other.SendAsync(other.CreateMessage("sip:bob@simpleim.test", "let me in"));

            Assert.AreEqual(407, response.StatusCode);
        }

        [TestMethod]
        public async Task Message_ToUserWithSeveralContacts_ForkedToAllAndTheFirst200Returned()
        {
            _core = await CoreHarness.StartAsync();
            TestUa phone = _core.NewUa("bob", "bob-pw");
            TestUa laptop = _core.NewUa("bob", "bob-pw");
            Assert.AreEqual(200, (await phone.SendAsync(phone.CreateRegister(3600, "<" + phone.ContactUri + ">;q=0.9", "<" + laptop.ContactUri + ">;q=0.4"))).StatusCode);
            phone.Responder = request => SipResponseBuilder.Create(request, 480, "Not Now", "phone");
            TestUa tom = _core.NewUa("tom", "tom-pw");

            SipMessage response = await tom.SendAsync(tom.CreateMessage("sip:bob@simpleim.test", "to every device"));

            Assert.AreEqual(200, response.StatusCode);
            Assert.AreEqual(phone.ContactUri, (await phone.ReceiveRequestAsync()).RequestUri);
            Assert.AreEqual(laptop.ContactUri, (await laptop.ReceiveRequestAsync()).RequestUri);
        }

        [TestMethod]
        public async Task Message_AllContactsRefuse_TheLowestClassIsReturned()
        {
            _core = await CoreHarness.StartAsync();
            TestUa phone = _core.NewUa("bob", "bob-pw");
            TestUa laptop = _core.NewUa("bob", "bob-pw");
            await phone.SendAsync(phone.CreateRegister(3600, "<" + phone.ContactUri + ">", "<" + laptop.ContactUri + ">"));
            phone.Responder = request => SipResponseBuilder.Create(request, 500, "Broken", "phone");
            laptop.Responder = request => SipResponseBuilder.Create(request, 486, "Busy Here", "laptop");
            TestUa tom = _core.NewUa("tom", "tom-pw");

            SipMessage response = await tom.SendAsync(tom.CreateMessage("sip:bob@simpleim.test", "anyone?"));

            Assert.AreEqual(486, response.StatusCode);
        }

        [TestMethod]
        public async Task Message_ContactNeverAnswers_Gets408AfterTheForwardTimeout()
        {
            _core = await CoreHarness.StartAsync(o => o.Proxy.ForwardTimeoutMilliseconds = 400);
            TestUa bob = await RegisteredAsync("bob", "bob-pw");
            bob.Responder = _ => null;
            TestUa tom = _core.NewUa("tom", "tom-pw");

            SipMessage response = await tom.SendAsync(tom.CreateMessage("sip:bob@simpleim.test", "hello?"));

            Assert.AreEqual(408, response.StatusCode);
            StringAssert.StartsWith(response.ReasonPhrase, "Request Timeout");
        }

        [TestMethod]
        public async Task Options_ToTheCoreItself_Gets200()
        {
            _core = await CoreHarness.StartAsync();
            TestUa tom = _core.NewUa("tom", "tom-pw");

            SipMessage response = await tom.SendAsync(tom.CreateRequest(SipMethods.Options, "sip:simpleim.test"));

            Assert.AreEqual(200, response.StatusCode);
            CollectionAssert.Contains(response.Headers.GetAll(SipHeaderNames.Allow), "MESSAGE");
        }

        [TestMethod]
        public async Task Request_WithUnsupportedProxyRequire_Gets420ListingIt()
        {
            _core = await CoreHarness.StartAsync();
            TestUa tom = _core.NewUa("tom", "tom-pw");
            SipMessage message = tom.CreateMessage("sip:bob@simpleim.test", "x");
            message.Headers.Add(SipHeaderNames.ProxyRequire, "frobnication");

            SipMessage response = await tom.SendAsync(message);

            Assert.AreEqual(420, response.StatusCode);
            Assert.AreEqual("frobnication", response.Headers.Get(SipHeaderNames.Unsupported));
        }

        [TestMethod]
        public async Task Request_WithTelRequestUri_Gets416()
        {
            _core = await CoreHarness.StartAsync();
            TestUa tom = _core.NewUa("tom", "tom-pw");

            SipMessage response = await tom.SendAsync(tom.CreateMessage("tel:+15551234", "x"));

            Assert.AreEqual(416, response.StatusCode);
        }

        private async Task<TestUa> RegisteredAsync(string user, string password)
        {
            TestUa ua = _core.NewUa(user, password);
            SipMessage response = await ua.RegisterAsync();
            Assert.AreEqual(200, response.StatusCode, $"{user} could not register: {response.StatusCode} {response.ReasonPhrase}");
            return ua;
        }
    }
}
