#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Tests.TestSupport;
using SimpleImGateway.Sip.Tests.Transactions.Fakes;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Sip.Tests.Transactions
{
    /// <summary>Completed server transactions that release their request, a configurable Timer J, and caller-chosen branches.</summary>
    [TestClass]
    public class SipServerTransactionReleaseTests
    {
        [TestMethod]
        public void ReleaseCompletedRequests_FinalResponse_DropsTheRequestButStillAnswersRetransmissions()
        {
            var h = new TransactionHarness(new SipTransactionSettings { ReleaseCompletedRequests = true });
            SipMessage request = TestMessages.IncomingUdp(SipMethods.Message, "z9hG4bKrel1");
            h.Layer.Receive(request, TransactionHarness.UdpClient);
            SipServerTransaction tx = h.User.LastServerTransaction;
            tx.Respond(100, "Trying");
            Assert.AreSame(request, tx.Request, "a provisional response keeps it");

            tx.Respond(200, "OK");
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, "z9hG4bKrel1"), TransactionHarness.UdpClient);

            Assert.IsNull(tx.Request);
            Assert.AreEqual(3, h.Sender.Count);
            Assert.AreSame(tx.LastResponse, h.Sender.Last.Message);
            Assert.AreEqual(200, h.Sender.Last.Message.StatusCode);
            ThrowAssert.Throws(typeof(InvalidOperationException), () => tx.CreateResponse(500, "Again"));
        }

        [TestMethod]
        public void ReleaseCompletedRequests_Off_KeepsTheRequest()
        {
            var h = new TransactionHarness();
            SipMessage request = TestMessages.IncomingUdp(SipMethods.Message, "z9hG4bKrel2");
            h.Layer.Receive(request, TransactionHarness.UdpClient);

            h.User.LastServerTransaction.Respond(200, "OK");

            Assert.AreSame(request, h.User.LastServerTransaction.Request);
        }

        [TestMethod]
        public void TimerJMilliseconds_Set_EndsCompletedUdpTransactionsThen()
        {
            var h = new TransactionHarness(new SipTransactionSettings { TimerJMilliseconds = 5000 });
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, "z9hG4bKj1"), TransactionHarness.UdpClient);
            SipServerTransaction tx = h.User.LastServerTransaction;
            tx.Respond(200, "OK");

            h.RunUntil(4999);
            Assert.IsFalse(tx.IsTerminated);
            h.RunUntil(5000);
            Assert.IsTrue(tx.IsTerminated);
            Assert.AreEqual(32000L, h.Layer.Settings.TimeoutMilliseconds, "Timer F is not affected");
        }

        [TestMethod]
        public void TimerJMilliseconds_Default_Is64T1()
        {
            var settings = new SipTransactionSettings { T1Milliseconds = 100 };

            Assert.AreEqual(6400L, settings.TimerJMilliseconds);
            settings.TimerJMilliseconds = 0;
            Assert.AreEqual(6400L, settings.TimerJMilliseconds);
        }

        [TestMethod]
        public void SendRequest_WithBranch_PutsItInTheTopVia()
        {
            var h = new TransactionHarness();

            SipClientTransaction tx = h.Layer.SendRequest(
                TestMessages.Request(SipMethods.Message, 1), TransactionHarness.UdpServer, "192.0.2.10", 5070, h.User, "z9hG4bKabc.def");

            Assert.AreEqual("z9hG4bKabc.def", tx.Branch);
            Assert.AreEqual("SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKabc.def", h.Sender.Last.Message.Headers.Get(SipHeaderNames.Via));
            Assert.AreSame(tx, h.Layer.FindClientTransaction("z9hG4bKABC.DEF", SipMethods.Message));
        }

        [TestMethod]
        public void SendRequest_WithBranchInUse_Throws()
        {
            var h = new TransactionHarness();
            h.Layer.SendRequest(TestMessages.Request(SipMethods.Message, 1), TransactionHarness.UdpServer, "192.0.2.10", 5070, h.User, "z9hG4bK1");

            ThrowAssert.Throws(typeof(SipTransactionException), () => h.Layer.SendRequest(
                TestMessages.Request(SipMethods.Message, 2), TransactionHarness.UdpServer, "192.0.2.10", 5070, h.User, "z9hG4bK1"));
            Assert.AreEqual(1, h.Layer.Count);
        }

        [TestMethod]
        public void SendRequest_WithBranchLackingTheMagicCookie_Throws()
        {
            var h = new TransactionHarness();

            ThrowAssert.Throws(typeof(ArgumentException), () => h.Layer.SendRequest(
                TestMessages.Request(SipMethods.Message, 1), TransactionHarness.UdpServer, "192.0.2.10", 5070, h.User, "abc"));
            ThrowAssert.Throws(typeof(ArgumentException), () => h.Layer.SendRequest(
                TestMessages.Request(SipMethods.Message, 1), TransactionHarness.UdpServer, "192.0.2.10", 5070, h.User, "z9hG4bK a"));
            Assert.AreEqual(0, h.Layer.Count);
        }
    }
}
