#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using SimpleImGateway.Sip.Auth;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Tests.Auth
{
    [TestClass]
    public class DigestChallengeTests
    {
        // RFC 7616 §3.9.1, the SHA-256 challenge, folded over lines as in the RFC.
        private const string Rfc7616Challenge =
            "Digest\r\n    realm=\"http-auth@example.org\",\r\n    qop=\"auth, auth-int\",\r\n    algorithm=SHA-256,\r\n"
            + "    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

        [TestMethod]
        public void Parse_Rfc7616Challenge_AllFields()
        {
            DigestChallenge c = DigestChallenge.Parse(Rfc7616Challenge);

            Assert.AreEqual("http-auth@example.org", c.Realm);
            Assert.AreEqual("auth, auth-int", c.Qop);
            Assert.AreEqual("SHA-256", c.Algorithm);
            Assert.AreEqual(DigestAlgorithm.Sha256, c.AlgorithmKind);
            Assert.AreEqual("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", c.Nonce);
            Assert.AreEqual("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", c.Opaque);
            Assert.IsFalse(c.Stale);
            Assert.IsNull(c.Domain);
            Assert.AreEqual(0, c.OtherParameters.Count);
            Assert.IsTrue(c.OffersQop("auth"));
            Assert.IsTrue(c.OffersQop("auth-int"));
            Assert.IsFalse(c.OffersQop("auth-conf"));
        }

        [TestMethod]
        public void Parse_Rfc3261StyleChallenge_DomainStaleAndAlgorithm()
        {
            DigestChallenge c = DigestChallenge.Parse(
                "Digest realm=\"atlanta.com\", domain=\"sip:ss1.carrier.com\", qop=\"auth\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5");

            Assert.AreEqual("sip:ss1.carrier.com", c.Domain);
            Assert.AreEqual(string.Empty, c.Opaque);
            Assert.IsFalse(c.Stale);
            Assert.AreEqual(DigestAlgorithm.Md5, c.AlgorithmKind);
        }

        [TestMethod]
        public void Parse_NamesAndSchemeInOtherCase_Recognized()
        {
            DigestChallenge c = DigestChallenge.Parse("dIgEsT REALM=\"r\", Nonce=\"n\", STALE=True, Algorithm=sha-256-SESS, QOP=\"Auth\"");

            Assert.AreEqual("r", c.Realm);
            Assert.AreEqual("n", c.Nonce);
            Assert.IsTrue(c.Stale);
            Assert.AreEqual(DigestAlgorithm.Sha256Sess, c.AlgorithmKind);
            Assert.IsTrue(c.OffersQop("auth"));
        }

        [TestMethod]
        public void Parse_QuotedStringWithEscapesAndCommas_Unescaped()
        {
            DigestChallenge c = DigestChallenge.Parse("Digest realm=\"a \\\"b\\\", c\\\\d\", nonce=\"x,y\"");

            Assert.AreEqual("a \"b\", c\\d", c.Realm);
            Assert.AreEqual("x,y", c.Nonce);
        }

        [TestMethod]
        public void Parse_WhitespaceAroundEqualsAndEmptyElements_Accepted()
        {
            DigestChallenge c = DigestChallenge.Parse("  Digest \t ,realm = \"r\" ,, nonce\t=\t\"n\" , ");

            Assert.AreEqual("r", c.Realm);
            Assert.AreEqual("n", c.Nonce);
        }

        [TestMethod]
        public void Parse_NoAlgorithm_MeansMd5()
        {
            DigestChallenge c = DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n\"");

            Assert.IsNull(c.Algorithm);
            Assert.AreEqual(DigestAlgorithm.Md5, c.AlgorithmKind);
            Assert.IsNull(c.Qop);
        }

        [TestMethod]
        public void Parse_UnknownAlgorithm_KeptAsUnknown()
        {
            DigestChallenge c = DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256");

            Assert.AreEqual("SHA-512-256", c.Algorithm);
            Assert.AreEqual(DigestAlgorithm.Unknown, c.AlgorithmKind);
        }

        [TestMethod]
        public void Parse_UnknownParameters_KeptInOrderWithQuoting()
        {
            DigestChallenge c = DigestChallenge.Parse("Digest realm=\"r\", charset=UTF-8, nonce=\"n\", userhash=true, x-ext=\"a b\"");

            Assert.AreEqual(3, c.OtherParameters.Count);
            var charset = (AuthParam)c.OtherParameters[0];
            Assert.AreEqual("charset", charset.Name);
            Assert.AreEqual("UTF-8", charset.Value);
            Assert.IsFalse(charset.Quoted);
            Assert.AreEqual("true", c.GetOtherParameter("USERHASH").Value);
            Assert.IsTrue(c.GetOtherParameter("x-ext").Quoted);
            Assert.IsNull(c.GetOtherParameter("missing"));
        }

        [TestMethod]
        public void Parse_StaleValues_OnlyTrueIsTrue()
        {
            Assert.IsTrue(DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n\", stale=\"true\"").Stale);
            Assert.IsFalse(DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n\", stale=false").Stale);
            Assert.IsFalse(DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n\", stale=yes").Stale);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("   ")]
        [DataRow("Basic realm=\"r\"")]
        [DataRow("Digest")]
        [DataRow("Digestrealm=\"r\", nonce=\"n\"")]
        [DataRow("Digest realm")]
        [DataRow("Digest realm=, nonce=\"n\"")]
        [DataRow("Digest realm=\"r, nonce=\"n")]
        [DataRow("Digest realm=\"r\\")]
        [DataRow("Digest realm=\"r\" nonce=\"n\"")]
        [DataRow("Digest realm=\"r\"x, nonce=\"n\"")]
        [DataRow("Digest realm=\"r\", realm=\"s\", nonce=\"n\"")]
        [DataRow("Digest realm=\"r\", nonce=\"n\", NONCE=\"m\"")]
        [DataRow("Digest nonce=\"n\"")]
        [DataRow("Digest realm=\"r\"")]
        [DataRow("Digest =\"r\", nonce=\"n\"")]
        [DataRow("Digest realm=\"r\", nonce=\"n\", @=x")]
        [DataRow("Digest realm=r\"x\", nonce=\"n\"")]
        public void Parse_Malformed_ThrowsSipParseException(string value)
        {
            var ex = Assert.ThrowsExactly<SipParseException>(() => DigestChallenge.Parse(value));

            Assert.AreEqual(400, ex.StatusCode);
            Assert.IsTrue(ex.Reason.Length > 0);
        }

        [TestMethod]
        public void Parse_Null_ThrowsSipParseException()
        {
            Assert.ThrowsExactly<SipParseException>(() => DigestChallenge.Parse(null));
        }

        [TestMethod]
        public void Format_ServerChallenge_ExactText()
        {
            var c = new DigestChallenge
            {
                Realm = "example.com",
                Nonce = "abc123",
                Algorithm = "SHA-256",
                Qop = "auth",
                Stale = true,
            };

            Assert.AreEqual("Digest realm=\"example.com\", nonce=\"abc123\", stale=true, algorithm=SHA-256, qop=\"auth\"", c.Format());
        }

        [TestMethod]
        public void Format_ParsedChallenge_RoundTripsAllFields()
        {
            DigestChallenge original = DigestChallenge.Parse(
                "Digest realm=\"a\\\"b\", domain=\"sip:a sip:b\", nonce=\"n\", opaque=\"o\", stale=true, algorithm=MD5-sess, qop=\"auth,auth-int\", charset=UTF-8, x=\"y z\"");

            string text = original.Format();
            DigestChallenge again = DigestChallenge.Parse(text);

            Assert.AreEqual(
                "Digest realm=\"a\\\"b\", domain=\"sip:a sip:b\", nonce=\"n\", opaque=\"o\", stale=true, algorithm=MD5-sess, qop=\"auth,auth-int\", charset=UTF-8, x=\"y z\"",
                text);
            Assert.AreEqual(text, again.Format());
            Assert.AreEqual("a\"b", again.Realm);
        }

        [TestMethod]
        public void Format_CrLfInRealm_ThrowsArgumentException()
        {
            var c = new DigestChallenge { Realm = "evil\r\nVia: x", Nonce = "n" };

            Assert.ThrowsExactly<ArgumentException>(() => c.Format());
        }

        [TestMethod]
        public void Format_AlgorithmNotAToken_ThrowsArgumentException()
        {
            var c = new DigestChallenge { Realm = "r", Nonce = "n", Algorithm = "MD 5" };

            Assert.ThrowsExactly<ArgumentException>(() => c.Format());
        }

        [TestMethod]
        [DataRow("Digest realm=\"r\"", true)]
        [DataRow("  digest realm=\"r\"", true)]
        [DataRow("Digest", true)]
        [DataRow("Basic realm=\"r\"", false)]
        [DataRow("DigestX realm=\"r\"", false)]
        [DataRow("", false)]
        public void IsDigest_Value_ExpectedResult(string value, bool expected)
        {
            Assert.AreEqual(expected, DigestChallenge.IsDigest(value));
        }
    }
}
