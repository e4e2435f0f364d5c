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
    public class DigestServerTests
    {
        private const string Realm = "example.com";
        private const string Uri = "sip:example.com";
        private const long T0 = 1_700_000_000_000;
        private static readonly byte[] s_secret = Utf8.Encode("0123456789abcdef-server-secret");

        private static DigestServer NewServer(long lifetime = 30000, int capacity = 16)
            => new DigestServer(Realm, s_secret, new SystemRandomSource(new Random(1)), lifetime, capacity);

        private static DigestClient NewClient() => new DigestClient(new SystemRandomSource(new Random(2)));

        // Alice's password is "wonderland"; the store keeps only HA1s.
        private static string Lookup(string username, string realm, DigestAlgorithm algorithm)
            => username == "alice" ? DigestHa1.Compute(algorithm, username, realm, "wonderland") : null;

        private static DigestCredentials Answer(DigestClient client, DigestChallenge challenge, string password = "wonderland", string method = "REGISTER")
            => client.Answer(challenge, "alice", password, method, Uri);

        [TestMethod]
        [DataRow(DigestAlgorithm.Sha256)]
        [DataRow(DigestAlgorithm.Md5)]
        [DataRow(DigestAlgorithm.Sha256Sess)]
        [DataRow(DigestAlgorithm.Md5Sess)]
        public void Verify_ClientAnswerThroughHeaders_Ok(DigestAlgorithm algorithm)
        {
            DigestServer server = NewServer();
            server.Algorithms = new[] { algorithm };
            string wwwAuthenticate = server.CreateChallenges(T0, false)[0].Format();

            DigestChallenge challenge = DigestChallenge.Parse(wwwAuthenticate);
            string authorization = Answer(NewClient(), challenge).Format();
            DigestCredentials credentials = DigestCredentials.Parse(authorization);

            Assert.AreEqual(DigestVerifyResult.Ok, server.Verify(credentials, "REGISTER", Uri, Lookup, T0 + 1000));
        }

        [TestMethod]
        public void CreateChallenges_Default_Sha256ThenMd5SharingOneNonce()
        {
            DigestChallenge[] challenges = NewServer().CreateChallenges(T0, false);

            Assert.AreEqual(2, challenges.Length);
            Assert.AreEqual("SHA-256", challenges[0].Algorithm);
            Assert.AreEqual("MD5", challenges[1].Algorithm);
            Assert.AreEqual(challenges[0].Nonce, challenges[1].Nonce);
            Assert.AreEqual(Realm, challenges[0].Realm);
            Assert.AreEqual("auth", challenges[0].Qop);
            Assert.IsFalse(challenges[0].Stale);
            Assert.AreEqual(
                "Digest realm=\"example.com\", nonce=\"" + challenges[0].Nonce + "\", algorithm=SHA-256, qop=\"auth\"",
                challenges[0].Format());
        }

        [TestMethod]
        public void CreateChallenges_Stale_MarkedStaleOnTheWire()
        {
            DigestChallenge[] challenges = NewServer().CreateChallenges(T0, true);

            Assert.IsTrue(challenges[0].Stale);
            Assert.IsTrue(DigestChallenge.Parse(challenges[1].Format()).Stale);
        }

        [TestMethod]
        public void CreateNonce_TwoCalls_DifferentHexNonces()
        {
            DigestServer server = NewServer();

            string a = server.CreateNonce(T0);
            string b = server.CreateNonce(T0);

            Assert.AreNotEqual(a, b);
            Assert.AreEqual(64, a.Length);
            var bytes = new byte[32];
            Assert.IsTrue(Hex.TryDecode(a, 0, 64, bytes, 0));
            Assert.AreEqual(a, Hex.Encode(bytes, 0, 32));
        }

        [TestMethod]
        public void Verify_WrongPassword_BadResponse()
        {
            DigestServer server = NewServer();
            DigestCredentials c = Answer(NewClient(), server.CreateChallenges(T0, false)[0], "guess");

            Assert.AreEqual(DigestVerifyResult.BadResponse, server.Verify(c, "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        public void Verify_MethodChangedAfterSigning_BadResponse()
        {
            DigestServer server = NewServer();
            DigestCredentials c = Answer(NewClient(), server.CreateChallenges(T0, false)[0]);

            Assert.AreEqual(DigestVerifyResult.BadResponse, server.Verify(c, "INVITE", Uri, Lookup, T0));
        }

        [TestMethod]
        public void Verify_ResponseInUpperCaseHex_Ok()
        {
            DigestServer server = NewServer();
            DigestCredentials c = Answer(NewClient(), server.CreateChallenges(T0, false)[0]);
            c.Response = c.Response.ToUpper();

            Assert.AreEqual(DigestVerifyResult.Ok, server.Verify(c, "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("zz")]
        [DataRow("0123456789abcdef0123456789abcdef")]
        public void Verify_ResponseNotADigest_BadResponse(string response)
        {
            DigestServer server = NewServer();
            DigestCredentials c = Answer(NewClient(), server.CreateChallenges(T0, false)[0]);
            c.Response = response;

            Assert.AreEqual(DigestVerifyResult.BadResponse, server.Verify(c, "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        public void Verify_UnknownUser_UnknownUser()
        {
            DigestServer server = NewServer();
            DigestCredentials c = NewClient().Answer(server.CreateChallenges(T0, false)[0], "mallory", "x", "REGISTER", Uri);

            Assert.AreEqual(DigestVerifyResult.UnknownUser, server.Verify(c, "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        public void Verify_AtEndOfLifetime_OkAndJustAfter_Stale()
        {
            DigestServer server = NewServer(lifetime: 30000);
            DigestClient client = NewClient();
            DigestChallenge challenge = server.CreateChallenges(T0, false)[0];

            Assert.AreEqual(DigestVerifyResult.Ok, server.Verify(Answer(client, challenge), "REGISTER", Uri, Lookup, T0 + 30000));
            Assert.AreEqual(DigestVerifyResult.Stale, server.Verify(Answer(client, challenge), "REGISTER", Uri, Lookup, T0 + 30001));
        }

        [TestMethod]
        public void Verify_ExpiredNonceWithWrongPassword_BadResponseNotStale()
        {
            DigestServer server = NewServer(lifetime: 1000);
            DigestCredentials c = Answer(NewClient(), server.CreateChallenges(T0, false)[0], "guess");

            Assert.AreEqual(DigestVerifyResult.BadResponse, server.Verify(c, "REGISTER", Uri, Lookup, T0 + 5000));
        }

        [TestMethod]
        public void Verify_StaleThenFreshStaleChallenge_ClientRecovers()
        {
            DigestServer server = NewServer(lifetime: 1000);
            DigestClient client = NewClient();
            DigestChallenge first = server.CreateChallenges(T0, false)[0];
            Assert.AreEqual(DigestVerifyResult.Stale, server.Verify(Answer(client, first), "REGISTER", Uri, Lookup, T0 + 2000));

            DigestChallenge again = DigestChallenge.Parse(server.CreateChallenges(T0 + 2000, true)[0].Format());
            DigestCredentials retry = Answer(client, again);

            Assert.IsTrue(again.Stale);
            Assert.AreEqual(1u, retry.NonceCount);
            Assert.AreEqual(DigestVerifyResult.Ok, server.Verify(retry, "REGISTER", Uri, Lookup, T0 + 2001));
        }

        [TestMethod]
        public void Verify_ClockBeforeIssueTime_Stale()
        {
            DigestServer server = NewServer();
            DigestCredentials c = Answer(NewClient(), server.CreateChallenges(T0, false)[0]);

            Assert.AreEqual(DigestVerifyResult.Stale, server.Verify(c, "REGISTER", Uri, Lookup, T0 - 1));
        }

        [TestMethod]
        public void Verify_SameCredentialsTwice_SecondIsReplay()
        {
            DigestServer server = NewServer();
            DigestCredentials c = Answer(NewClient(), server.CreateChallenges(T0, false)[0]);

            Assert.AreEqual(DigestVerifyResult.Ok, server.Verify(c, "REGISTER", Uri, Lookup, T0));
            Assert.AreEqual(DigestVerifyResult.Replay, server.Verify(c, "REGISTER", Uri, Lookup, T0 + 1));
        }

        [TestMethod]
        public void Verify_IncreasingNonceCounts_AllOk()
        {
            DigestServer server = NewServer();
            DigestClient client = NewClient();
            DigestChallenge challenge = server.CreateChallenges(T0, false)[0];

            for (int i = 1; i <= 5; i++)
            {
                DigestCredentials c = Answer(client, challenge, method: "MESSAGE");
                Assert.AreEqual((uint)i, c.NonceCount);
                Assert.AreEqual(DigestVerifyResult.Ok, server.Verify(c, "MESSAGE", Uri, Lookup, T0 + i));
            }
        }

        [TestMethod]
        public void Verify_ReorderedWithinWindow_EachOnceOk()
        {
            DigestServer server = NewServer();
            DigestClient client = NewClient();
            DigestChallenge challenge = server.CreateChallenges(T0, false)[0];
            DigestCredentials nc1 = Answer(client, challenge);
            DigestCredentials nc2 = Answer(client, challenge);
            DigestCredentials nc3 = Answer(client, challenge);

            Assert.AreEqual(DigestVerifyResult.Ok, server.Verify(nc3, "REGISTER", Uri, Lookup, T0));
            Assert.AreEqual(DigestVerifyResult.Ok, server.Verify(nc1, "REGISTER", Uri, Lookup, T0));
            Assert.AreEqual(DigestVerifyResult.Ok, server.Verify(nc2, "REGISTER", Uri, Lookup, T0));
            Assert.AreEqual(DigestVerifyResult.Replay, server.Verify(nc1, "REGISTER", Uri, Lookup, T0));
            Assert.AreEqual(DigestVerifyResult.Replay, server.Verify(nc3, "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        public void Verify_NonceCountFarBehindHighest_Replay()
        {
            DigestServer server = NewServer();
            DigestClient client = NewClient();
            DigestChallenge challenge = server.CreateChallenges(T0, false)[0];
            DigestCredentials early = Answer(client, challenge);
            DigestCredentials late = null;
            for (int i = 0; i < 40; i++)
            {
                late = Answer(client, challenge);
            }

            Assert.AreEqual(41u, late.NonceCount);
            Assert.AreEqual(DigestVerifyResult.Ok, server.Verify(late, "REGISTER", Uri, Lookup, T0));
            Assert.AreEqual(DigestVerifyResult.Replay, server.Verify(early, "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        public void Verify_NonceEvictedByNewerOnes_Stale()
        {
            DigestServer server = NewServer(capacity: 2);
            DigestClient client = NewClient();
            DigestChallenge oldest = server.CreateChallenges(T0, false)[0];
            DigestChallenge middle = server.CreateChallenges(T0, false)[0];
            server.CreateChallenges(T0, false);

            Assert.AreEqual(DigestVerifyResult.Stale, server.Verify(Answer(client, oldest), "REGISTER", Uri, Lookup, T0));
            Assert.AreEqual(DigestVerifyResult.Ok, server.Verify(Answer(client, middle), "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        public void Verify_TamperedNonce_InvalidNonce()
        {
            DigestServer server = NewServer();
            DigestChallenge challenge = server.CreateChallenges(T0, false)[0];
            char[] chars = challenge.Nonce.ToCharArray();

            // Move the issue time forward by changing a digit of the time field: the MAC no longer matches.
            chars[12] = chars[12] == 'f' ? '0' : 'f';
            challenge.Nonce = new string(chars);

            Assert.AreEqual(DigestVerifyResult.InvalidNonce, server.Verify(Answer(NewClient(), challenge), "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("abc")]
        [DataRow("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v")]
        [DataRow("zz00000000000000000000000000000000000000000000000000000000000000")]
        [DataRow("0000000000000000000000000000000000000000000000000000000000000000")]
        public void Verify_ForeignOrGarbageNonce_InvalidNonce(string nonce)
        {
            DigestServer server = NewServer();
            var challenge = new DigestChallenge { Realm = Realm, Nonce = nonce, Algorithm = "SHA-256", Qop = "auth" };

            Assert.AreEqual(DigestVerifyResult.InvalidNonce, server.Verify(Answer(NewClient(), challenge), "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        public void Verify_NonceFromServerWithOtherSecret_InvalidNonce()
        {
            var other = new DigestServer(Realm, Utf8.Encode("another secret of enough length"), new SystemRandomSource(new Random(1)));
            DigestChallenge challenge = other.CreateChallenges(T0, false)[0];

            Assert.AreEqual(DigestVerifyResult.InvalidNonce, NewServer().Verify(Answer(NewClient(), challenge), "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        public void Verify_NonceIssuedForOtherRealmWithSameSecret_InvalidNonce()
        {
            var other = new DigestServer("other.example.com", s_secret, new SystemRandomSource(new Random(1)));
            DigestChallenge challenge = other.CreateChallenges(T0, false)[0];
            challenge.Realm = Realm;

            Assert.AreEqual(DigestVerifyResult.InvalidNonce, NewServer().Verify(Answer(NewClient(), challenge), "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        public void Verify_CredentialsForOtherRealm_WrongRealm()
        {
            DigestServer server = NewServer();
            DigestChallenge challenge = server.CreateChallenges(T0, false)[0];
            challenge.Realm = "elsewhere.com";

            Assert.AreEqual(DigestVerifyResult.WrongRealm, server.Verify(Answer(NewClient(), challenge), "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        public void Verify_DigestUriDiffersFromRequestUri_UriMismatchUnlessUnchecked()
        {
            DigestServer server = NewServer();
            DigestCredentials c = Answer(NewClient(), server.CreateChallenges(T0, false)[0]);

            Assert.AreEqual(DigestVerifyResult.UriMismatch, server.Verify(c, "REGISTER", "sip:other.com", Lookup, T0));
            Assert.AreEqual(DigestVerifyResult.Ok, server.Verify(c, "REGISTER", null, Lookup, T0));
        }

        [TestMethod]
        public void Verify_AlgorithmNotOffered_Unsupported()
        {
            DigestServer server = NewServer();
            server.Algorithms = new[] { DigestAlgorithm.Sha256 };
            DigestChallenge challenge = server.CreateChallenges(T0, false)[0];
            challenge.Algorithm = "MD5";

            Assert.AreEqual(DigestVerifyResult.Unsupported, server.Verify(Answer(NewClient(), challenge), "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        public void Verify_QopAuthInt_Unsupported()
        {
            DigestServer server = NewServer();
            DigestCredentials c = Answer(NewClient(), server.CreateChallenges(T0, false)[0]);
            c.Qop = "auth-int";

            Assert.AreEqual(DigestVerifyResult.Unsupported, server.Verify(c, "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        public void Verify_NoQopByDefault_Unsupported()
        {
            DigestServer server = NewServer();
            DigestChallenge challenge = server.CreateChallenges(T0, false)[1];
            challenge.Qop = null;

            Assert.AreEqual(DigestVerifyResult.Unsupported, server.Verify(Answer(NewClient(), challenge), "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        public void Verify_NoQopWhenAllowed_OkOnceThenReplay()
        {
            DigestServer server = NewServer();
            server.AllowNoQop = true;
            DigestChallenge challenge = server.CreateChallenges(T0, false)[1];
            challenge.Qop = null;
            DigestCredentials c = Answer(NewClient(), challenge);

            Assert.IsNull(c.Qop);
            Assert.AreEqual(DigestVerifyResult.Ok, server.Verify(c, "REGISTER", Uri, Lookup, T0));
            Assert.AreEqual(DigestVerifyResult.Replay, server.Verify(c, "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        public void Verify_MissingFields_Malformed()
        {
            DigestServer server = NewServer();
            DigestChallenge challenge = server.CreateChallenges(T0, false)[0];
            DigestClient client = NewClient();

            DigestCredentials noCnonce = Answer(client, challenge);
            noCnonce.Cnonce = null;
            DigestCredentials zeroNc = Answer(client, challenge);
            zeroNc.NonceCount = 0;
            DigestCredentials noUsername = Answer(client, challenge);
            noUsername.Username = null;

            Assert.AreEqual(DigestVerifyResult.Malformed, server.Verify(noCnonce, "REGISTER", Uri, Lookup, T0));
            Assert.AreEqual(DigestVerifyResult.Malformed, server.Verify(zeroNc, "REGISTER", Uri, Lookup, T0));
            Assert.AreEqual(DigestVerifyResult.Malformed, server.Verify(noUsername, "REGISTER", Uri, Lookup, T0));
        }

        [TestMethod]
        public void Verify_SessAlgorithm_LookupAskedForBaseAlgorithm()
        {
            DigestServer server = NewServer();
            server.Algorithms = new[] { DigestAlgorithm.Sha256Sess };
            DigestCredentials c = Answer(NewClient(), server.CreateChallenges(T0, false)[0]);
            DigestAlgorithm asked = DigestAlgorithm.Unknown;

            DigestVerifyResult result = server.Verify(
                c, "REGISTER", Uri, (u, r, a) => { asked = a; return Lookup(u, r, a); }, T0);

            Assert.AreEqual(DigestVerifyResult.Ok, result);
            Assert.AreEqual(DigestAlgorithm.Sha256, asked);
        }

        [TestMethod]
        public void Verify_LookupReturnsNonHex_InvalidOperationException()
        {
            DigestServer server = NewServer();
            DigestCredentials c = Answer(NewClient(), server.CreateChallenges(T0, false)[0]);

            Assert.ThrowsExactly<InvalidOperationException>(() => server.Verify(c, "REGISTER", Uri, (u, r, a) => "wonderland", T0));
        }

        [TestMethod]
        public void Constructor_ShortSecret_ThrowsArgumentException()
        {
            Assert.ThrowsExactly<ArgumentException>(() => new DigestServer(Realm, new byte[8], new SystemRandomSource(new Random(1))));
        }
    }
}
