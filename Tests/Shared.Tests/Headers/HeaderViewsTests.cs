#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Tests.Message;

namespace SimpleImGateway.Sip.Tests.Headers
{
    [TestClass]
    public class HeaderViewsTests
    {
        [TestMethod]
        public void Split_CommasInQuotesAndAngles_DoNotSeparate()
        {
            string[] parts = HeaderValueSplitter.Split("\"Bell, Alexander\" <sip:a@b>;tag=1 , <sip:x,y@z>, \"q\\\",\" <sip:c@d>");
            Assert.AreEqual(3, parts.Length);
            Assert.AreEqual("\"Bell, Alexander\" <sip:a@b>;tag=1", parts[0]);
            Assert.AreEqual("<sip:x,y@z>", parts[1]);
            Assert.AreEqual("\"q\\\",\" <sip:c@d>", parts[2]);
        }

        [TestMethod]
        public void Split_EmptyElements_ReturnedEmpty()
        {
            string[] parts = HeaderValueSplitter.Split("a,,b,");
            Assert.AreEqual(4, parts.Length);
            Assert.AreEqual("a", parts[0]);
            Assert.AreEqual(string.Empty, parts[1]);
            Assert.AreEqual("b", parts[2]);
            Assert.AreEqual(string.Empty, parts[3]);
            Assert.AreEqual(0, HeaderValueSplitter.Split("  ").Length);
        }

        [TestMethod]
        public void ViaParse_RportFlagAndReceived_Read()
        {
            ViaHeader via = ViaHeader.Parse("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776;rport;received=198.51.100.7");
            Assert.AreEqual("UDP", via.Transport);
            Assert.AreEqual("192.0.2.1", via.Host);
            Assert.AreEqual(5060, via.Port);
            Assert.AreEqual("z9hG4bK776", via.Branch);
            Assert.IsTrue(via.HasRport);
            Assert.AreEqual(0, via.Rport);
            Assert.AreEqual("198.51.100.7", via.Received);
        }

        [TestMethod]
        public void ViaRport_SetByServer_FormattedWithValue()
        {
            ViaHeader via = ViaHeader.Parse("SIP/2.0/UDP 10.0.0.2:5060;rport;branch=z9hG4bKx");
            via.Received = "203.0.113.9";
            via.Rport = 40123;
            Assert.AreEqual(40123, ViaHeader.Parse(via.ToString()).Rport);
            Assert.AreEqual("SIP/2.0/UDP 10.0.0.2:5060;rport=40123;branch=z9hG4bKx;received=203.0.113.9", via.ToString());
        }

        [TestMethod]
        public void ViaParse_LwsEverywhereAndIpv6_Read()
        {
            ViaHeader via = ViaHeader.Parse("SIP  / 2.0  / TCP     [2001:db8::9]:5070   ; branch  =   z9hG4bK9ikj8");
            Assert.AreEqual("TCP", via.Transport);
            Assert.AreEqual("[2001:db8::9]", via.Host);
            Assert.AreEqual(5070, via.Port);
            Assert.AreEqual("z9hG4bK9ikj8", via.Branch);
        }

        [TestMethod]
        [DataRow("SIP/2.0/UDP")]
        [DataRow("SIP/2.0 UDP host")]
        [DataRow("SIP/2.0/UDP host:0")]
        [DataRow("SIP/2.0/UDP host:70000")]
        [DataRow("SIP/2.0/UDP host;;")]
        [DataRow("SIP/2.0/UDP ho$t")]
        [DataRow("SIP/2.0/UDP host;branch=")]
        public void ViaParse_Malformed_Throws(string value)
        {
            SipAssert.Throws(() => ViaHeader.Parse(value));
        }

        [TestMethod]
        public void CSeqParse_Limits_Enforced()
        {
            Assert.AreEqual(4294967295L, CSeqHeader.Parse("4294967295 REGISTER").Number);
            Assert.AreEqual(0L, CSeqHeader.Parse("0 ACK").Number);
            CSeqHeader c = CSeqHeader.Parse(" 0009  INVITE ");
            Assert.AreEqual(9L, c.Number);
            Assert.AreEqual("INVITE", c.Method);
            SipAssert.Contains(SipAssert.Throws(() => CSeqHeader.Parse("4294967296 REGISTER")).Reason, "2^32-1");
            SipAssert.Throws(() => CSeqHeader.Parse("INVITE"));
            SipAssert.Throws(() => CSeqHeader.Parse("12"));
            SipAssert.Throws(() => CSeqHeader.Parse("12INVITE"));
            SipAssert.Throws(() => CSeqHeader.Parse("12 INVITE extra"));
            SipAssert.Throws(() => CSeqHeader.Parse("-1 INVITE"));
        }

