#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Tests.TestSupport;
using SimpleImGateway.Sip.Tests.Transactions.Fakes;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Sip.Tests.Transactions
{
    [TestClass]
    public class SipServerTransactionTests
    {
        private const string Branch = "z9hG4bK776asdhds";

        [TestMethod]
        public void NewRequest_DeliveredToUserWithTransactionInTrying()
        {
            var h = new TransactionHarness();
            SipMessage request = TestMessages.IncomingUdp(SipMethods.Message, Branch);

            h.Layer.Receive(request, TransactionHarness.UdpClient);

            CollectionAssert.AreEqual(new string[] { "0 request MESSAGE" }, h.User.EventArray());
            SipServerTransaction tx = h.User.LastServerTransaction;
            Assert.AreSame(request, tx.Request);
            Assert.AreEqual(SipTransactionState.Trying, tx.State);
            Assert.AreEqual(Branch, tx.Branch);
            Assert.AreEqual(1, h.Layer.Count);
            Assert.AreSame(tx, h.Layer.FindServerTransaction(TestMessages.IncomingUdp(SipMethods.Message, Branch)));
        }

        [TestMethod]
        public void Trying_RetransmittedRequest_AbsorbedSilently()
        {
            var h = new TransactionHarness();
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);
            h.RunUntil(500);

            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);

            Assert.AreEqual(1, h.User.Events.Count);
            Assert.AreEqual(0, h.Sender.Count);
            Assert.AreEqual(1, h.User.LastServerTransaction.AbsorbedRetransmissions);
        }

        [TestMethod]
        public void Proceeding_RetransmittedRequest_ResendsLastProvisional()
        {
            var h = new TransactionHarness();
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);
            SipServerTransaction tx = h.User.LastServerTransaction;
            Assert.IsTrue(tx.Respond(100, "Trying"));
            SipMessage trying = h.Sender.Last.Message;
            h.RunUntil(500);

            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);

            Assert.AreEqual(SipTransactionState.Proceeding, tx.State);
            CollectionAssert.AreEqual(new long[] { 0, 500 }, h.Sender.Times());
            Assert.AreSame(trying, h.Sender[1].Message);
            Assert.AreEqual(100, trying.StatusCode);
        }

        [TestMethod]
        public void Completed_RetransmittedRequest_ReplaysFinalResponse()
        {
            var h = new TransactionHarness();
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);
            SipServerTransaction tx = h.User.LastServerTransaction;
            tx.Respond(100, "Trying");
            h.RunUntil(200);
            Assert.IsTrue(tx.Respond(200, "OK"));
            SipMessage ok = h.Sender.Last.Message;

            h.RunUntil(700);
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);
            h.RunUntil(1700);
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);

            Assert.AreEqual(SipTransactionState.Completed, tx.State);
            CollectionAssert.AreEqual(new long[] { 0, 200, 700, 1700 }, h.Sender.Times());
            Assert.AreSame(ok, h.Sender[2].Message);
            Assert.AreSame(ok, h.Sender[3].Message);
            Assert.AreSame(ok, tx.LastResponse);
            Assert.AreEqual(1, h.User.Events.Count);
        }

        [TestMethod]
        public void Completed_SecondFinalResponse_DiscardedAndNotSent()
        {
            var h = new TransactionHarness();
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);
            SipServerTransaction tx = h.User.LastServerTransaction;
            tx.Respond(202, "Accepted");

            bool sent = tx.Respond(500, "Server Internal Error");

            Assert.IsFalse(sent);
            Assert.AreEqual(1, h.Sender.Count);
            Assert.AreEqual(202, tx.LastResponse.StatusCode);
        }

        [TestMethod]
        public void Udp_TimerJ_TerminatesAt64T1AfterFinalResponse()
        {
            var h = new TransactionHarness();
            h.Clock.NowMilliseconds = 1000;
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);
            SipServerTransaction tx = h.User.LastServerTransaction;
            h.RunUntil(1500);
            tx.Respond(200, "OK");

            Assert.AreEqual(33500L, h.Layer.NextDueMilliseconds);
            h.RunUntil(33499);
            Assert.AreEqual(SipTransactionState.Completed, tx.State);
            Assert.AreEqual(1, h.Layer.Count);
            h.RunUntil(33500);
            Assert.AreEqual(SipTransactionState.Terminated, tx.State);
            Assert.AreEqual(0, h.Layer.Count);
        }

        [TestMethod]
        public void Udp_RequestAfterTimerJ_IsANewTransaction()
        {
            var h = new TransactionHarness();
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);
            h.User.LastServerTransaction.Respond(200, "OK");
            h.RunUntil(32000);

            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);

            CollectionAssert.AreEqual(new string[] { "0 request MESSAGE", "32000 request MESSAGE" }, h.User.EventArray());
        }

        [TestMethod]
        public void Tcp_FinalResponse_TimerJZeroTerminatesAtOnce()
        {
            var h = new TransactionHarness();
            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, "SIP/2.0/TCP 192.0.2.10:5070;branch=" + Branch), TransactionHarness.TcpClient);
            SipServerTransaction tx = h.User.LastServerTransaction;

            Assert.IsTrue(tx.Respond(200, "OK"));

            Assert.AreEqual(SipTransactionState.Terminated, tx.State);
            Assert.AreEqual(0, h.Layer.Count);
            Assert.AreEqual(TransactionHarness.TcpClient, h.Sender.Last.Destination);
        }

        [TestMethod]
        public void Tcp_ProvisionalThenRetransmission_ResendsOverTheConnection()
        {
            var h = new TransactionHarness();
            string via = "SIP/2.0/TCP 192.0.2.10:5070;branch=" + Branch;
            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, via), TransactionHarness.TcpClient);
            h.User.LastServerTransaction.Respond(100, "Trying");

            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, via), TransactionHarness.TcpClient);

            Assert.AreEqual(2, h.Sender.Count);
            Assert.AreEqual(TransactionHarness.TcpClient, h.Sender[1].Destination);
        }

        [TestMethod]
        public void Udp_ResponseDestination_SentByPortAtSourceAddressWithReceivedStamped()
        {
            var h = new TransactionHarness();
            SipMessage request = TestMessages.Incoming(SipMethods.Message, "SIP/2.0/UDP client.example.com:5080;branch=" + Branch);

            h.Layer.Receive(request, new SipEndPoint("203.0.113.7", 61000, SipTransportType.Udp));
            SipServerTransaction tx = h.User.LastServerTransaction;
            tx.Respond(200, "OK");

            Assert.AreEqual(new SipEndPoint("203.0.113.7", 5080, SipTransportType.Udp), h.Sender.Last.Destination);
            Assert.AreEqual(
                "SIP/2.0/UDP client.example.com:5080;branch=" + Branch + ";received=203.0.113.7",
                h.Sender.Last.Message.Headers.Get(SipHeaderNames.Via));
        }

        [TestMethod]
        public void Udp_ResponseDestination_RportUsesSourcePort()
        {
            var h = new TransactionHarness();
            SipMessage request = TestMessages.Incoming(SipMethods.Message, "SIP/2.0/UDP 10.0.0.5:5060;rport;branch=" + Branch);

            h.Layer.Receive(request, new SipEndPoint("203.0.113.7", 61000, SipTransportType.Udp));
            h.User.LastServerTransaction.Respond(200, "OK");

            Assert.AreEqual(new SipEndPoint("203.0.113.7", 61000, SipTransportType.Udp), h.Sender.Last.Destination);
            Assert.AreEqual(
                "SIP/2.0/UDP 10.0.0.5:5060;rport=61000;branch=" + Branch + ";received=203.0.113.7",
                h.Sender.Last.Message.Headers.Get(SipHeaderNames.Via));
        }

        [TestMethod]
        public void Respond_ProvisionalAndFinal_CarryTheSameToTag()
        {
            var h = new TransactionHarness();
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Subscribe, Branch), TransactionHarness.UdpClient);
            SipServerTransaction tx = h.User.LastServerTransaction;

            tx.Respond(180, "Ringing");
            tx.Respond(200, "OK");

            Assert.AreEqual("Bob <sip:bob@example.com>;tag=000102030405", h.Sender[0].Message.Headers.Get(SipHeaderNames.To));
            Assert.AreEqual("Bob <sip:bob@example.com>;tag=000102030405", h.Sender[1].Message.Headers.Get(SipHeaderNames.To));
        }

        [TestMethod]
        public void NoFinalResponse_Within64T1_TransactionFailsAndLeaves()
        {
            var h = new TransactionHarness();
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);
            SipServerTransaction tx = h.User.LastServerTransaction;
            tx.Respond(100, "Trying");

            h.RunUntil(40000);

            Assert.AreEqual(SipTransactionState.Terminated, tx.State);
            Assert.AreEqual(0, h.Layer.Count);
            CollectionAssert.AreEqual(new string[] { "0 request MESSAGE", "32000 server-failed MESSAGE" }, h.User.EventArray());
            Assert.IsTrue(h.User.LastError is SipTransactionException);
            Assert.IsFalse(tx.Respond(200, "OK"));
        }

        [TestMethod]
        public void SendResponse_TransportFails_ReportedAndTerminated()
        {
            var h = new TransactionHarness();
            h.Sender.FailFromAttempt = 0;
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);
            SipServerTransaction tx = h.User.LastServerTransaction;

            bool sent = tx.Respond(200, "OK");

            Assert.IsFalse(sent);
            Assert.AreEqual(SipTransactionState.Terminated, tx.State);
            Assert.AreEqual(0, h.Layer.Count);
            CollectionAssert.AreEqual(new string[] { "0 request MESSAGE", "0 server-failed MESSAGE" }, h.User.EventArray());
            Assert.AreEqual("fake transport down", h.User.LastError.Message);
        }

        [TestMethod]
        public void SendResponse_NotAResponseOrBadStatus_Rejected()
        {
            var h = new TransactionHarness();
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);
            SipServerTransaction tx = h.User.LastServerTransaction;

            ThrowAssert.Throws(typeof(System.ArgumentException), () => tx.SendResponse(TestMessages.Request(SipMethods.Message, 1)));
            ThrowAssert.Throws(typeof(System.ArgumentException), () => tx.SendResponse(SipMessage.CreateResponse(99, "Odd")));
            Assert.AreEqual(SipTransactionState.Trying, tx.State);
        }
    }
}
