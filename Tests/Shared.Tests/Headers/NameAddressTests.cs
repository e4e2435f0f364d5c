#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Tests.Message;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Sip.Tests.Headers
{
    [TestClass]
    public class NameAddressTests
    {
        [TestMethod]
        public void Parse_QuotedDisplayNameWithEscapes_Unescaped()
        {
            NameAddress a = NameAddress.Parse("\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com> ; tag = 98asjd8");
            Assert.AreEqual("J Rosenberg \\\"", a.DisplayName);
            Assert.AreEqual("jdrosen", a.SipUri.User);
            Assert.AreEqual("98asjd8", a.Tag);
        }

        [TestMethod]
        public void Parse_TokenDisplayName_KeptAsWritten()
        {
            NameAddress a = NameAddress.Parse("token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;tag=x");
            Assert.AreEqual("token1~` token2'+_ token3*%!.-", a.DisplayName);
            Assert.AreEqual("x", a.Tag);
        }

        [TestMethod]
        public void Parse_NoSpaceBeforeAngle_Accepted()
        {
            NameAddress a = NameAddress.Parse("caller<sip:caller@example.com>;tag=323");
            Assert.AreEqual("caller", a.DisplayName);
            Assert.AreEqual("caller", a.SipUri.User);
        }

        [TestMethod]
        public void Parse_BareAddrSpec_ParametersBelongToHeader()
        {
            NameAddress a = NameAddress.ParseContact("sip:+19725552222@gw1.example.net;unknownparam;expires=60");
            Assert.IsNull(a.DisplayName);
            Assert.AreEqual(0, a.SipUri.Parameters.Count);
            Assert.IsTrue(a.Parameters.Contains("unknownparam"));
            Assert.AreEqual("60", a.Parameters.Get("expires"));
        }

        [TestMethod]
        public void Parse_BracketedUri_ParametersBelongToUri()
        {
            NameAddress a = NameAddress.ParseContact("<sip:+19725552222@gw1.example.net;unknownparam>;q=0.5");
            Assert.IsTrue(a.SipUri.Parameters.Contains("unknownparam"));
            Assert.AreEqual(1, a.Parameters.Count);
            Assert.AreEqual("0.5", a.Parameters.Get("q"));
        }

        [TestMethod]
        public void Parse_UnknownScheme_KeptAsGenericUri()
        {
            NameAddress a = NameAddress.Parse("isbn:2983792873");
            Assert.IsInstanceOfType(a.Uri, typeof(GenericUri));
            Assert.IsNull(a.SipUri);
            Assert.AreEqual("<isbn:2983792873>", a.ToString());
        }

        [TestMethod]
        public void ParseContact_Star_IsWildcard()
        {
            NameAddress a = NameAddress.ParseContact(" * ");
            Assert.IsTrue(a.IsWildcard);
            Assert.AreEqual("*", a.ToString());
            SipAssert.Throws(() => NameAddress.Parse("*"));
            SipAssert.Throws(() => NameAddress.ParseContact("*;expires=0"));
        }

        [TestMethod]
        [DataRow("sip:user@example.com?Route=%3Csip:sip.example.com%3E", "<>")]
        [DataRow("Bell, Alexander <sip:a.g.bell@example.com>;tag=43", "display name")]
        [DataRow("\"Mr. J. User <sip:j.user@example.com>", "unterminated")]
        [DataRow("\"Watson, Thomas\" < sip:t.watson@example.org >", "whitespace inside <>")]
        [DataRow("<sip:a@example.com", "unterminated")]
        [DataRow("\"Joe\" sip:joe@example.org", "followed by <URI>")]
        [DataRow("<sip:joe@example.org>;;;;", "parameter")]
        [DataRow("<sip:joe@example.org> tag=1", "';'")]
        [DataRow("", "empty")]
        public void Parse_Malformed_RejectedWithReason(string value, string reasonPart)
        {
            SipAssert.Contains(SipAssert.Throws(() => NameAddress.ParseContact(value)).Reason, reasonPart);
        }

        [TestMethod]
        public void ParseRoute_BareUri_Rejected()
        {
            SipAssert.Throws(() => NameAddress.ParseRoute("sip:proxy.example.com;lr"));
            Assert.IsTrue(NameAddress.ParseRoute("<sip:proxy.example.com;lr>").SipUri.Lr);
        }

        [TestMethod]
        public void ToString_Formats_QuotesOnlyWhenNeeded()
        {
            var a = new NameAddress("Alice", SipUri.Parse("sip:alice@atlanta.com"));
            a.Tag = "1928301774";
            Assert.AreEqual("Alice <sip:alice@atlanta.com>;tag=1928301774", a.ToString());
            a.DisplayName = "Bell, \"Alexander\"";
            Assert.AreEqual("\"Bell, \\\"Alexander\\\"\" <sip:alice@atlanta.com>;tag=1928301774", a.ToString());
            a.DisplayName = null;
            a.Tag = null;
            Assert.AreEqual("<sip:alice@atlanta.com>", a.ToString());
        }

        [TestMethod]
        public void ToString_ParsedThenFormatted_ParsesToSameParts()
        {
            NameAddress a = NameAddress.Parse("\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam = newvalue ; secondparam ; q = 0.33");
            NameAddress b = NameAddress.Parse(a.ToString());
            Assert.AreEqual(a.DisplayName, b.DisplayName);
            Assert.IsTrue(a.Uri.Equals(b.Uri));
            Assert.AreEqual("newvalue", b.Parameters.Get("newparam"));
            Assert.AreEqual("0.33", b.Parameters.Get("q"));
        }
    }
}
