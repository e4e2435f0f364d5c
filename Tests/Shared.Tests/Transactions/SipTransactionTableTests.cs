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
    /// <summary>The keyed table and timer queue under many transactions, and caller-chosen branches.</summary>
    [TestClass]
    public class SipTransactionTableTests
    {
        private const int Many = 3000;

        private static string BranchOf(int i) => "z9hG4bK-many-" + i.ToString();

        [TestMethod]
        public void ManyServerTransactions_EachRetransmissionMatchesItsOwnTransaction()
        {
            var h = new TransactionHarness(new SipTransactionSettings { MaxTransactions = Many });
            for (int i = 0; i < Many; i++)
            {
                h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, BranchOf(i)), TransactionHarness.UdpClient);
            }

            Assert.AreEqual(Many, h.Layer.Count);
            Assert.AreEqual(Many, h.User.ServerTransactions.Count);
            for (int i = 0; i < Many; i++)
            {
                SipServerTransaction found = h.Layer.FindServerTransaction(TestMessages.IncomingUdp(SipMethods.Message, BranchOf(i)));
                Assert.AreSame(h.User.ServerTransactions[i], found);
            }

            Assert.IsNull(h.Layer.FindServerTransaction(TestMessages.IncomingUdp(SipMethods.Message, BranchOf(Many))));
        }

        [TestMethod]
        public void ManyServerTransactions_AnsweredOutOfOrder_EachEndsAtItsOwnTimerJ()
        {
            var h = new TransactionHarness(new SipTransactionSettings { MaxTransactions = Many });
            for (int i = 0; i < Many; i++)
            {
                h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, BranchOf(i)), TransactionHarness.UdpClient);
            }

            // Answer every third one first, one millisecond apart, then the rest: deadlines interleave.
            int answered = 0;
            var answeredAt = new long[Many];
            for (int pass = 0; pass < 3; pass++)
            {
                for (int i = pass; i < Many; i += 3)
                {
                    answeredAt[i] = answered;
                    h.Clock.NowMilliseconds = answered++;
                    ((SipServerTransaction)h.User.ServerTransactions[i]).Respond(200, "OK");
                }
            }

            long timerJ = h.Layer.Settings.TimeoutMilliseconds;
            Assert.AreEqual(timerJ, h.Layer.NextDueMilliseconds, "the first answered transaction ends first");
            h.RunUntil(timerJ + (Many / 2) - 1);
            Assert.AreEqual(Many - (Many / 2), h.Layer.Count);
            for (int i = 0; i < Many; i++)
            {
                var tx = (SipServerTransaction)h.User.ServerTransactions[i];
                Assert.AreEqual(answeredAt[i] < Many / 2, tx.IsTerminated, "transaction " + i.ToString());
            }

            h.RunUntil(timerJ + Many);
            Assert.AreEqual(0, h.Layer.Count);
            Assert.AreEqual(SipTransactionLayer.Never, h.Layer.NextDueMilliseconds);
        }

        [TestMethod]
        public void ManyClientTransactions_ResponsesInReverseOrder_EachReachesItsTransaction()
        {
            var h = new TransactionHarness(new SipTransactionSettings { MaxTransactions = Many });
            var sent = new SipClientTransaction[Many];
            for (int i = 0; i < Many; i++)
            {
                sent[i] = h.Layer.SendRequest(
                    TestMessages.Request(SipMethods.Message, 1), TransactionHarness.UdpServer, "192.0.2.10", 5070, h.User, BranchOf(i));
            }

            for (int i = Many - 1; i >= 0; i--)
            {
                SipMessage response = TestMessages.ResponseTo(sent[i].Request, 200 + (i % 7));
                h.Layer.Receive(response, TransactionHarness.UdpServer);
                Assert.AreEqual(200 + (i % 7), sent[i].StatusCode);
                Assert.AreEqual(SipTransactionState.Completed, sent[i].State);
            }

            Assert.AreEqual(Many, h.User.Events.Count);
            h.RunUntil(h.Layer.Settings.T4Milliseconds);
            Assert.AreEqual(0, h.Layer.Count);
        }

        [TestMethod]
        public void ClientTransactions_RemovedInTheMiddleOfProbeRuns_OthersStillMatch()
        {
            var h = new TransactionHarness(new SipTransactionSettings { MaxTransactions = Many, T1Milliseconds = 500 });
            var sent = new SipClientTransaction[Many];
            for (int i = 0; i < Many; i++)
            {
                sent[i] = h.Layer.SendRequest(
                    TestMessages.Request(SipMethods.Message, 1), TransactionHarness.TcpServer, "192.0.2.10", 5070, h.User, BranchOf(i));
            }

            // Over TCP a final response ends the transaction at once; remove every other one.
            for (int i = 0; i < Many; i += 2)
            {
                h.Layer.Receive(TestMessages.ResponseTo(sent[i].Request, 200), TransactionHarness.TcpServer);
            }

            Assert.AreEqual(Many / 2, h.Layer.Count);
            for (int i = 0; i < Many; i++)
            {
                SipClientTransaction found = h.Layer.FindClientTransaction(BranchOf(i), SipMethods.Message);
                Assert.AreSame(i % 2 == 0 ? null : sent[i], found, "branch " + i.ToString());
            }
        }

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
