#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using SimpleImGateway.Sip.Auth;
using SimpleImGateway.Sip.Common;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Tests.Auth
{
    [TestClass]
    public class DigestClientTests
    {
        private static DigestClient NewClient() => new DigestClient(new SystemRandomSource(new Random(7)));

        private static DigestChallenge Challenge(string algorithm, string qop, string nonce = "nonce-1", string realm = "example.com")
            => new DigestChallenge { Realm = realm, Nonce = nonce, Algorithm = algorithm, Qop = qop, Opaque = "opq" };

        [TestMethod]
        public void Answer_Sha256Challenge_CredentialsMatchChallengeAndRecomputedResponse()
        {
            DigestCredentials c = NewClient().Answer(Challenge("SHA-256", "auth,auth-int"), "alice", "secret", "REGISTER", "sip:example.com");

            Assert.AreEqual("alice", c.Username);
            Assert.AreEqual("example.com", c.Realm);
            Assert.AreEqual("nonce-1", c.Nonce);
            Assert.AreEqual("sip:example.com", c.Uri);
            Assert.AreEqual("SHA-256", c.Algorithm);
            Assert.AreEqual("opq", c.Opaque);
            Assert.AreEqual("auth", c.Qop);
            Assert.AreEqual(1u, c.NonceCount);
            Assert.AreEqual(24, c.Cnonce.Length);
            Assert.AreEqual(64, c.Response.Length);
            string ha1 = DigestHa1.ComputeSha256("alice", "example.com", "secret");
            Assert.AreEqual(DigestResponse.Compute(DigestAlgorithm.Sha256, ha1, "nonce-1", 1, c.Cnonce, "auth", "REGISTER", "sip:example.com"), c.Response);
        }

        [TestMethod]
        public void Answer_ChallengeWithoutAlgorithm_OmitsAlgorithmAndUsesMd5()
        {
            DigestCredentials c = NewClient().Answer(Challenge(null, "auth"), "alice", "secret", "INVITE", "sip:bob@example.com");

            Assert.IsNull(c.Algorithm);
            Assert.AreEqual(32, c.Response.Length);
            string ha1 = DigestHa1.ComputeMd5("alice", "example.com", "secret");
            Assert.AreEqual(DigestResponse.Compute(DigestAlgorithm.Md5, ha1, "nonce-1", 1, c.Cnonce, "auth", "INVITE", "sip:bob@example.com"), c.Response);
        }

        [TestMethod]
        public void Answer_ChallengeWithoutQop_Rfc2069FormWithoutNcOrCnonce()
        {
            DigestCredentials c = NewClient().Answer(Challenge("MD5", null), "alice", "secret", "INVITE", "sip:bob@example.com");

            Assert.IsNull(c.Qop);
            Assert.IsNull(c.Cnonce);
            Assert.AreEqual(0u, c.NonceCount);
            string ha1 = DigestHa1.ComputeMd5("alice", "example.com", "secret");
            Assert.AreEqual(DigestResponse.Compute(DigestAlgorithm.Md5, ha1, "nonce-1", 0, null, null, "INVITE", "sip:bob@example.com"), c.Response);
            Assert.IsTrue(c.Format().IndexOf("nc=") < 0);
        }

        [TestMethod]
        public void Answer_SameNonceRepeatedly_NonceCountIncreasesAndCnonceChanges()
        {
            DigestClient client = NewClient();
            DigestChallenge challenge = Challenge("MD5", "auth");

            DigestCredentials first = client.Answer(challenge, "alice", "secret", "MESSAGE", "sip:bob@example.com");
            DigestCredentials second = client.Answer(challenge, "alice", "secret", "MESSAGE", "sip:bob@example.com");
            DigestCredentials third = client.Answer(challenge, "alice", "secret", "MESSAGE", "sip:bob@example.com");

            Assert.AreEqual(1u, first.NonceCount);
            Assert.AreEqual(2u, second.NonceCount);
            Assert.AreEqual(3u, third.NonceCount);
            Assert.AreNotEqual(first.Cnonce, second.Cnonce);
            Assert.IsTrue(third.Format().IndexOf("nc=00000003") >= 0);
        }

        [TestMethod]
        public void Answer_NewNonceForRealm_NonceCountRestartsAtOne()
        {
            DigestClient client = NewClient();
            client.Answer(Challenge("MD5", "auth", "n1"), "alice", "secret", "REGISTER", "sip:example.com");
            client.Answer(Challenge("MD5", "auth", "n1"), "alice", "secret", "REGISTER", "sip:example.com");

            DigestCredentials c = client.Answer(Challenge("MD5", "auth", "n2"), "alice", "secret", "REGISTER", "sip:example.com");

            Assert.AreEqual(1u, c.NonceCount);
        }

        [TestMethod]
        public void Answer_TwoRealms_CountedSeparately()
        {
            DigestClient client = NewClient();
            client.Answer(Challenge("MD5", "auth", "a", "proxy.example.com"), "alice", "pw", "INVITE", "sip:bob@example.com");
            client.Answer(Challenge("MD5", "auth", "a", "proxy.example.com"), "alice", "pw", "INVITE", "sip:bob@example.com");

            DigestCredentials registrar = client.Answer(Challenge("MD5", "auth", "b", "example.com"), "alice", "pw", "INVITE", "sip:bob@example.com");
            DigestCredentials proxy = client.Answer(Challenge("MD5", "auth", "a", "proxy.example.com"), "alice", "pw", "INVITE", "sip:bob@example.com");

            Assert.AreEqual(1u, registrar.NonceCount);
            Assert.AreEqual(3u, proxy.NonceCount);
        }

        [TestMethod]
        public void Answer_MoreRealmsThanRemembered_LeastRecentlyUsedForgotten()
        {
            DigestClient client = NewClient();
            for (int i = 0; i <= DigestClient.MaxRealms; i++)
            {
                client.Answer(Challenge("MD5", "auth", "n", "realm" + i), "u", "p", "INVITE", "sip:x");
            }

            // realm0 was the least recently used and made room for the last one; realm1 is still known.
            DigestCredentials forgotten = client.Answer(Challenge("MD5", "auth", "n", "realm0"), "u", "p", "INVITE", "sip:x");
            DigestCredentials kept = client.Answer(Challenge("MD5", "auth", "n", "realm" + DigestClient.MaxRealms), "u", "p", "INVITE", "sip:x");

            Assert.AreEqual(1u, forgotten.NonceCount);
            Assert.AreEqual(2u, kept.NonceCount);
        }

        [DataRow("SHA-256", "auth")]
        [DataRow("MD5-sess", "auth-int, auth")]
        [DataRow(null, null)]
        [TestMethod]
        public void AnswerTo_SameRandomness_AppendsTheTextAnswerFormats(string algorithm, string qop)
        {
            DigestClient objects = NewClient();
            DigestClient text = NewClient();
            var buffer = new CharBuffer(16);

            for (int i = 0; i < 2; i++)
            {
                DigestCredentials expected = objects.Answer(Challenge(algorithm, qop), "alice", "secret", "MESSAGE", "sip:bob@example.com");
                buffer.Clear();
                text.AnswerTo(buffer, Challenge(algorithm, qop), "alice", "secret", "MESSAGE", "sip:bob@example.com");

                Assert.AreEqual(expected.Format(), buffer.ToString());
            }
        }

        [TestMethod]
        public void AnswerTo_Md5Challenge_ResponseVerifiesAgainstTheCnonceItCarries()
        {
            var buffer = new CharBuffer(16);

            NewClient().AnswerTo(buffer, Challenge("MD5", "auth"), "alice", "secret", "REGISTER", "sip:example.com");

            DigestCredentials c = DigestCredentials.Parse(buffer.ToString());
            Assert.AreEqual(24, c.Cnonce.Length);
            Assert.AreEqual(1u, c.NonceCount);
            string ha1 = DigestHa1.ComputeMd5("alice", "example.com", "secret");
            Assert.AreEqual(DigestResponse.Compute(DigestAlgorithm.Md5, ha1, "nonce-1", 1, c.Cnonce, "auth", "REGISTER", "sip:example.com"), c.Response);
        }

        [TestMethod]
        public void AnswerWithHa1_SameAsWithPassword()
        {
            DigestChallenge challenge = Challenge("SHA-256", "auth");
            string ha1 = DigestHa1.ComputeSha256("alice", "example.com", "secret");

            // Same seed, so the same cnonce.
            DigestCredentials withPassword = NewClient().Answer(challenge, "alice", "secret", "REGISTER", "sip:example.com");
            DigestCredentials withHa1 = NewClient().AnswerWithHa1(challenge, "alice", ha1, "REGISTER", "sip:example.com");

            Assert.AreEqual(withPassword.Cnonce, withHa1.Cnonce);
            Assert.AreEqual(withPassword.Response, withHa1.Response);
        }

        [TestMethod]
        public void AnswerWithHa1_Md5HashForSha256Challenge_ThrowsArgumentException()
        {
            string md5Ha1 = DigestHa1.ComputeMd5("alice", "example.com", "secret");

            Assert.ThrowsExactly<ArgumentException>(
                () => NewClient().AnswerWithHa1(Challenge("SHA-256", "auth"), "alice", md5Ha1, "REGISTER", "sip:example.com"));
        }

        [TestMethod]
        [DataRow("SHA-512-256", "auth")]
        [DataRow("MD5", "auth-int")]
        [DataRow("MD5-sess", null)]
        public void Answer_UnanswerableChallenge_ThrowsArgumentException(string algorithm, string qop)
        {
            Assert.IsFalse(DigestClient.CanAnswer(Challenge(algorithm, qop)));
            Assert.ThrowsExactly<ArgumentException>(
                () => NewClient().Answer(Challenge(algorithm, qop), "alice", "secret", "REGISTER", "sip:example.com"));
        }

        [TestMethod]
        public void SelectStrongest_Md5AndSha256_PicksSha256()
        {
            DigestChallenge md5 = Challenge("MD5", "auth");
            DigestChallenge sha = Challenge("SHA-256", "auth");

            Assert.AreSame(sha, DigestClient.SelectStrongest(new[] { md5, sha }));
            Assert.AreSame(sha, DigestClient.SelectStrongest(new[] { sha, md5 }));
        }

        [TestMethod]
        public void SelectStrongest_SkipsUnanswerable()
        {
            DigestChallenge unknown = Challenge("SHA-512-256", "auth");
            DigestChallenge authIntOnly = Challenge("SHA-256", "auth-int");
            DigestChallenge md5Sess = Challenge("MD5-sess", "auth");
            DigestChallenge md5 = Challenge(null, "auth");

            Assert.AreSame(md5, DigestClient.SelectStrongest(new[] { unknown, authIntOnly, md5Sess, md5 }));
            Assert.AreSame(md5Sess, DigestClient.SelectStrongest(new[] { unknown, md5Sess }));
            Assert.IsNull(DigestClient.SelectStrongest(new[] { unknown, authIntOnly }));
            Assert.IsNull(DigestClient.SelectStrongest(new DigestChallenge[0]));
        }
    }
}
