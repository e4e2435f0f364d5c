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
    public class SipClientTransactionTests
    {
        [TestMethod]
        public void Udp_NoResponse_RetransmitsDoublingToT2UntilTimerFThenTimesOut()
        {
            var h = new TransactionHarness();
            SipClientTransaction tx = h.SendMessage(TransactionHarness.UdpServer);

            h.RunUntil(40000);

            CollectionAssert.AreEqual(
                new long[] { 0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500 },
                h.Sender.Times());
            CollectionAssert.AreEqual(new string[] { "32000 timeout 408" }, h.User.EventArray());
            Assert.AreEqual(SipTransactionState.Terminated, tx.State);
            Assert.AreEqual(408, tx.StatusCode);
            Assert.AreEqual(10, tx.RetransmissionCount);
            Assert.AreEqual(0, h.Layer.Count);
            Assert.AreEqual(SipTransactionLayer.Never, h.Layer.NextDueMilliseconds);
        }

        [TestMethod]
        public void Udp_EverySend_IsTheSameRequestToTheDestination()
        {
            var h = new TransactionHarness();
            SipClientTransaction tx = h.SendMessage(TransactionHarness.UdpServer);

            h.RunUntil(2000);

            Assert.AreEqual(3, h.Sender.Count);
            for (int i = 0; i < h.Sender.Count; i++)
            {
                Assert.AreSame(tx.Request, h.Sender[i].Message);
                Assert.AreEqual(TransactionHarness.UdpServer, h.Sender[i].Destination);
            }
        }

        [TestMethod]
        public void Udp_TimerFJustBeforeDeadline_StillRunning()
        {
            var h = new TransactionHarness();
            SipClientTransaction tx = h.SendMessage(TransactionHarness.UdpServer);

            h.RunUntil(31999);

            Assert.AreEqual(SipTransactionState.Trying, tx.State);
            Assert.AreEqual(0, h.User.Events.Count);
            Assert.AreEqual(32000L, h.Layer.NextDueMilliseconds);
        }

        [TestMethod]
        public void Udp_ConfiguredTimers_ScheduleFollowsT1AndT2()
        {
            var settings = new SipTransactionSettings { T1Milliseconds = 100, T2Milliseconds = 400 };
            var h = new TransactionHarness(settings);
            h.SendMessage(TransactionHarness.UdpServer);

            h.RunUntil(2000);

            CollectionAssert.AreEqual(new long[] { 0, 100, 300, 700, 1100, 1500, 1900 }, h.Sender.Times());
            h.RunUntil(7000);
            CollectionAssert.AreEqual(new string[] { "6400 timeout 408" }, h.User.EventArray());
        }

        [TestMethod]
        public void Udp_ProvisionalResponse_PendingTimerEFiresThenEveryT2()
        {
            var h = new TransactionHarness();
            SipClientTransaction tx = h.SendMessage(TransactionHarness.UdpServer);
            h.RunUntil(100);

            h.ReceiveResponse(tx, 100);
            h.RunUntil(40000);

            Assert.AreEqual(SipTransactionState.Terminated, tx.State);
            CollectionAssert.AreEqual(
                new long[] { 0, 500, 4500, 8500, 12500, 16500, 20500, 24500, 28500 },
                h.Sender.Times());
            CollectionAssert.AreEqual(new string[] { "100 response 100 Proceeding", "32000 timeout 408" }, h.User.EventArray());
        }

        [TestMethod]
        public void Udp_ProvisionalAfterDoubling_NextIntervalIsT2()
        {
            var h = new TransactionHarness();
            SipClientTransaction tx = h.SendMessage(TransactionHarness.UdpServer);
            h.RunUntil(600);

            h.ReceiveResponse(tx, 180);
            h.RunUntil(10000);

            // Timer E was armed for 1500 in Trying; from there it is reset to T2 (4 s) each time.
            CollectionAssert.AreEqual(new long[] { 0, 500, 1500, 5500, 9500 }, h.Sender.Times());
        }

        [TestMethod]
        public void Udp_FinalResponse_CompletedThenTerminatedAfterTimerK()
        {
            var h = new TransactionHarness();
            SipClientTransaction tx = h.SendMessage(TransactionHarness.UdpServer);
            h.RunUntil(700);

            h.ReceiveResponse(tx, 200);

            Assert.AreEqual(SipTransactionState.Completed, tx.State);
            Assert.AreEqual(200, tx.StatusCode);
            Assert.AreEqual(5700L, h.Layer.NextDueMilliseconds);
            h.RunUntil(5699);
            Assert.AreEqual(1, h.Layer.Count);
            Assert.AreEqual(SipTransactionState.Completed, tx.State);
            h.RunUntil(5700);
            Assert.AreEqual(0, h.Layer.Count);
            Assert.AreEqual(SipTransactionState.Terminated, tx.State);
            CollectionAssert.AreEqual(new long[] { 0, 500 }, h.Sender.Times());
            CollectionAssert.AreEqual(new string[] { "700 response 200 Completed" }, h.User.EventArray());
        }

        [TestMethod]
        public void Udp_RetransmittedFinalInCompleted_AbsorbedNotReported()
        {
            var h = new TransactionHarness();
            SipClientTransaction tx = h.SendMessage(TransactionHarness.UdpServer);
            h.ReceiveResponse(tx, 404);
            h.RunUntil(1000);

            h.ReceiveResponse(tx, 404);
            h.ReceiveResponse(tx, 180);

            Assert.AreEqual(SipTransactionState.Completed, tx.State);
            CollectionAssert.AreEqual(new string[] { "0 response 404 Completed" }, h.User.EventArray());
            Assert.AreEqual(0, h.Layer.DiscardedCount);
        }

        [TestMethod]
        public void Udp_ProvisionalThenFinal_BothReportedInOrder()
        {
            var h = new TransactionHarness();
            SipClientTransaction tx = h.SendMessage(TransactionHarness.UdpServer);
            h.RunUntil(50);
            h.ReceiveResponse(tx, 100);
            h.RunUntil(4600);

            h.ReceiveResponse(tx, 202);

            CollectionAssert.AreEqual(
                new string[] { "50 response 100 Proceeding", "4600 response 202 Completed" },
                h.User.EventArray());
            Assert.AreSame(tx, h.Layer.FindClientTransaction(tx.Branch, SipMethods.Message));
        }

        [TestMethod]
        public void Tcp_NoResponse_SendsOnceAndTimesOutAt64T1()
        {
            var h = new TransactionHarness();
            SipClientTransaction tx = h.SendMessage(TransactionHarness.TcpServer);

            Assert.AreEqual(32000L, h.Layer.NextDueMilliseconds);
            h.RunUntil(40000);

            CollectionAssert.AreEqual(new long[] { 0 }, h.Sender.Times());
            CollectionAssert.AreEqual(new string[] { "32000 timeout 408" }, h.User.EventArray());
            Assert.AreEqual(0, tx.RetransmissionCount);
            Assert.AreEqual(0, h.Layer.Count);
        }

        [TestMethod]
        public void Tcp_FinalResponse_TimerKZeroTerminatesAtOnce()
        {
            var h = new TransactionHarness();
            SipClientTransaction tx = h.SendMessage(TransactionHarness.TcpServer);
            h.RunUntil(300);

            h.ReceiveResponse(tx, 200);

            Assert.AreEqual(SipTransactionState.Terminated, tx.State);
            Assert.AreEqual(0, h.Layer.Count);
            Assert.AreEqual(SipTransactionLayer.Never, h.Layer.NextDueMilliseconds);
            CollectionAssert.AreEqual(new string[] { "300 response 200 Terminated" }, h.User.EventArray());
        }

        [TestMethod]
        public void Tcp_ProvisionalResponse_NoRetransmission()
        {
            var h = new TransactionHarness();
            SipClientTransaction tx = h.SendMessage(TransactionHarness.TcpServer);
            h.ReceiveResponse(tx, 100);

            h.RunUntil(20000);

            Assert.AreEqual(SipTransactionState.Proceeding, tx.State);
            Assert.AreEqual(1, h.Sender.Count);
        }

        [TestMethod]
        public void SendRequest_FirstSendFails_TransportErrorAnd503()
        {
            var h = new TransactionHarness();
            h.Sender.FailFromAttempt = 0;

            SipClientTransaction tx = h.SendMessage(TransactionHarness.UdpServer);

            Assert.AreEqual(SipTransactionState.Terminated, tx.State);
            Assert.AreEqual(503, tx.StatusCode);
            Assert.AreEqual(0, h.Layer.Count);
            CollectionAssert.AreEqual(new string[] { "0 transport-error 503" }, h.User.EventArray());
            Assert.AreEqual("fake transport down", h.User.LastError.Message);
        }

        [TestMethod]
        public void Udp_RetransmissionFails_TransportErrorAndNoMoreTimers()
        {
            var h = new TransactionHarness();
            h.Sender.FailFromAttempt = 2;
            SipClientTransaction tx = h.SendMessage(TransactionHarness.UdpServer);

            h.RunUntil(40000);

            CollectionAssert.AreEqual(new long[] { 0, 500 }, h.Sender.Times());
            CollectionAssert.AreEqual(new string[] { "1500 transport-error 503" }, h.User.EventArray());
            Assert.AreEqual(0, h.Layer.Count);
        }

        [TestMethod]
        public void SendRequest_AddsTopViaWithGeneratedBranchAboveExistingVias()
        {
            var h = new TransactionHarness();
            SipMessage request = TestMessages.Request(SipMethods.Message, 7);
            request.Headers.Add(SipHeaderNames.Via, "SIP/2.0/UDP 198.51.100.1:5060;branch=z9hG4bKupstream");

            SipClientTransaction tx = h.Layer.SendRequest(request, TransactionHarness.TcpServer, "192.0.2.10", 5070);

            CollectionAssert.AreEqual(
                new string[] { "SIP/2.0/TCP 192.0.2.10:5070;branch=z9hG4bK0001020304050607", "SIP/2.0/UDP 198.51.100.1:5060;branch=z9hG4bKupstream" },
                request.Headers.GetAll(SipHeaderNames.Via));
            Assert.AreEqual("z9hG4bK0001020304050607", tx.Branch);
            Assert.AreEqual(SipMethods.Message, tx.Method);
        }

        [TestMethod]
        public void SendRequest_AskForRport_ViaEndsWithEmptyRport()
        {
            var h = new TransactionHarness(new SipTransactionSettings { AskForRport = true });
            SipMessage request = TestMessages.Request(SipMethods.Message, 7);

            h.Layer.SendRequest(request, TransactionHarness.UdpServer, "192.0.2.10", 0);

            Assert.AreEqual("SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK0001020304050607;rport", request.Headers.Get(SipHeaderNames.Via));
        }

        [TestMethod]
        public void SendRequest_TwoRequests_DistinctBranches()
        {
            var h = new TransactionHarness();

            SipClientTransaction a = h.SendMessage(TransactionHarness.UdpServer);
            SipClientTransaction b = h.SendMessage(TransactionHarness.UdpServer);

            Assert.AreEqual("z9hG4bK0001020304050607", a.Branch);
            Assert.AreEqual("z9hG4bK08090a0b0c0d0e0f", b.Branch);
            Assert.AreEqual(2, h.Layer.Count);
        }

        [TestMethod]
        public void SendRequest_InviteOrAck_Rejected()
        {
            var h = new TransactionHarness();

            ThrowAssert.Throws(typeof(System.ArgumentException), 
                () => h.Layer.SendRequest(TestMessages.Request(SipMethods.Invite, 1), TransactionHarness.UdpServer, "192.0.2.10", 5070));
            ThrowAssert.Throws(typeof(System.ArgumentException), 
                () => h.Layer.SendRequest(TestMessages.Request(SipMethods.Ack, 1), TransactionHarness.UdpServer, "192.0.2.10", 5070));
            Assert.AreEqual(0, h.Sender.Count);
        }

        [TestMethod]
        public void SendRequest_CSeqMethodDiffers_Rejected()
        {
            var h = new TransactionHarness();
            SipMessage request = TestMessages.Request(SipMethods.Message, 1);
            request.Headers.Set(SipHeaderNames.CSeq, "1 OPTIONS");

            ThrowAssert.Throws(typeof(System.ArgumentException), 
                () => h.Layer.SendRequest(request, TransactionHarness.UdpServer, "192.0.2.10", 5070));
            Assert.AreEqual(0, h.Layer.Count);
        }

        [TestMethod]
        public void SendRequest_PerTransactionUser_GetsTheEventsInsteadOfTheLayerUser()
        {
            var h = new TransactionHarness();
            var own = new RecordingUser(h.Clock);
            SipClientTransaction tx = h.Layer.SendRequest(
                TestMessages.Request(SipMethods.Register, 1), TransactionHarness.UdpServer, "192.0.2.10", 5070, own);

            h.ReceiveResponse(tx, 401);

            CollectionAssert.AreEqual(new string[] { "0 response 401 Completed" }, own.EventArray());
            Assert.AreEqual(0, h.User.Events.Count);
        }

        [TestMethod]
        public void Poll_CalledLate_OneRetransmissionAndScheduleResumesFromNow()
        {
            var h = new TransactionHarness();
            h.SendMessage(TransactionHarness.UdpServer);

            h.Clock.NowMilliseconds = 5000;
            h.Layer.Poll();

            // E was due at 500; a late poll sends once, and the next deadline is not in the past.
            CollectionAssert.AreEqual(new long[] { 0, 5000 }, h.Sender.Times());
            Assert.AreEqual(6000L, h.Layer.NextDueMilliseconds);
        }
    }
}
