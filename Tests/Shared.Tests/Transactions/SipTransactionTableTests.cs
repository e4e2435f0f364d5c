#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Tests.Transactions.Fakes;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Sip.Tests.Transactions
{
    /// <summary>The keyed index and the timer heap of the layer with many transactions in flight.</summary>
    [TestClass]
    public class SipTransactionTableTests
    {
        private const int Many = 2000;

        [TestMethod]
        public void ManyInFlight_EachResponseFindsItsOwnTransaction()
        {
            var h = new TransactionHarness(new SipTransactionSettings { MaxTransactions = Many }, new SequentialRandomSource());
            var transactions = new SipClientTransaction[Many];
            for (int i = 0; i < Many; i++)
            {
                transactions[i] = h.SendMessage(TransactionHarness.UdpServer);
            }

            // Answer in an order unlike the sending order, each with a status of its own.
            for (int i = 0; i < Many; i++)
            {
                int k = (i * 7) % Many;
                h.ReceiveResponse(transactions[k], 200 + (k % 99));
            }

            for (int i = 0; i < Many; i++)
            {
                Assert.AreEqual(200 + (i % 99), transactions[i].StatusCode);
                Assert.AreEqual(SipTransactionState.Completed, transactions[i].State);
            }

            Assert.AreEqual(Many, h.Layer.Count);
            Assert.AreEqual(0, h.Layer.DiscardedCount);
        }

        [TestMethod]
        public void ManyInFlight_NextDueFollowsTheEarliestLiveTimer()
        {
            var h = new TransactionHarness(new SipTransactionSettings { MaxTransactions = Many }, new SequentialRandomSource());
            var transactions = new SipClientTransaction[Many];
            for (int i = 0; i < Many; i++)
            {
                h.Clock.NowMilliseconds = i;
                transactions[i] = h.SendMessage(TransactionHarness.UdpServer);
            }

            Assert.AreEqual(500L, h.Layer.NextDueMilliseconds); // Timer E of the first, sent at 0

            // Answering the first half clears their Timer E and arms Timer K (T4 = 5 s) instead.
            h.Clock.NowMilliseconds = Many;
            for (int i = 0; i < Many / 2; i++)
            {
                h.ReceiveResponse(transactions[i], 200);
            }

            Assert.AreEqual(500L + (Many / 2), h.Layer.NextDueMilliseconds); // Timer E of the first one still waiting
        }

        [TestMethod]
        public void ManyCompleted_LeaveTheTableAtTimerKAndTheIndexForgetsThem()
        {
            var h = new TransactionHarness(new SipTransactionSettings { MaxTransactions = Many }, new SequentialRandomSource());
            var transactions = new SipClientTransaction[Many];
            for (int i = 0; i < Many; i++)
            {
                transactions[i] = h.SendMessage(TransactionHarness.UdpServer);
                h.ReceiveResponse(transactions[i], 200);
            }

            h.RunUntil(5000);

            Assert.AreEqual(0, h.Layer.Count);
            Assert.AreEqual(SipTransactionLayer.Never, h.Layer.NextDueMilliseconds);
            Assert.IsNull(h.Layer.FindClientTransaction(transactions[0].Branch, transactions[0].Method));
            Assert.IsNull(h.Layer.FindClientTransaction(transactions[Many - 1].Branch, transactions[Many - 1].Method));
        }

        [TestMethod]
        public void RemovalFromTheMiddle_KeepsTheOthersFindable()
        {
            var h = new TransactionHarness(new SipTransactionSettings { MaxTransactions = 64 });
            var tcp = new SipClientTransaction[10];
            for (int i = 0; i < tcp.Length; i++)
            {
                tcp[i] = h.SendMessage(TransactionHarness.TcpServer);
            }

            // Over TCP a final response ends the transaction at once: remove every other one.
            for (int i = 0; i < tcp.Length; i += 2)
            {
                h.ReceiveResponse(tcp[i], 200);
            }

            Assert.AreEqual(5, h.Layer.Count);
            for (int i = 0; i < tcp.Length; i++)
            {
                SipClientTransaction found = h.Layer.FindClientTransaction(tcp[i].Branch, tcp[i].Method);
                if (i % 2 == 0)
                {
                    Assert.IsNull(found);
                }
                else
                {
                    Assert.IsTrue(found == tcp[i]);
                }
            }
        }
    }
}
