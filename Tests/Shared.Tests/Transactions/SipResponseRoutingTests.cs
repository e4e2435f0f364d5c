#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Sip.Tests.Transactions
{
    [TestClass]
    public class SipResponseRoutingTests
    {
        private static readonly SipEndPoint UdpSource = new SipEndPoint("203.0.113.7", 61000, SipTransportType.Udp);

        [TestMethod]
        public void StampReceived_SentByIsTheSourceAddress_Unchanged()
        {
            ViaHeader via = ViaHeader.Parse("SIP/2.0/UDP 203.0.113.7:5060;branch=z9hG4bK1");

            bool changed = SipResponseRouting.StampReceived(via, UdpSource);

            Assert.IsFalse(changed);
            Assert.AreEqual("SIP/2.0/UDP 203.0.113.7:5060;branch=z9hG4bK1", via.ToString());
        }

        [TestMethod]
        public void StampReceived_SentByIsAName_ReceivedAdded()
        {
            ViaHeader via = ViaHeader.Parse("SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1");

            Assert.IsTrue(SipResponseRouting.StampReceived(via, UdpSource));

            Assert.AreEqual("SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1;received=203.0.113.7", via.ToString());
        }

        [TestMethod]
        public void StampReceived_EmptyRport_FilledWithSourcePortAndReceivedAdded()
        {
            ViaHeader via = ViaHeader.Parse("SIP/2.0/UDP 203.0.113.7:5060;rport;branch=z9hG4bK1");

            Assert.IsTrue(SipResponseRouting.StampReceived(via, UdpSource));

            Assert.AreEqual("SIP/2.0/UDP 203.0.113.7:5060;rport=61000;branch=z9hG4bK1;received=203.0.113.7", via.ToString());
        }

        [TestMethod]
        [DataRow("SIP/2.0/UDP 10.0.0.1:5080;branch=z9hG4bK1;received=203.0.113.7", "udp:203.0.113.7:5080")]
        [DataRow("SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1;received=203.0.113.7", "udp:203.0.113.7:5060")]
        [DataRow("SIP/2.0/UDP 10.0.0.1:5080;rport=61000;branch=z9hG4bK1;received=203.0.113.7", "udp:203.0.113.7:61000")]
        [DataRow("SIP/2.0/UDP 198.51.100.2:5062;branch=z9hG4bK1", "udp:198.51.100.2:5062")]
        [DataRow("SIP/2.0/TCP 198.51.100.2:5062;branch=z9hG4bK1", "tcp:198.51.100.2:5062")]
        public void DestinationOf_ForwardedResponse_FollowsReceivedRportAndSentBy(string via, string expected)
        {
            SipEndPoint destination = SipResponseRouting.DestinationOf(ViaHeader.Parse(via), null);

            Assert.AreEqual(expected, destination.ToString());
        }

        [TestMethod]
        public void DestinationOf_ReliableSource_TheConnectionItself()
        {
            var source = new SipEndPoint("203.0.113.7", 49152, SipTransportType.Tcp);

            SipEndPoint destination = SipResponseRouting.DestinationOf(ViaHeader.Parse("SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bK1"), source);

            Assert.AreSame(source, destination);
        }
    }
}
