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
    public class SipTransactionMatchingTests
    {
        private const string Branch = "z9hG4bKnashds8";

        [TestMethod]
        public void Server_SameBranchDifferentMethod_SeparateTransactions()
        {
            var h = new TransactionHarness();

            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Options, Branch), TransactionHarness.UdpClient);

            CollectionAssert.AreEqual(new string[] { "0 request MESSAGE", "0 request OPTIONS" }, h.User.EventArray());
            Assert.AreEqual(2, h.Layer.Count);
        }

        [TestMethod]
        public void Server_SameBranchDifferentSentBy_SeparateTransactions()
        {
            var h = new TransactionHarness();

            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, "SIP/2.0/UDP 192.0.2.10:5070;branch=" + Branch), TransactionHarness.UdpClient);
            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, "SIP/2.0/UDP 192.0.2.11:5070;branch=" + Branch), TransactionHarness.UdpClient);
            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, "SIP/2.0/UDP 192.0.2.10:5071;branch=" + Branch), TransactionHarness.UdpClient);

            Assert.AreEqual(3, h.User.ServerTransactions.Count);
            Assert.AreEqual(3, h.Layer.Count);
        }

        [TestMethod]
        public void Server_BranchAndHostInOtherCase_MatchesAsTokens()
        {
            var h = new TransactionHarness();
            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, "SIP/2.0/UDP Client.Example.com:5070;branch=" + Branch), TransactionHarness.UdpClient);

            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, "SIP/2.0/UDP client.example.COM:5070;branch=Z9HG4BKNASHDS8"), TransactionHarness.UdpClient);

            Assert.AreEqual(1, h.User.ServerTransactions.Count);
            Assert.AreEqual(1, h.User.LastServerTransaction.AbsorbedRetransmissions);
        }

        [TestMethod]
        public void Server_CancelWithTheBranchOfAnotherRequest_IsItsOwnTransaction()
        {
            var h = new TransactionHarness();
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Subscribe, Branch), TransactionHarness.UdpClient);

            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Cancel, Branch), TransactionHarness.UdpClient);

            CollectionAssert.AreEqual(new string[] { "0 request SUBSCRIBE", "0 request CANCEL" }, h.User.EventArray());
        }

        [TestMethod]
        public void Server_NoMagicCookie_IdenticalRetransmissionMatchesByRfc2543Rule()
        {
            var h = new TransactionHarness();
            string via = "SIP/2.0/UDP 192.0.2.10:5070;branch=1234567";
            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, via), TransactionHarness.UdpClient);
            h.User.LastServerTransaction.Respond(200, "OK");

            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, via), TransactionHarness.UdpClient);

            Assert.AreEqual(1, h.User.ServerTransactions.Count);
            CollectionAssert.AreEqual(new long[] { 0, 0 }, h.Sender.Times());
            Assert.AreSame(h.Sender[0].Message, h.Sender[1].Message);
        }

        [TestMethod]
        public void Server_NoBranchAtAll_MatchesByRfc2543Rule()
        {
            var h = new TransactionHarness();
            string via = "SIP/2.0/UDP 192.0.2.10:5070";
            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, via), TransactionHarness.UdpClient);

            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, via), TransactionHarness.UdpClient);

            Assert.AreEqual(1, h.User.ServerTransactions.Count);
            Assert.IsNull(h.User.LastServerTransaction.Branch);
        }

        [TestMethod]
        public void Server_NoMagicCookie_DifferentFromTagOrCSeqOrRequestUri_NewTransactions()
        {
            var h = new TransactionHarness();
            string via = "SIP/2.0/UDP 192.0.2.10:5070;branch=1234567";
            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, via), TransactionHarness.UdpClient);

            SipMessage otherFromTag = TestMessages.Incoming(SipMethods.Message, via);
            otherFromTag.Headers.Set(SipHeaderNames.From, "Alice <sip:alice@example.com>;tag=other");
            h.Layer.Receive(otherFromTag, TransactionHarness.UdpClient);
            SipMessage otherCSeq = TestMessages.Incoming(SipMethods.Message, via);
            otherCSeq.Headers.Set(SipHeaderNames.CSeq, "2 MESSAGE");
            h.Layer.Receive(otherCSeq, TransactionHarness.UdpClient);
            SipMessage otherUri = TestMessages.Incoming(SipMethods.Message, via);
            otherUri.RequestUri = "sip:carol@example.com";
            h.Layer.Receive(otherUri, TransactionHarness.UdpClient);
            SipMessage otherToTag = TestMessages.Incoming(SipMethods.Message, via);
            otherToTag.Headers.Set(SipHeaderNames.To, "Bob <sip:bob@example.com>;tag=dialog");
            h.Layer.Receive(otherToTag, TransactionHarness.UdpClient);

            Assert.AreEqual(5, h.User.ServerTransactions.Count);
        }

        [TestMethod]
        public void FindServerTransaction_NoMagicCookie_FindsWithTheStampedRequestToo()
        {
            var h = new TransactionHarness();
            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, "SIP/2.0/UDP pc.example.com:5070;branch=old1"), TransactionHarness.UdpClient);
            SipServerTransaction tx = h.User.LastServerTransaction;

            Assert.AreEqual("SIP/2.0/UDP pc.example.com:5070;branch=old1;received=192.0.2.10", tx.Request.Headers.Get(SipHeaderNames.Via));
            Assert.AreSame(tx, h.Layer.FindServerTransaction(tx.Request));
        }

        [TestMethod]
        public void Server_NoMagicCookie_DifferentTopVia_NewTransaction()
        {
            var h = new TransactionHarness();
            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, "SIP/2.0/UDP 192.0.2.10:5070;branch=1234567"), TransactionHarness.UdpClient);

            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, "SIP/2.0/UDP 192.0.2.10:5070;branch=7654321"), TransactionHarness.UdpClient);
            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, "SIP/2.0/TCP 192.0.2.10:5070;branch=1234567"), TransactionHarness.UdpClient);

            Assert.AreEqual(3, h.User.ServerTransactions.Count);
        }

        [TestMethod]
        public void Client_ResponseWithSameBranchButOtherCSeqMethod_IsStray()
        {
            var settings = new SipTransactionSettings { DeliverStrayResponses = true };
            var h = new TransactionHarness(settings);
            SipClientTransaction tx = h.SendMessage(TransactionHarness.UdpServer);
            SipMessage response = TestMessages.ResponseTo(tx.Request, 200);
            response.Headers.Set(SipHeaderNames.CSeq, "1 CANCEL");

            h.Layer.Receive(response, TransactionHarness.UdpServer);

            CollectionAssert.AreEqual(new string[] { "0 stray 200" }, h.User.EventArray());
            Assert.AreSame(response, h.User.LastStrayResponse);
            Assert.AreEqual(SipTransactionState.Trying, tx.State);
        }

        [TestMethod]
        public void Client_ResponseBranchInOtherCaseAndExtraParameters_MatchesAsToken()
        {
            var h = new TransactionHarness();
            SipClientTransaction tx = h.SendMessage(TransactionHarness.UdpServer);
            SipMessage response = TestMessages.ResponseTo(tx.Request, 200);
            response.Headers.Set(SipHeaderNames.Via, "SIP/2.0/UDP 192.0.2.10:5070 ;rport=5070; BRANCH = Z9HG4BK0001020304050607 ;received=198.51.100.7");

            h.Layer.Receive(response, TransactionHarness.UdpServer);

            CollectionAssert.AreEqual(new string[] { "0 response 200 Completed" }, h.User.EventArray());
        }

        [DataRow("Via", "SIP/2.0/UDP 192.0.2.10:5070;received=198.51.100.7")]
        [DataRow("Via", "SIP/2.0/UDP 192.0.2.10:5070;branch")]
        [DataRow("Via", "SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bK0001020304050607;x=\"open")]
        [DataRow("Via", "SIP/2.0 192.0.2.10:5070;branch=z9hG4bK0001020304050607")]
        [DataRow("Via", "SIP/2.0/UDP 192.0.2.10:99999;branch=z9hG4bK0001020304050607")]
        [DataRow("CSeq", "MESSAGE 1")]
        [DataRow("CSeq", "1")]
        [TestMethod]
        public void Client_ResponseTopViaWithoutBranchOrMalformedViaOrCSeq_Discarded(string header, string value)
        {
            var h = new TransactionHarness();
            SipClientTransaction tx = h.SendMessage(TransactionHarness.UdpServer);
            SipMessage response = TestMessages.ResponseTo(tx.Request, 200);
            response.Headers.Set(header, value);

            h.Layer.Receive(response, TransactionHarness.UdpServer);

            Assert.AreEqual(0, h.User.Events.Count);
            Assert.AreEqual(1, h.Layer.DiscardedCount);
            Assert.AreEqual("response 200 without a top Via branch or a valid CSeq", h.Layer.LastDiscardReason);
            Assert.AreEqual(SipTransactionState.Trying, tx.State);
        }

        [TestMethod]
        public void FindClientTransaction_BranchInOtherCase_FoundOnlyWithItsMethod()
        {
            var h = new TransactionHarness();
            SipClientTransaction tx = h.SendMessage(TransactionHarness.UdpServer);

            Assert.AreSame(tx, h.Layer.FindClientTransaction("Z9HG4BK0001020304050607", SipMethods.Message));
            Assert.IsNull(h.Layer.FindClientTransaction("z9hG4bK0001020304050607", SipMethods.Register));
            Assert.IsNull(h.Layer.FindClientTransaction("z9hG4bK000102030405060", SipMethods.Message));
        }

        [TestMethod]
        public void Client_ResponseWithUnknownBranch_DroppedByDefault()
        {
            var h = new TransactionHarness();
            SipClientTransaction tx = h.SendMessage(TransactionHarness.UdpServer);
            SipMessage response = TestMessages.ResponseTo(tx.Request, 200);
            response.Headers.Set(SipHeaderNames.Via, "SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKsomeoneelse");

            h.Layer.Receive(response, TransactionHarness.UdpServer);

            Assert.AreEqual(0, h.User.Events.Count);
            Assert.AreEqual(1, h.Layer.DiscardedCount);
            Assert.AreEqual("stray response 200 MESSAGE", h.Layer.LastDiscardReason);
            Assert.AreEqual(SipTransactionState.Trying, tx.State);
        }

        [TestMethod]
        public void Client_ResponseWithoutVia_Discarded()
        {
            var h = new TransactionHarness();
            SipClientTransaction tx = h.SendMessage(TransactionHarness.UdpServer);
            SipMessage response = TestMessages.ResponseTo(tx.Request, 200);
            response.Headers.Remove(SipHeaderNames.Via);

            h.Layer.Receive(response, TransactionHarness.UdpServer);

            Assert.AreEqual(1, h.Layer.DiscardedCount);
            Assert.AreEqual(SipTransactionState.Trying, tx.State);
        }

        [TestMethod]
        public void Invite_GetsNoTransaction_ReportedToUserEveryTime()
        {
            var h = new TransactionHarness();
            SipMessage invite = TestMessages.IncomingUdp(SipMethods.Invite, Branch);

            h.Layer.Receive(invite, TransactionHarness.UdpClient);
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Invite, Branch), TransactionHarness.UdpClient);
            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Ack, Branch), TransactionHarness.UdpClient);

            CollectionAssert.AreEqual(
                new string[] { "0 stateless-request INVITE", "0 stateless-request INVITE", "0 stateless-request ACK" },
                h.User.EventArray());
            Assert.AreEqual(0, h.Layer.Count);
        }

        [TestMethod]
        public void Invite_AnsweredStatelessly_ResponseGoesToTheVia()
        {
            var h = new TransactionHarness();
            SipMessage invite = TestMessages.IncomingUdp(SipMethods.Invite, Branch);
            h.Layer.Receive(invite, TransactionHarness.UdpClient);

            h.Layer.SendStatelessResponse(SipResponseBuilder.Create(invite, 501, "Not Implemented", "x1"), TransactionHarness.UdpClient);

            Assert.AreEqual(501, h.Sender.Last.Message.StatusCode);
            Assert.AreEqual(TransactionHarness.UdpClient, h.Sender.Last.Destination);
        }

        [TestMethod]
        public void TableFull_NewClientTransaction_Throws()
        {
            var h = new TransactionHarness(new SipTransactionSettings { MaxTransactions = 2 });
            h.SendMessage(TransactionHarness.UdpServer);
            h.SendMessage(TransactionHarness.UdpServer);
            SipMessage third = TestMessages.Request(SipMethods.Message, 3);

            var error = (SipTransactionTableFullException)ThrowAssert.Throws(typeof(SipTransactionTableFullException), 
                () => h.Layer.SendRequest(third, TransactionHarness.UdpServer, "192.0.2.10", 5070));

            Assert.AreEqual(2, error.Capacity);
            Assert.AreEqual("transaction table full (2 transactions)", error.Message);
            Assert.AreEqual(0, third.Headers.CountOf(SipHeaderNames.Via));
            Assert.AreEqual(2, h.Sender.Count);
        }

        [TestMethod]
        public void TableFull_NewRequest_Answered503WithoutTransaction()
        {
            var h = new TransactionHarness(new SipTransactionSettings { MaxTransactions = 1 });
            h.SendMessage(TransactionHarness.TcpServer);

            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);

            Assert.AreEqual(0, h.User.Events.Count);
            Assert.AreEqual(1, h.Layer.Count);
            SentMessage answer = h.Sender.Last;
            Assert.AreEqual(503, answer.Message.StatusCode);
            Assert.AreEqual("Service Unavailable", answer.Message.ReasonPhrase);
            Assert.AreEqual(TransactionHarness.UdpClient, answer.Destination);
            Assert.AreEqual("1 MESSAGE", answer.Message.Headers.Get(SipHeaderNames.CSeq));
        }

        [TestMethod]
        public void TableFull_AfterTermination_RoomAgain()
        {
            var h = new TransactionHarness(new SipTransactionSettings { MaxTransactions = 1 });
            SipClientTransaction tx = h.SendMessage(TransactionHarness.TcpServer);
            h.ReceiveResponse(tx, 200);

            h.Layer.Receive(TestMessages.IncomingUdp(SipMethods.Message, Branch), TransactionHarness.UdpClient);

            CollectionAssert.AreEqual(new string[] { "0 response 200 Terminated", "0 request MESSAGE" }, h.User.EventArray());
        }

        [TestMethod]
        public void Request_WithoutCSeq_Answered400()
        {
            var h = new TransactionHarness();
            SipMessage request = TestMessages.IncomingUdp(SipMethods.Message, Branch);
            request.Headers.Remove(SipHeaderNames.CSeq);

            h.Layer.Receive(request, TransactionHarness.UdpClient);

            Assert.AreEqual(0, h.User.Events.Count);
            Assert.AreEqual(0, h.Layer.Count);
            Assert.AreEqual(400, h.Sender.Last.Message.StatusCode);
            Assert.AreEqual("Missing or malformed CSeq", h.Sender.Last.Message.ReasonPhrase);
        }

        [TestMethod]
        public void Request_CSeqMethodDiffers_Answered400()
        {
            var h = new TransactionHarness();
            SipMessage request = TestMessages.IncomingUdp(SipMethods.Message, Branch);
            request.Headers.Set(SipHeaderNames.CSeq, "1 OPTIONS");

            h.Layer.Receive(request, TransactionHarness.UdpClient);

            Assert.AreEqual(400, h.Sender.Last.Message.StatusCode);
            Assert.AreEqual("CSeq method does not match the request method", h.Sender.Last.Message.ReasonPhrase);
        }

        [TestMethod]
        public void Request_MalformedTo_Answered400()
        {
            var h = new TransactionHarness();
            SipMessage request = TestMessages.Incoming(SipMethods.Message, "SIP/2.0/UDP 192.0.2.10:5070;branch=old");
            request.Headers.Set(SipHeaderNames.To, "Bob <sip:bob@example.com");

            h.Layer.Receive(request, TransactionHarness.UdpClient);

            Assert.AreEqual(0, h.Layer.Count);
            Assert.AreEqual(400, h.Sender.Last.Message.StatusCode);
            Assert.IsTrue(h.Sender.Last.Message.ReasonPhrase.StartsWith("Malformed From or To"));
        }

        [TestMethod]
        public void Request_WithoutVia_DiscardedWithReason()
        {
            var h = new TransactionHarness();

            h.Layer.Receive(TestMessages.Request(SipMethods.Message, 1), TransactionHarness.UdpClient);

            Assert.AreEqual(0, h.Sender.Count);
            Assert.AreEqual(0, h.User.Events.Count);
            Assert.AreEqual(1, h.Layer.DiscardedCount);
            Assert.AreEqual("MESSAGE without a Via cannot be answered", h.Layer.LastDiscardReason);
        }

        [TestMethod]
        public void Request_MalformedVia_Discarded()
        {
            var h = new TransactionHarness();

            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, "SIP/2.0"), TransactionHarness.UdpClient);

            Assert.AreEqual(0, h.Sender.Count);
            Assert.AreEqual(1, h.Layer.DiscardedCount);
        }

        [TestMethod]
        public void Request_ViaWithNonNumericRport_DiscardedNotThrown()
        {
            var h = new TransactionHarness();

            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, "SIP/2.0/UDP 192.0.2.10:5070;rport=abc;branch=" + Branch), TransactionHarness.UdpClient);

            Assert.AreEqual(0, h.Sender.Count);
            Assert.AreEqual(0, h.Layer.Count);
            Assert.AreEqual(1, h.Layer.DiscardedCount);
            Assert.AreEqual("MESSAGE with a malformed top Via cannot be answered: invalid port 'abc'", h.Layer.LastDiscardReason);
        }

        [TestMethod]
        public void Callback_RespondsInsideOnRequestOverTcp_TransactionGoneBeforeReceiveReturns()
        {
            var h = new TransactionHarness();
            h.User.AutoRespondStatus = 200;

            h.Layer.Receive(TestMessages.Incoming(SipMethods.Message, "SIP/2.0/TCP 192.0.2.10:5070;branch=" + Branch), TransactionHarness.TcpClient);

            Assert.AreEqual(0, h.Layer.Count);
            Assert.AreEqual(200, h.Sender.Last.Message.StatusCode);
            Assert.AreEqual(SipTransactionState.Terminated, h.User.LastServerTransaction.State);
        }

        [TestMethod]
        public void Callback_RetriesInsideOnTimeout_NewTransactionRunsOnItsOwnSchedule()
        {
            var h = new TransactionHarness(new SipTransactionSettings { MaxTransactions = 1 });
            h.User.OnTimeoutAction = tx =>
                h.Layer.SendRequest(TestMessages.Request(SipMethods.Message, 2), TransactionHarness.UdpServer, "192.0.2.10", 5070);
            h.SendMessage(TransactionHarness.UdpServer);

            h.RunUntil(33000);

            Assert.AreEqual(1, h.Layer.Count);
            long[] times = h.Sender.Times();
            Assert.AreEqual(13, times.Length);
            Assert.AreEqual(32000L, times[11]);
            Assert.AreEqual(32500L, times[12]);
            Assert.AreEqual("2 MESSAGE", h.Sender.Last.Message.Headers.Get(SipHeaderNames.CSeq));
        }

        [TestMethod]
        public void Poll_EmptyLayer_NothingDue()
        {
            var h = new TransactionHarness();

            h.Layer.Poll();

            Assert.AreEqual(SipTransactionLayer.Never, h.Layer.NextDueMilliseconds);
            Assert.AreEqual(0, h.Layer.Count);
        }
    }
}
