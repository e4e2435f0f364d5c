#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Tests.Message;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Sip.Tests.Uri
{
    [TestClass]
    public class SipUriTests
    {
        [TestMethod]
        public void Parse_AllComponents_ReadsEach()
        {
            SipUri uri = SipUri.Parse("sips:alice:secret@[2001:db8::1]:5061;transport=tcp;lr;maddr=239.1.1.1;ttl=15;method=REGISTER;user=phone;foo=bar?subject=hi&priority=urgent");
            Assert.IsTrue(uri.IsSecure);
            Assert.AreEqual("sips", uri.Scheme);
            Assert.AreEqual("alice", uri.User);
            Assert.AreEqual("secret", uri.Password);
            Assert.AreEqual("[2001:db8::1]", uri.Host);
            Assert.AreEqual(5061, uri.Port);
            Assert.AreEqual("tcp", uri.Transport);
            Assert.IsTrue(uri.Lr);
            Assert.AreEqual("239.1.1.1", uri.Maddr);
            Assert.AreEqual(15, uri.Ttl);
            Assert.AreEqual("REGISTER", uri.Method);
            Assert.AreEqual("phone", uri.UserParam);
            Assert.AreEqual("bar", uri.Parameters.Get("foo"));
            Assert.AreEqual(2, uri.Headers.Count);
            Assert.AreEqual("hi", uri.Headers.Get("subject"));
            Assert.AreEqual("urgent", uri.Headers.Get("priority"));
        }

        [TestMethod]
        public void Parse_HostOnly_HasNoUserAndNoPort()
        {
            SipUri uri = SipUri.Parse("sip:example.com");
            Assert.IsNull(uri.User);
            Assert.IsNull(uri.Password);
            Assert.AreEqual("example.com", uri.Host);
            Assert.AreEqual(0, uri.Port);
            Assert.AreEqual(0, uri.Parameters.Count);
            Assert.AreEqual(-1, uri.Ttl);
        }

        [TestMethod]
        public void Parse_EscapedComponents_DecodedExactlyOnce()
        {
            SipUri uri = SipUri.Parse("sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31");
            Assert.AreEqual("caller", uri.User);
            Assert.IsTrue(uri.Lr);
            Assert.AreEqual("value%41", uri.Parameters.Get("name"));
        }

        [TestMethod]
        public void Parse_EscapedNul_KeptInsideUser()
        {
            SipUri uri = SipUri.Parse("sip:null-%00-null@example.com");
            Assert.AreEqual(11, uri.User.Length);
            Assert.AreEqual('\0', uri.User[5]);
            Assert.AreEqual("null-", uri.User.Substring(0, 5));
            Assert.AreEqual("-null", uri.User.Substring(6));
        }

        [TestMethod]
        public void Parse_SemicolonInUserPart_StaysInUser()
        {
            SipUri uri = SipUri.Parse("sip:user;par=u%40example.net@example.com");
            Assert.AreEqual("user;par=u@example.net", uri.User);
            Assert.AreEqual("example.com", uri.Host);
            Assert.AreEqual(0, uri.Parameters.Count);
        }

        [TestMethod]
        public void Parse_EscapedUtf8_DecodedAsUtf8()
        {
            Assert.AreEqual("j\u00FCrgen", SipUri.Parse("sip:j%C3%BCrgen@example.com").User);
        }

        [TestMethod]
        public void Parse_HeaderValueWithEscapedAt_Decoded()
        {
            SipUri uri = SipUri.Parse("sip:biloxi.com;method=REGISTER?to=sip:bob%40biloxi.com");
            Assert.AreEqual("sip:bob@biloxi.com", uri.Headers.Get("to"));
        }

        [TestMethod]
        [DataRow("sip:alice@atlanta.com")]
        [DataRow("sips:alice:secret@atlanta.com:5061")]
        [DataRow("sip:+1-212-555-1212:1234@gateway.com;user=phone")]
        [DataRow("sip:[2001:db8::10]:5070;transport=tcp;lr")]
        [DataRow("sip:192.0.2.4")]
        [DataRow("sip:alice@atlanta.com?subject=project%20x&priority=urgent")]
        [DataRow("sip:I%20have%20spaces@example.net")]
        [DataRow("sip:%00%00@host5.example.com")]
        [DataRow("sip:user@example.com?Route=%3Csip:sip.example.com%3E")]
        public void ToString_CanonicalUri_RoundTripsExactly(string text)
        {
            Assert.AreEqual(text, SipUri.Parse(text).ToString());
        }

        [TestMethod]
        public void ToString_BuiltUri_EscapesWhatEachComponentForbids()
        {
            var uri = new SipUri("I have spaces", "example.net", 5080);
            uri.Password = "p@ss";
            uri.Parameters.Set("x", "a b");
            uri.Headers.Add("Subject", "a&b=c");
            Assert.AreEqual("sip:I%20have%20spaces:p%40ss@example.net:5080;x=a%20b?Subject=a%26b%3Dc", uri.ToString());
        }

        [TestMethod]
        public void Setters_TransportLrTtl_UpdateParameters()
        {
            var uri = new SipUri("bob", "biloxi.com", 0);
            uri.Transport = "tcp";
            uri.Lr = true;
            uri.Ttl = 1;
            Assert.AreEqual("sip:bob@biloxi.com;transport=tcp;lr;ttl=1", uri.ToString());
            uri.Lr = false;
            uri.Transport = null;
            Assert.AreEqual("sip:bob@biloxi.com;ttl=1", uri.ToString());
        }

        [TestMethod]
        [DataRow("sip:")]
        [DataRow("sip:@example.com")]
        [DataRow("sip:user@")]
        [DataRow("sip:example.com:99999")]
        [DataRow("sip:example.com:")]
        [DataRow("sip:example.com:abc")]
        [DataRow("sip:example.com;")]
        [DataRow("sip:example.com;=x")]
        [DataRow("sip:example.com;a=")]
        [DataRow("sip:exa mple.com")]
        [DataRow("sip:example.com?x")]
        [DataRow("sip:example.com?=x")]
        [DataRow("sip:u%4@example.com")]
        [DataRow("sip:u%zz@example.com")]
        [DataRow("sip:[::1")]
        [DataRow("sip:[hello]")]
        [DataRow("sip:us<er@example.com")]
        [DataRow("<sip:user@example.com>")]
        [DataRow("sip user@example.com")]
        [DataRow("")]
        public void Parse_Malformed_ThrowsSipParseException(string text)
        {
            SipAssert.Throws(() => SipUri.Parse(text));
        }

        [TestMethod]
        public void Parse_Malformed_ReasonNamesTheProblem()
        {
            try
            {
                SipUri.Parse("sip:example.com:99999");
                Assert.Fail("no exception");
            }
            catch (SipParseException e)
            {
                Assert.AreEqual(400, e.StatusCode);
                Assert.IsTrue(e.Reason.IndexOf("port") >= 0, e.Reason);
            }
        }

        [TestMethod]
        [DataRow("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp")]
        [DataRow("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5")]
        [DataRow("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;newparam=5")]
        [DataRow("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com", "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")]
        [DataRow("sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x")]
        public void Equals_Rfc3261EquivalentPairs_AreEqual(string a, string b)
        {
            Assert.IsTrue(SipUri.Parse(a).Equals(SipUri.Parse(b)));
            Assert.IsTrue(SipUri.Parse(b).Equals(SipUri.Parse(a)));
        }

        [TestMethod]
        [DataRow("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP")]
        [DataRow("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060")]
        [DataRow("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp")]
        [DataRow("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp")]
        [DataRow("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting")]
        [DataRow("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4")]
        [DataRow("sip:bob@biloxi.com", "sips:bob@biloxi.com")]
        [DataRow("sip:bob@biloxi.com;maddr=239.255.255.1", "sip:bob@biloxi.com")]
        public void Equals_Rfc3261DifferentPairs_AreNotEqual(string a, string b)
        {
            Assert.IsFalse(SipUri.Parse(a).Equals(SipUri.Parse(b)));
            Assert.IsFalse(SipUri.Parse(b).Equals(SipUri.Parse(a)));
        }
    }
}
