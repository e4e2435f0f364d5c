// Host only: the expected digests are computed with System.Security.Cryptography, independently of Shared's hashes.
#if !NANOFRAMEWORK_1_0
using System;
using System.Security.Cryptography;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Firmware.Tests.Ua.Fakes;
using SimpleImGateway.Firmware.Ua;
using SimpleImGateway.Sip.Auth;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Firmware.Tests.Ua
{
    [TestClass]
    public class RegistrationAuthTests
    {
        [TestMethod]
        [DataRow("MD5")]
        [DataRow("SHA-256")]
        public void Challenge401_Authorization_IsTheDigestOfThePasswordForThatAlgorithm(string algorithm)
        {
            var h = new UaHarness();
            h.Start();
            h.Reply(h.Take(SipMethods.Register), 401, "Unauthorized", UaHarness.Challenge("n0nce-A", algorithm, false));

            SipMessage second = h.Take(SipMethods.Register);

            string header = second.Headers.Get(SipHeaderNames.Authorization);
            DigestCredentials sent = DigestCredentials.Parse(header);
            Assert.AreEqual(sent.Format(), header, "written exactly as Shared's DigestCredentials.Format would");
            Assert.AreEqual("bob", sent.Username);
            Assert.AreEqual("simpleim.test", sent.Realm);
            Assert.AreEqual("n0nce-A", sent.Nonce);
            Assert.AreEqual("sip:simpleim.test", sent.Uri);
            Assert.AreEqual(algorithm, sent.Algorithm);
            Assert.AreEqual("auth", sent.Qop);
            Assert.AreEqual(1u, sent.NonceCount);
            Assert.AreEqual("op4que", sent.Opaque);
            Assert.IsTrue(sent.Cnonce.Length >= 8);
            Assert.AreEqual(Expected(algorithm, "simpleim.test", "REGISTER", "sip:simpleim.test", "n0nce-A", "00000001", sent.Cnonce), sent.Response);
        }

        [TestMethod]
        public void Challenge407_AnswersWithProxyAuthorizationOnly()
        {
            var h = new UaHarness();
            h.Start();
            h.Reply(h.Take(SipMethods.Register), 407, "Proxy Authentication Required",
                "Proxy-Authenticate: Digest realm=\"proxy.test\", nonce=\"pn\", qop=\"auth\"");

            SipMessage second = h.Take(SipMethods.Register);

            Assert.IsFalse(second.Headers.Contains(SipHeaderNames.Authorization));
            DigestCredentials sent = DigestCredentials.Parse(second.Headers.Get(SipHeaderNames.ProxyAuthorization));
            Assert.AreEqual("proxy.test", sent.Realm);
            Assert.AreEqual(Expected("MD5", "proxy.test", "REGISTER", "sip:simpleim.test", "pn", "00000001", sent.Cnonce), sent.Response);
        }

        [TestMethod]
        public void Challenge401_RealmWithQuoteAndBackslash_IsEscapedAsSharedFormats()
        {
            var h = new UaHarness();
            h.Start();
            h.Reply(h.Take(SipMethods.Register), 401, "Unauthorized", "WWW-Authenticate: Digest realm=\"a\\\"b\\\\c\", nonce=\"n\", qop=\"auth\"");

            string header = h.Take(SipMethods.Register).Headers.Get(SipHeaderNames.Authorization);

            DigestCredentials sent = DigestCredentials.Parse(header);
            Assert.AreEqual("a\"b\\c", sent.Realm);
            Assert.AreEqual(sent.Format(), header);
        }

        [TestMethod]
        public void Challenge401_WithoutQop_UsesTheRfc2069Form()
        {
            var h = new UaHarness();
            h.Start();
            h.Reply(h.Take(SipMethods.Register), 401, "Unauthorized", "WWW-Authenticate: Digest realm=\"simpleim.test\", nonce=\"old\"");

            DigestCredentials sent = DigestCredentials.Parse(h.Take(SipMethods.Register).Headers.Get(SipHeaderNames.Authorization));

            Assert.IsNull(sent.Qop);
            string ha1 = Hex(MD5.HashData(Encoding.UTF8.GetBytes("bob:simpleim.test:PW")));
            string ha2 = Hex(MD5.HashData(Encoding.UTF8.GetBytes("REGISTER:sip:simpleim.test")));
            Assert.AreEqual(Hex(MD5.HashData(Encoding.UTF8.GetBytes(ha1 + ":old:" + ha2))), sent.Response);
        }

        [TestMethod]
        public void Challenge401_ToAnsweredChallengeWithoutStale_IsWrongCredentials()
        {
            var h = new UaHarness();
            h.Start();
            h.Reply(h.Take(SipMethods.Register), 401, "Unauthorized", UaHarness.Challenge("n1", "MD5", false));
            SipMessage answered = h.Take(SipMethods.Register);

            h.Reply(answered, 401, "Unauthorized", UaHarness.Challenge("n2", "MD5", false));

            Assert.IsFalse(h.HasUntaken());
            Assert.AreEqual(RegistrationState.RetryWait, h.Ua.Registration.State);
            UaEvent failed = h.FindEvent(UaEventKind.AuthenticationFailed);
            Assert.IsNotNull(failed);
            Assert.AreEqual(401, failed.StatusCode);
            Assert.IsTrue(h.Log.Contains("credentials for user 'bob' rejected by realm 'simpleim.test'"));
            Assert.AreEqual(1, h.Ua.Registration.ConsecutiveFailures);

            // The retry starts clean: no credentials for the forgotten challenge.
            SipMessage retry = h.AdvanceUntilRequest(10000);
            Assert.IsFalse(retry.Headers.Contains(SipHeaderNames.Authorization));
        }

        [TestMethod]
        public void Refresh_CarriesCredentialsUpFrontWithTheNextNonceCount()
        {
            var h = new UaHarness();
            h.StartRegistered(600);

            SipMessage refresh = h.AdvanceUntilRequest(600000);

            DigestCredentials sent = DigestCredentials.Parse(refresh.Headers.Get(SipHeaderNames.Authorization));
            Assert.AreEqual("n0nce1", sent.Nonce);
            Assert.AreEqual(2u, sent.NonceCount);
            Assert.AreEqual(Expected("MD5", "simpleim.test", "REGISTER", "sip:simpleim.test", "n0nce1", "00000002", sent.Cnonce), sent.Response);
        }

        [TestMethod]
        public void Refresh_StaleNonce_ReauthenticatesWithoutCountingAFailure()
        {
            var h = new UaHarness();
            h.StartRegistered(600);
            SipMessage refresh = h.AdvanceUntilRequest(600000);

            h.Reply(refresh, 401, "Unauthorized", UaHarness.Challenge("n0nce2", "MD5", true));
            SipMessage again = h.Take(SipMethods.Register);
            h.Reply(again, 200, "OK", "Expires: 600");

            DigestCredentials sent = DigestCredentials.Parse(again.Headers.Get(SipHeaderNames.Authorization));
            Assert.AreEqual("n0nce2", sent.Nonce);
            Assert.AreEqual(1u, sent.NonceCount);
            Assert.AreEqual(RegistrationState.Registered, h.Ua.Registration.State);
            Assert.AreEqual(0, h.Ua.Registration.ConsecutiveFailures);
            Assert.AreEqual(0, h.CountEvents(UaEventKind.RegistrationFailed));
            Assert.AreEqual(0, h.CountEvents(UaEventKind.AuthenticationFailed));
            Assert.IsTrue(h.Log.Contains("nonce went stale"));
        }

        [TestMethod]
        public void Refresh_StaleTwiceInARow_StillReauthenticates()
        {
            var h = new UaHarness();
            h.StartRegistered(600);
            SipMessage refresh = h.AdvanceUntilRequest(600000);

            h.Reply(refresh, 401, "Unauthorized", UaHarness.Challenge("s1", "MD5", true));
            h.Reply(h.Take(SipMethods.Register), 401, "Unauthorized", UaHarness.Challenge("s2", "MD5", true));
            SipMessage third = h.Take(SipMethods.Register);

            Assert.AreEqual("s2", DigestCredentials.Parse(third.Headers.Get(SipHeaderNames.Authorization)).Nonce);
            Assert.AreEqual(0, h.CountEvents(UaEventKind.AuthenticationFailed));
        }

        [TestMethod]
        public void Refresh_NewNonceWithoutStale_IsAnsweredOnceNotTreatedAsWrongPassword()
        {
            var h = new UaHarness();
            h.StartRegistered(600);
            SipMessage refresh = h.AdvanceUntilRequest(600000);

            h.Reply(refresh, 401, "Unauthorized", UaHarness.Challenge("fresh", "MD5", false));
            SipMessage again = h.Take(SipMethods.Register);
            h.Reply(again, 200, "OK", "Expires: 600");

            Assert.AreEqual("fresh", DigestCredentials.Parse(again.Headers.Get(SipHeaderNames.Authorization)).Nonce);
            Assert.AreEqual(0, h.CountEvents(UaEventKind.AuthenticationFailed));
            Assert.AreEqual(RegistrationState.Registered, h.Ua.Registration.State);
        }

        [TestMethod]
        public void Challenge401_UnknownAlgorithmOnly_FailsWithAClearReason()
        {
            var h = new UaHarness();
            h.Start();

            h.Reply(h.Take(SipMethods.Register), 401, "Unauthorized",
                "WWW-Authenticate: Digest realm=\"simpleim.test\", nonce=\"x\", qop=\"auth\", algorithm=SHA-512-256");

            Assert.IsFalse(h.HasUntaken());
            Assert.IsTrue(h.Log.Contains("no Digest challenge with an algorithm and qop this device supports"));
            Assert.AreEqual(RegistrationState.RetryWait, h.Ua.Registration.State);
        }

        [TestMethod]
        public void Challenge401_OffersShaAndMd5_PicksSha256()
        {
            var h = new UaHarness();
            h.Start();

            h.Reply(h.Take(SipMethods.Register), 401, "Unauthorized",
                UaHarness.Challenge("m", "MD5", false), UaHarness.Challenge("s", "SHA-256", false));

            DigestCredentials sent = DigestCredentials.Parse(h.Take(SipMethods.Register).Headers.Get(SipHeaderNames.Authorization));
            Assert.AreEqual("SHA-256", sent.Algorithm);
            Assert.AreEqual("s", sent.Nonce);
        }

        [TestMethod]
        public void Message_ChallengedByProxy_RetriesWithCredentialsAndTheSameMessageId()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);
            string id = h.Ua.SendText("sip:alice@simpleim.test", "hello");
            h.Run();
            SipMessage first = h.Take(SipMethods.Message);

            h.Reply(first, 407, "Proxy Authentication Required", "Proxy-Authenticate: Digest realm=\"proxy.test\", nonce=\"pm\", qop=\"auth\"");
            SipMessage second = h.Take(SipMethods.Message);

            Assert.AreEqual(id, second.Headers.Get(SipHeaderNames.MessageId));
            Assert.AreEqual(first.CallId, second.CallId);
            Assert.AreEqual("2 MESSAGE", second.Headers.Get(SipHeaderNames.CSeq));
            DigestCredentials sent = DigestCredentials.Parse(second.Headers.Get(SipHeaderNames.ProxyAuthorization));
            Assert.AreEqual(Expected("MD5", "proxy.test", "MESSAGE", "sip:alice@simpleim.test", "pm", "00000001", sent.Cnonce), sent.Response);
        }

        // The RFC 7616 qop=auth response for user bob with password PW.
        private static string Expected(string algorithm, string realm, string method, string uri, string nonce, string nc, string cnonce)
        {
            Func<string, string> h = algorithm == "SHA-256"
                ? s => Hex(SHA256.HashData(Encoding.UTF8.GetBytes(s)))
                : s => Hex(MD5.HashData(Encoding.UTF8.GetBytes(s)));
            string ha1 = h("bob:" + realm + ":PW");
            string ha2 = h(method + ":" + uri);
            return h(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        }

        private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
    }
}
#endif
