using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Core.Location;
using SimpleImGateway.Companion.Tests.Core.Support;
using SimpleImGateway.Sip.Auth;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Tests.Core
{
    /// <summary>The registrar (RFC 3261 §10.3) through real UDP sockets on loopback.</summary>
    [TestClass]
    public sealed class RegistrarTests
    {
        private CoreHarness _core = null!;

        [TestInitialize]
        public async Task StartAsync() => _core = await CoreHarness.StartAsync(o => o.Registrar.MinExpires = 60);

        [TestCleanup]
        public async Task StopAsync() => await _core.DisposeAsync();

        [TestMethod]
        public async Task Register_WithoutCredentials_Gets401WithMd5ChallengeFirstThenSha256()
        {
            TestUa bob = _core.NewUa("bob");

            SipMessage response = await bob.RegisterAsync();

            Assert.AreEqual(401, response.StatusCode);
            string[] challenges = response.Headers.GetAll(SipHeaderNames.WwwAuthenticate);
            Assert.AreEqual(2, challenges.Length);
            DigestChallenge md5 = DigestChallenge.Parse(challenges[0]);
            DigestChallenge sha256 = DigestChallenge.Parse(challenges[1]);
            Assert.AreEqual("MD5", md5.Algorithm);
            Assert.AreEqual("SHA-256", sha256.Algorithm);
            Assert.AreEqual(CoreHarness.Domain, md5.Realm);
            Assert.AreEqual("auth", md5.Qop);
            Assert.AreEqual(md5.Nonce, sha256.Nonce);
            Assert.IsNotNull(SipTagOf(response.Headers.Get(SipHeaderNames.To)), "a final response carries a To tag");
        }

        [TestMethod]
        [DataRow(DigestAlgorithm.Md5)]
        [DataRow(DigestAlgorithm.Sha256)]
        public async Task Register_WithCredentials_Gets200ListingTheContactWithExpiry(DigestAlgorithm algorithm)
        {
            TestUa bob = _core.NewUa("bob", "bob-pw");

            SipMessage response = await bob.SendAsync(bob.CreateRegister(3600, "<" + bob.ContactUri + ">"), preferred: algorithm);

            Assert.AreEqual(200, response.StatusCode, response.ReasonPhrase);
            CollectionAssert.AreEqual(new[] { "<" + bob.ContactUri + ">;expires=3600" }, response.Headers.GetAll(SipHeaderNames.Contact));
            Assert.IsNotNull(response.Headers.Get(SipHeaderNames.Date));
        }

        [TestMethod]
        public async Task Register_WrongPassword_Gets403()
        {
            TestUa bob = _core.NewUa("bob", "not-the-password");

            SipMessage response = await bob.RegisterAsync();

            Assert.AreEqual(403, response.StatusCode);
            StringAssert.Contains(response.ReasonPhrase, "wrong user name or password");
            Assert.AreEqual(0, (await LookupAsync("sip:bob@simpleim.test")).Length);
        }

        [TestMethod]
        public async Task Register_UnknownUser_Gets403()
        {
            TestUa carol = _core.NewUa("carol", "carol-pw");

            SipMessage response = await carol.RegisterAsync();

            Assert.AreEqual(403, response.StatusCode);
        }

        [TestMethod]
        public async Task Register_SomeoneElsesAor_Gets403()
        {
            TestUa tom = _core.NewUa("tom", "tom-pw");
            SipMessage register = tom.CreateRequest(SipMethods.Register, "sip:simpleim.test", "sip:bob@simpleim.test");
            register.Headers.Add(SipHeaderNames.Contact, "<" + tom.ContactUri + ">");

            SipMessage response = await tom.SendAsync(register);

            Assert.AreEqual(403, response.StatusCode);
            StringAssert.Contains(response.ReasonPhrase, "tom may not register sip:bob@simpleim.test");
        }

        [TestMethod]
        public async Task Register_ExpiresBelowMinimum_Gets423WithMinExpires()
        {
            TestUa bob = _core.NewUa("bob", "bob-pw");

            SipMessage response = await bob.RegisterAsync(expires: 30);

            Assert.AreEqual(423, response.StatusCode);
            Assert.AreEqual("Interval Too Brief", response.ReasonPhrase);
            Assert.AreEqual("60", response.Headers.Get(SipHeaderNames.MinExpires));
            Assert.AreEqual(0, (await LookupAsync(bob.Aor)).Length);
        }

        [TestMethod]
        public async Task Register_ExpiresAboveMaximum_IsShortened()
        {
            TestUa bob = _core.NewUa("bob", "bob-pw");

            SipMessage response = await bob.RegisterAsync(expires: 999_999);

            Assert.AreEqual(200, response.StatusCode);
            CollectionAssert.AreEqual(new[] { "<" + bob.ContactUri + ">;expires=86400" }, response.Headers.GetAll(SipHeaderNames.Contact));
        }

        [TestMethod]
        public async Task Register_ContactExpiresParameter_OverridesTheExpiresHeader()
        {
            TestUa bob = _core.NewUa("bob", "bob-pw");

            SipMessage response = await bob.SendAsync(bob.CreateRegister(3600, "<sip:bob@127.0.0.1:7001>;expires=120", "<sip:bob@127.0.0.1:7002>"));

            Assert.AreEqual(200, response.StatusCode);
            CollectionAssert.AreEquivalent(
                new[] { "<sip:bob@127.0.0.1:7001>;expires=120", "<sip:bob@127.0.0.1:7002>;expires=3600" },
                response.Headers.GetAll(SipHeaderNames.Contact));
        }

        [TestMethod]
        public async Task Register_NoExpiresAnywhere_GetsTheDefault()
        {
            TestUa bob = _core.NewUa("bob", "bob-pw");

            SipMessage response = await bob.SendAsync(bob.CreateRegister(null, "<sip:bob@127.0.0.1:7001>"));

            CollectionAssert.AreEqual(new[] { "<sip:bob@127.0.0.1:7001>;expires=3600" }, response.Headers.GetAll(SipHeaderNames.Contact));
        }

        [TestMethod]
        public async Task Register_SeveralContactsWithQ_AllBoundAndLookedUpHighestQFirst()
        {
            TestUa bob = _core.NewUa("bob", "bob-pw");

            SipMessage response = await bob.SendAsync(bob.CreateRegister(
                3600, "<sip:bob@127.0.0.1:7001>;q=0.1", "<sip:bob@127.0.0.1:7002>", "<sip:bob@127.0.0.1:7003>;q=0.7"));

            Assert.AreEqual(200, response.StatusCode);
            Assert.AreEqual(3, response.Headers.CountOf(SipHeaderNames.Contact));
            CollectionAssert.Contains(response.Headers.GetAll(SipHeaderNames.Contact), "<sip:bob@127.0.0.1:7003>;expires=3600;q=0.7");
            CollectionAssert.AreEqual(
                new[] { "sip:bob@127.0.0.1:7002", "sip:bob@127.0.0.1:7003", "sip:bob@127.0.0.1:7001" },
                await LookupAsync(bob.Aor));
        }

        [TestMethod]
        public async Task Register_SecondRegistrationAddsAContactAndRefreshKeepsOne()
        {
            TestUa bob = _core.NewUa("bob", "bob-pw");
            await bob.SendAsync(bob.CreateRegister(3600, "<sip:bob@127.0.0.1:7001>"));

            await bob.SendAsync(bob.CreateRegister(3600, "<sip:bob@127.0.0.1:7002>"));
            SipMessage refresh = await bob.SendAsync(bob.CreateRegister(1800, "<sip:bob@127.0.0.1:7001>"));

            Assert.AreEqual(200, refresh.StatusCode);
            CollectionAssert.AreEquivalent(
                new[] { "<sip:bob@127.0.0.1:7001>;expires=1800", "<sip:bob@127.0.0.1:7002>;expires=3600" },
                refresh.Headers.GetAll(SipHeaderNames.Contact));
        }

        [TestMethod]
        public async Task Register_ExpiresZeroForOneContact_RemovesOnlyThatOne()
        {
            TestUa bob = _core.NewUa("bob", "bob-pw");
            await bob.SendAsync(bob.CreateRegister(3600, "<sip:bob@127.0.0.1:7001>", "<sip:bob@127.0.0.1:7002>"));

            SipMessage response = await bob.SendAsync(bob.CreateRegister(null, "<sip:bob@127.0.0.1:7001>;expires=0"));

            Assert.AreEqual(200, response.StatusCode);
            CollectionAssert.AreEqual(new[] { "<sip:bob@127.0.0.1:7002>;expires=3600" }, response.Headers.GetAll(SipHeaderNames.Contact));
        }

        [TestMethod]
        public async Task Register_WildcardWithExpiresZero_RemovesEveryContact()
        {
            TestUa bob = _core.NewUa("bob", "bob-pw");
            await bob.SendAsync(bob.CreateRegister(3600, "<sip:bob@127.0.0.1:7001>", "<sip:bob@127.0.0.1:7002>"));

            SipMessage response = await bob.SendAsync(bob.CreateRegister(0, "*"));

            Assert.AreEqual(200, response.StatusCode);
            Assert.AreEqual(0, response.Headers.CountOf(SipHeaderNames.Contact));
            Assert.AreEqual(0, (await LookupAsync(bob.Aor)).Length);
            Assert.AreEqual(0, (await _core.Storage.Bindings.ListLiveAsync(bob.Aor, DateTimeOffset.UtcNow)).Count, "the removal is stored");
        }

        [TestMethod]
        [DataRow(null, "*")]
        [DataRow(3600L, "*")]
        [DataRow(0L, "*", "<sip:bob@127.0.0.1:7001>")]
        public async Task Register_WildcardWithoutExpiresZeroOrWithOtherContacts_Gets400(long? expires, params string[] contacts)
        {
            TestUa bob = _core.NewUa("bob", "bob-pw");

            SipMessage response = await bob.SendAsync(bob.CreateRegister(expires, contacts));

            Assert.AreEqual(400, response.StatusCode);
            StringAssert.Contains(response.ReasonPhrase, "Contact: * must be the only Contact and come with Expires: 0");
        }

        [TestMethod]
        public async Task Register_Query_ListsBindingsAndChangesNothing()
        {
            TestUa bob = _core.NewUa("bob", "bob-pw");
            await bob.SendAsync(bob.CreateRegister(3600, "<sip:bob@127.0.0.1:7001>"));

            SipMessage response = await bob.SendAsync(bob.CreateRegister(null));

            Assert.AreEqual(200, response.StatusCode);
            CollectionAssert.AreEqual(new[] { "<sip:bob@127.0.0.1:7001>;expires=3600" }, response.Headers.GetAll(SipHeaderNames.Contact));
        }

        [TestMethod]
        public async Task Register_SameCallIdAndNotHigherCSeq_Gets400AndKeepsTheBinding()
        {
            TestUa bob = _core.NewUa("bob", "bob-pw");
            SipMessage first = bob.CreateRegister(3600, "<sip:bob@127.0.0.1:7001>");
            SipMessage challenged = await bob.SendOnceAsync(first);
            SipMessage authenticated = bob.WithCredentials(first, challenged);
            Assert.AreEqual(200, (await bob.SendOnceAsync(authenticated)).StatusCode);

            // The same REGISTER again (same Call-ID and CSeq) with fresh credentials: out of order.
            SipMessage replayed = bob.CreateRegister(60, "<sip:bob@127.0.0.1:7001>");
            replayed.Headers.Set(SipHeaderNames.CSeq, authenticated.Headers.Get(SipHeaderNames.CSeq));
            SipMessage challenge2 = await bob.SendOnceAsync(replayed);
            SipMessage again = bob.WithCredentials(replayed, challenge2);
            again.Headers.Set(SipHeaderNames.CSeq, authenticated.Headers.Get(SipHeaderNames.CSeq));
            SipMessage response = await bob.SendOnceAsync(again);

            Assert.AreEqual(400, response.StatusCode);
            StringAssert.Contains(response.ReasonPhrase, "is not above");
            Assert.AreEqual(1, (await LookupAsync(bob.Aor)).Length);
        }

        [TestMethod]
        [DataRow("Expires: soon", "Invalid Expires header")]
        [DataRow("Contact: <sip:bob@127.0.0.1:7001>;expires=later", "Invalid expires parameter")]
        [DataRow("Contact: <sip:bob@127.0.0.1:7001>;q=2", "Invalid q parameter")]
        [DataRow("Contact: <tel:+15551234>", "is not a sip or sips URI")]
        public async Task Register_MalformedExpiryOrContact_Gets400BeforeAnyChallenge(string header, string reason)
        {
            TestUa bob = _core.NewUa("bob");
            SipMessage register = bob.CreateRegister(null);
            int colon = header.IndexOf(':');
            register.Headers.Add(header[..colon], header[(colon + 1)..].Trim());

            SipMessage response = await bob.SendAsync(register);

            Assert.AreEqual(400, response.StatusCode);
            StringAssert.Contains(response.ReasonPhrase, reason);
        }

        [TestMethod]
        public async Task Register_ForAnotherDomain_Gets404()
        {
            TestUa bob = _core.NewUa("bob", "bob-pw");
            SipMessage register = bob.CreateRequest(SipMethods.Register, "sip:simpleim.test", "sip:bob@elsewhere.test");
            register.Headers.Add(SipHeaderNames.Contact, "<" + bob.ContactUri + ">");

            SipMessage response = await bob.SendAsync(register);

            Assert.AreEqual(404, response.StatusCode);
        }

        [TestMethod]
        public async Task Register_KeepsTheSourceAddressForNat()
        {
            TestUa bob = _core.NewUa("bob", "bob-pw");

            await bob.SendAsync(bob.CreateRegister(3600, "<sip:bob@192.0.2.33:5060>"));

            RegisteredContact contact = (await _core.OnLoopAsync(() => _core.Core.Location.Lookup(bob.Aor))).Single();
            Assert.AreEqual("127.0.0.1:" + bob.Port, contact.Binding.Source);
            Assert.AreEqual("udp", contact.Binding.Transport);
            Assert.AreEqual(bob.CallId, contact.Binding.CallId);
        }

        [TestMethod]
        public async Task Binding_AfterItsLifetime_IsNoLongerListed()
        {
            await using CoreHarness core = await CoreHarness.StartAsync(o => o.Registrar.MinExpires = 1);
            TestUa bob = core.NewUa("bob", "bob-pw");
            Assert.AreEqual(200, (await bob.RegisterAsync(expires: 1)).StatusCode);
            Assert.AreEqual(1, (await core.OnLoopAsync(() => core.Core.Location.Lookup(bob.Aor))).Count);

            DateTime deadline = DateTime.UtcNow.AddSeconds(5);
            while (DateTime.UtcNow < deadline && (await core.OnLoopAsync(() => core.Core.Location.Lookup(bob.Aor))).Count > 0)
            {
                await Task.Delay(100);
            }

            Assert.AreEqual(0, (await core.OnLoopAsync(() => core.Core.Location.Lookup(bob.Aor))).Count);
            SipMessage query = await bob.SendAsync(bob.CreateRegister(null));
            Assert.AreEqual(0, query.Headers.CountOf(SipHeaderNames.Contact));
        }

        [TestMethod]
        public async Task Restart_KeepsBindingsAndNonceSecret()
        {
            TestUa bob = _core.NewUa("bob", "bob-pw");
            Assert.AreEqual(200, (await bob.SendAsync(bob.CreateRegister(3600, "<sip:bob@127.0.0.1:7001>;q=0.5", "<sip:bob@127.0.0.1:7002>"))).StatusCode);
            SipMessage challenge = await bob.SendOnceAsync(bob.CreateRegister(null));
            Assert.AreEqual(401, challenge.StatusCode);
            SipMessage query = bob.CreateRegister(null);
            SipMessage answeredLater = bob.WithCredentials(query, challenge);

            _core = await _core.RestartAsync();
            bob = _core.NewUa("bob", "bob-pw");

            CollectionAssert.AreEqual(
                new[] { "sip:bob@127.0.0.1:7002", "sip:bob@127.0.0.1:7001" },
                await LookupAsync("sip:bob@simpleim.test"));

            // A nonce from before the restart is still this server's (same secret), so the right password gets a
            // stale=true re-challenge, not a refusal.
            SipMessage response = await bob.SendOnceAsync(answeredLater);
            Assert.AreEqual(401, response.StatusCode);
            StringAssert.Contains(response.Headers.Get(SipHeaderNames.WwwAuthenticate), "stale=true");
        }

        [TestMethod]
        public async Task WriteBehind_AnswersAndStoresTheBindingSoonAfter()
        {
            await using CoreHarness core = await CoreHarness.StartAsync(o => o.Registrar.WriteBehind = true);
            TestUa bob = core.NewUa("bob", "bob-pw");

            SipMessage response = await bob.RegisterAsync();

            Assert.AreEqual(200, response.StatusCode);
            DateTime deadline = DateTime.UtcNow.AddSeconds(5);
            while (DateTime.UtcNow < deadline && (await core.Storage.Bindings.ListLiveAsync(bob.Aor, DateTimeOffset.UtcNow)).Count == 0)
            {
                await Task.Delay(20);
            }

            Assert.AreEqual(bob.ContactUri, (await core.Storage.Bindings.ListLiveAsync(bob.Aor, DateTimeOffset.UtcNow)).Single().ContactUri);
        }

        [TestMethod]
        public async Task Restart_AfterWriteBehindRegistrations_KeepsThem()
        {
            await using CoreHarness first = await CoreHarness.StartAsync(o => o.Registrar.WriteBehind = true);
            TestUa bob = first.NewUa("bob", "bob-pw");
            for (int i = 0; i < 12; i++)
            {
                Assert.AreEqual(200, (await bob.SendAsync(bob.CreateRegister(3600, $"<sip:bob@127.0.0.1:{7000 + i}>"))).StatusCode);
            }

            await using CoreHarness second = await first.RestartAsync();

            Assert.AreEqual(12, (await second.OnLoopAsync(() => second.Core.Location.Lookup("sip:bob@simpleim.test"))).Count);
        }

        private async Task<string[]> LookupAsync(string aor) =>
            (await _core.OnLoopAsync(() => _core.Core.Location.Lookup(aor))).Select(c => c.Binding.ContactUri).ToArray();

        private static string? SipTagOf(string? to) => to is null ? null : NameAddress.Parse(to).Tag;
    }
}
