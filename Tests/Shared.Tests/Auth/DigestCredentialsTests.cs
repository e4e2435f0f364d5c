#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using SimpleImGateway.Sip.Auth;
using SimpleImGateway.Sip.Text;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Tests.Auth
{
    [TestClass]
    public class DigestCredentialsTests
    {
        // RFC 2617 §3.5, folded as in the RFC.
        private const string Rfc2617Authorization =
            "Digest username=\"Mufasa\",\r\n                 realm=\"testrealm@host.com\",\r\n"
            + "                 nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\",\r\n                 uri=\"/dir/index.html\",\r\n"
            + "                 qop=auth,\r\n                 nc=00000001,\r\n                 cnonce=\"0a4f113b\",\r\n"
            + "                 response=\"6629fae49393a05397450978507c4ef1\",\r\n                 opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

        [TestMethod]
        public void Parse_Rfc2617Example_AllFields()
        {
            DigestCredentials c = DigestCredentials.Parse(Rfc2617Authorization);

            Assert.AreEqual("Mufasa", c.Username);
            Assert.AreEqual("testrealm@host.com", c.Realm);
            Assert.AreEqual("dcd98b7102dd2f0e8b11d0f600bfb0c093", c.Nonce);
            Assert.AreEqual("/dir/index.html", c.Uri);
            Assert.AreEqual("auth", c.Qop);
            Assert.AreEqual(1u, c.NonceCount);
            Assert.AreEqual("0a4f113b", c.Cnonce);
            Assert.AreEqual("6629fae49393a05397450978507c4ef1", c.Response);
            Assert.AreEqual("5ccc069c403ebaf9f0171e9517f40e41", c.Opaque);
            Assert.IsNull(c.Algorithm);
            Assert.AreEqual(DigestAlgorithm.Md5, c.AlgorithmKind);
        }

        [TestMethod]
        public void Parse_SipStyleWithQuotedQopAndUnquotedUri_Lenient()
        {
            DigestCredentials c = DigestCredentials.Parse(
                "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"n\", uri=sip:bob@biloxi.com, response=\"0123\", qop=\"auth\", cnonce=\"c\", nc=0000000A, algorithm=\"MD5\"");

            Assert.AreEqual("sip:bob@biloxi.com", c.Uri);
            Assert.AreEqual("auth", c.Qop);
            Assert.AreEqual(10u, c.NonceCount);
            Assert.AreEqual("MD5", c.Algorithm);
        }

        [TestMethod]
        public void Parse_Rfc2069StyleWithoutQop_NoNcOrCnonce()
        {
            DigestCredentials c = DigestCredentials.Parse("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"abcd\"");

            Assert.IsNull(c.Qop);
            Assert.IsNull(c.Cnonce);
            Assert.AreEqual(0u, c.NonceCount);
        }

        [TestMethod]
        [DataRow("Digest realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\"")]
        [DataRow("Digest username=\"a\", nonce=\"n\", uri=\"u\", response=\"x\"")]
        [DataRow("Digest username=\"a\", realm=\"r\", uri=\"u\", response=\"x\"")]
        [DataRow("Digest username=\"a\", realm=\"r\", nonce=\"n\", response=\"x\"")]
        [DataRow("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\"")]
        [DataRow("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", qop=auth, nc=00000001")]
        [DataRow("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", qop=auth, cnonce=\"c\"")]
        [DataRow("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", qop=auth, cnonce=\"c\", nc=1")]
        [DataRow("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", qop=auth, cnonce=\"c\", nc=0000000g")]
        [DataRow("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", qop=auth, cnonce=\"c\", nc=000000001")]
        [DataRow("Digest username=\"a\", username=\"b\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\"")]
        [DataRow("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", Response=\"y\"")]
        [DataRow("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")]
        [DataRow("Digest username=\"a\" realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\"")]
        [DataRow("Digest username=\"a, realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\"")]
        public void Parse_Malformed_ThrowsSipParseException(string value)
        {
            Assert.ThrowsExactly<SipParseException>(() => DigestCredentials.Parse(value));
        }

        [TestMethod]
        public void Format_ClientCredentials_ExactText()
        {
            DigestCredentials c = ClientCredentials();

            Assert.AreEqual(
                "Digest username=\"alice\", realm=\"atlanta.com\", nonce=\"84a4cc6f\", uri=\"sip:atlanta.com\", "
                + "response=\"7587245234b3434cc3412213e5f113a5\", algorithm=MD5, cnonce=\"0a4f113b\", opaque=\"op\", qop=auth, nc=0000001b",
                c.Format());
        }

        [TestMethod]
        public void AppendTo_BufferWithText_AppendsWhatFormatReturns()
        {
            DigestCredentials c = ClientCredentials();
            var buffer = new CharBuffer(4);
            buffer.Append("Authorization: ");

            c.AppendTo(buffer);

            Assert.AreEqual("Authorization: " + c.Format(), buffer.ToString());
        }

        [TestMethod]
        public void Format_WithoutQop_OmitsNcAndCnonce()
        {
            var c = new DigestCredentials { Username = "u", Realm = "r", Nonce = "n", Uri = "sip:r", Response = "ab" };

            Assert.AreEqual("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"ab\"", c.Format());
        }

        [TestMethod]
        public void Format_ParsedRfc2617Example_RoundTrips()
        {
            DigestCredentials parsed = DigestCredentials.Parse(Rfc2617Authorization + ", userhash=false");

            DigestCredentials again = DigestCredentials.Parse(parsed.Format());

            Assert.AreEqual(parsed.Format(), again.Format());
            Assert.AreEqual("6629fae49393a05397450978507c4ef1", again.Response);
            Assert.AreEqual(1, again.OtherParameters.Count);
            Assert.AreEqual("userhash", ((AuthParam)again.OtherParameters[0]).Name);
        }

        [TestMethod]
        public void Format_UsernameWithQuoteAndNonAscii_EscapedAndRoundTrips()
        {
            var c = new DigestCredentials { Username = "J\u00E4s\"on", Realm = "r", Nonce = "n", Uri = "sip:r", Response = "ab" };

            string text = c.Format();

            Assert.IsTrue(text.IndexOf("username=\"J\u00E4s\\\"on\"") >= 0, text);
            Assert.AreEqual("J\u00E4s\"on", DigestCredentials.Parse(text).Username);
        }

        [TestMethod]
        public void Format_LineBreakInUri_ThrowsArgumentException()
        {
            var c = new DigestCredentials { Username = "u", Realm = "r", Nonce = "n", Uri = "sip:r\nX: y", Response = "ab" };

            Assert.ThrowsExactly<ArgumentException>(() => c.Format());
        }

        private static DigestCredentials ClientCredentials() => new DigestCredentials
        {
            Username = "alice",
            Realm = "atlanta.com",
            Nonce = "84a4cc6f",
            Uri = "sip:atlanta.com",
            Response = "7587245234b3434cc3412213e5f113a5",
            Algorithm = "MD5",
            Cnonce = "0a4f113b",
            Opaque = "op",
            Qop = "auth",
            NonceCount = 0x1B,
        };
    }
}