        [TestMethod]
        public void ContentTypeParse_TypeSubtypeParams_Read()
        {
            ContentTypeHeader ct = ContentTypeHeader.Parse("multipart/mixed;boundary=7a9cbec02ceef655 ; charset=\"utf-8\"");
            Assert.IsTrue(ct.Is("MULTIPART", "Mixed"));
            Assert.AreEqual("multipart/mixed", ct.MediaType);
            Assert.AreEqual("7a9cbec02ceef655", ct.Parameters.Get("boundary"));
            Assert.AreEqual("\"utf-8\"", ct.Parameters.Get("charset"));
            Assert.AreEqual("application/pidf+xml", ContentTypeHeader.Parse("application / pidf+xml").MediaType);
            SipAssert.Throws(() => ContentTypeHeader.Parse("text"));
            SipAssert.Throws(() => ContentTypeHeader.Parse("text/"));
            SipAssert.Throws(() => ContentTypeHeader.Parse("text/plain;"));
        }

        [TestMethod]
        public void ExpiresAndMaxForwards_Parse_RangesEnforced()
        {
            Assert.AreEqual(3600L, ExpiresHeader.Parse(" 3600 "));
            Assert.AreEqual(4294967295L, ExpiresHeader.Parse("4294967295"));
            SipAssert.Throws(() => ExpiresHeader.Parse("4294967296"));
            SipAssert.Throws(() => ExpiresHeader.Parse("10000000000000000000000000000000000000000"));
            SipAssert.Throws(() => ExpiresHeader.Parse("-1"));
            SipAssert.Throws(() => ExpiresHeader.Parse(""));
            SipAssert.Throws(() => ExpiresHeader.Parse("Thu, 01 Dec 1994 16:00:00 GMT"));
            Assert.AreEqual(68, MaxForwardsHeader.Parse("0068"));
            Assert.AreEqual(0, MaxForwardsHeader.Parse("0"));
            Assert.AreEqual(255, MaxForwardsHeader.Parse("255"));
            SipAssert.Contains(SipAssert.Throws(() => MaxForwardsHeader.Parse("256")).Reason, "255");
            SipAssert.Throws(() => MaxForwardsHeader.Parse("7a"));
        }

        [TestMethod]
        public void EventParse_PackageTemplateAndId_Read()
        {
            EventHeader e = EventHeader.Parse("presence.winfo;id=17");
            Assert.AreEqual("presence.winfo", e.EventType);
            Assert.AreEqual("presence", e.Package);
            Assert.AreEqual("winfo", e.Template);
            Assert.AreEqual("17", e.Id);
            Assert.IsTrue(e.Matches(new EventHeader("presence.winfo", "17")));
            Assert.IsFalse(e.Matches(new EventHeader("presence.winfo", null)));
            Assert.IsFalse(e.Matches(EventHeader.Parse("presence;id=17")));
            Assert.AreEqual("presence;id=4", new EventHeader("presence", "4").ToString());
            SipAssert.Throws(() => EventHeader.Parse(";id=1"));
        }

        [TestMethod]
        public void SubscriptionStateParse_StatesAndParams_Read()
        {
            SubscriptionStateHeader s = SubscriptionStateHeader.Parse("active;expires=600");
            Assert.IsTrue(s.IsActive);
            Assert.AreEqual(600L, s.Expires);
            Assert.AreEqual(-1L, s.RetryAfter);
            SubscriptionStateHeader t = SubscriptionStateHeader.Parse("terminated;reason=timeout;retry-after=30");
            Assert.IsTrue(t.IsTerminated);
            Assert.AreEqual("timeout", t.Reason);
            Assert.AreEqual(30L, t.RetryAfter);
            Assert.IsTrue(SubscriptionStateHeader.Parse("PENDING").IsPending);
            var built = new SubscriptionStateHeader(SubscriptionStateHeader.Active);
            built.Expires = 3600;
            Assert.AreEqual("active;expires=3600", built.ToString());
            SipAssert.Throws(() => SubscriptionStateHeader.Parse(""));
        }
    }
}
