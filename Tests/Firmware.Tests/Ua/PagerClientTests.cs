#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using SimpleImGateway.Firmware.Pager;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Firmware.Tests.Fakes;
using SimpleImGateway.Firmware.Tests.Ua.Fakes;
using SimpleImGateway.Firmware.Ua;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Firmware.Tests.Ua
{
    [TestClass]
    public class PagerClientTests
    {
        private const string Alice = "sip:alice@simpleim.test";

        [TestMethod]
        public void Send_BeforeRegistration_WaitsInTheOutbox()
        {
            var h = new UaHarness();
            h.Start();
            SipMessage register = h.Take(SipMethods.Register);

            string id = h.Ua.SendText(Alice, "queued early");
            h.Run();

            Assert.IsFalse(h.HasUntaken());
            Assert.AreEqual(1, h.Ua.Outbox.Count);
            Assert.IsTrue(h.Log.Contains("waits for the registration"));
            h.Reply(register, 200, "OK", "Expires: 3600");
            SipMessage message = h.Take(SipMethods.Message);
            Assert.AreEqual(id, message.Headers.Get(SipHeaderNames.MessageId));
        }

        [TestMethod]
        public void Send_WhileRegistered_SendsMessageWithMessageIdTypeAndBody()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);

            string id = h.Ua.SendText(Alice, "héllo");
            h.Run();
            SipMessage message = h.Take(SipMethods.Message);

            Assert.AreEqual("MESSAGE sip:alice@simpleim.test SIP/2.0", message.ToString());
            Assert.AreEqual("<sip:alice@simpleim.test>", message.Headers.Get(SipHeaderNames.To));
            Assert.IsTrue(message.Headers.Get(SipHeaderNames.From).StartsWith("<sip:bob@simpleim.test>;tag="));
            Assert.AreEqual(id, message.Headers.Get(SipHeaderNames.MessageId));
            Assert.IsTrue(id.StartsWith("esp32-"), id);
            Assert.AreEqual("text/plain;charset=UTF-8", message.Headers.Get(SipHeaderNames.ContentType));
            Assert.AreEqual("héllo", UaHarness.BodyText(message));
            Assert.AreEqual("1 MESSAGE", message.Headers.Get(SipHeaderNames.CSeq));
            Assert.IsTrue(message.Headers.Get(SipHeaderNames.Via).EndsWith(";rport"));
            Assert.IsFalse(message.Headers.Contains(SipHeaderNames.Authorization), "MESSAGE was never challenged");
            Assert.IsNotNull(h.FindEvent(UaEventKind.MessageQueued));
            Assert.IsNotNull(h.FindEvent(UaEventKind.MessageSent));
        }

        [TestMethod]
        public void Accepted202_ReleasesTheMessage()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);
            string id = h.Ua.SendText(Alice, "one");
            h.Run();
            SipMessage message = h.Take(SipMethods.Message);

            h.Reply(message, 202, "Accepted");

            Assert.AreEqual(0, h.Ua.Outbox.Count);
            UaEvent acknowledged = h.FindEvent(UaEventKind.MessageAcknowledged);
            Assert.AreEqual(id, acknowledged.Subject);
            Assert.AreEqual(202, acknowledged.StatusCode);
            Assert.IsTrue(h.Log.Contains("accepted by the server (202)"));
        }

        [TestMethod]
        public void Provisional_DoesNotReleaseTheMessage()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);
            h.Ua.SendText(Alice, "one");
            h.Run();
            SipMessage message = h.Take(SipMethods.Message);

            h.Reply(message, 100, "Trying");

            Assert.AreEqual(1, h.Ua.Outbox.Count);
            Assert.IsTrue(h.Ua.Pager.IsBusy);
        }

        [TestMethod]
        public void Failure_KeepsTheMessageAndRetriesWithTheSameMessageIdAfterBackoff()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);
            string id = h.Ua.SendText(Alice, "persist");
            h.Run();
            SipMessage first = h.Take(SipMethods.Message);

            h.Reply(first, 500, "Server Internal Error");
            long failedAt = h.Now;
            Assert.AreEqual(1, h.Ua.Outbox.Count);
            SipMessage second = h.AdvanceUntilRequest(10000);

            Assert.AreEqual(SipMethods.Message, second.Method);
            Assert.AreEqual(id, second.Headers.Get(SipHeaderNames.MessageId));
            Assert.AreEqual("persist", UaHarness.BodyText(second));
            long wait = h.LastTakenTime - failedAt;
            Assert.IsTrue(wait >= 2000 && wait <= 4000, "retry after " + wait + " ms");
            Assert.AreEqual(500, h.FindEvent(UaEventKind.MessageFailed).StatusCode);
            h.Reply(second, 200, "OK");
            Assert.AreEqual(0, h.Ua.Outbox.Count);
        }

        [TestMethod]
        public void Timeout_RetriesWithTheSameMessageId()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);
            string id = h.Ua.SendText(Alice, "lost");
            h.Run();
            h.Take(SipMethods.Message);

            h.AdvanceBy(32000);
            Assert.AreEqual(408, h.FindEvent(UaEventKind.MessageFailed).StatusCode);
            SipMessage retry = null;
            while (retry == null || retry.Method != SipMethods.Message || retry.Headers.Get(SipHeaderNames.CSeq) != "1 MESSAGE" || h.LastTakenTime < UaHarness.StartTime + 32000)
            {
                retry = h.AdvanceUntilRequest(10000);
            }

            Assert.AreEqual(id, retry.Headers.Get(SipHeaderNames.MessageId));
            Assert.AreEqual(1, h.Ua.Outbox.Count);
        }

        [TestMethod]
        public void TwoMessages_GoInOrder_TheSecondOnlyAfterTheFirstIsAccepted()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);
            string first = h.Ua.SendText(Alice, "1");
            string second = h.Ua.SendText(Alice, "2");
            h.Run();

            SipMessage m1 = h.Take(SipMethods.Message);
            Assert.IsFalse(h.HasUntaken());
            h.Reply(m1, 202, "Accepted");
            SipMessage m2 = h.Take(SipMethods.Message);

            Assert.AreEqual(first, m1.Headers.Get(SipHeaderNames.MessageId));
            Assert.AreEqual(second, m2.Headers.Get(SipHeaderNames.MessageId));
        }

        [TestMethod]
        public void Reboot_QueuedMessagesGoOutWithTheirOriginalMessageIds()
        {
            var storage = new MemoryFileStorage();
            var before = new UaHarness(SipTransport.Udp, storage, 3);
            before.Start();
            string id = before.Ua.SendText(Alice, "survive");

            var after = new UaHarness(SipTransport.Udp, storage, 4);
            after.StartRegistered(3600);
            SipMessage message = after.Take(SipMethods.Message);

            Assert.AreEqual(id, message.Headers.Get(SipHeaderNames.MessageId));
            Assert.AreEqual("survive", UaHarness.BodyText(message));
        }

        [TestMethod]
        public void Send_ToSomethingNotASipUri_IsRefusedAtOnce()
        {
            var h = new UaHarness();
            h.Start();

            ArgumentException caught = null;
            try
            {
                h.Ua.SendText("alice", "x");
            }
            catch (ArgumentException e)
            {
                caught = e;
            }

            Assert.IsNotNull(caught);
            Assert.IsTrue(caught.Message.IndexOf("'alice' is not a sip: or sips: URI") >= 0, caught.Message);
            Assert.AreEqual(0, h.Ua.Outbox.Count);
        }

        [TestMethod]
        public void Send_OutboxFull_ThrowsAndEvictsNothing()
        {
            var h = new UaHarness();
            h.Settings.OutboxOptions.MaxCount = 2;
            h.Start();
            h.Ua.SendText(Alice, "1");
            h.Ua.SendText(Alice, "2");

            OutboxFullException caught = null;
            try
            {
                h.Ua.SendText(Alice, "3");
            }
            catch (OutboxFullException e)
            {
                caught = e;
            }

            Assert.IsNotNull(caught);
            Assert.AreEqual(PagerStatus.FullCount, caught.Status);
            Assert.AreEqual(2, h.Ua.Outbox.Count);
        }

        [TestMethod]
        public void Discard_DropsTheHeadAndTheNextOneGoes()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);
            string first = h.Ua.SendText(Alice, "poison");
            string second = h.Ua.SendText(Alice, "fine");
            h.Run();
            h.Reply(h.Take(SipMethods.Message), 404, "Not Found");

            Assert.IsTrue(h.Ua.DiscardMessage(first));
            h.Run();
            SipMessage next = h.Take(SipMethods.Message);

            Assert.AreEqual(second, next.Headers.Get(SipHeaderNames.MessageId));
            Assert.IsTrue(h.Log.Contains("discarded by the application"));
        }

        [TestMethod]
        public void Incoming_StoredInTheInboxBeforeThe200()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);
            int countWhenAnswered = -1;
            h.Channel.Observer = bytes => countWhenAnswered = h.Ua.Inbox.Count;

            h.Deliver(IncomingMessage("MESSAGE", "z9hG4bKin1", "m-1", "text/plain", "hello bob"));

            SipMessage response = h.Take();
            Assert.AreEqual(200, response.StatusCode);
            Assert.AreEqual(1, countWhenAnswered);
            Assert.IsTrue(response.Headers.Get(SipHeaderNames.To).StartsWith("<sip:bob@simpleim.test>;tag="));
            Assert.AreEqual("5 MESSAGE", response.Headers.Get(SipHeaderNames.CSeq));
            var stored = new PagerMessage();
            Assert.IsTrue(h.Ua.ReadInbox(stored));
            Assert.AreEqual("m-1", stored.MessageId);
            Assert.AreEqual("sip:alice@simpleim.test", stored.Peer);
            Assert.AreEqual("text/plain", stored.ContentType);
            Assert.AreEqual("hello bob", Utf8.Decode(stored.Body, 0, stored.BodyLength));
            UaEvent received = h.FindEvent(UaEventKind.MessageReceived);
            Assert.AreEqual("m-1", received.Subject);
            Assert.AreEqual("sip:alice@simpleim.test", received.Text);
            Assert.IsTrue(h.Ua.AcknowledgeInbox("m-1"));
            Assert.IsFalse(h.Ua.ReadInbox(stored));
        }

        [TestMethod]
        public void Incoming_StorageFails_Answers500NotOk()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);
            h.Storage.ArmCut(0, CutMode.Truncate);

            h.Deliver(IncomingMessage("MESSAGE", "z9hG4bKin1", "m-1", "text/plain", "hello"));

            SipMessage response = h.Take();
            Assert.AreEqual(500, response.StatusCode);
            Assert.AreEqual(1, h.Log.Errors);
        }

        [TestMethod]
        public void Incoming_InboxFull_Answers480WithReasonAndKeepsNothing()
        {
            var h = new UaHarness();
            h.Settings.InboxOptions.MaxCount = 1;
            h.StartRegistered(3600);
            h.Deliver(IncomingMessage("MESSAGE", "z9hG4bKin1", "m-1", "text/plain", "first"));
            Assert.AreEqual(200, h.Take().StatusCode);

            h.Deliver(IncomingMessage("MESSAGE", "z9hG4bKin2", "m-2", "text/plain", "second"));
            SipMessage response = h.Take();

            Assert.AreEqual("SIP/2.0 480 Inbox Full", response.ToString());
            Assert.AreEqual("60", response.Headers.Get(SipHeaderNames.RetryAfter));
            Assert.AreEqual(1, h.Ua.Inbox.Count);
            Assert.IsFalse(h.Ua.Inbox.Contains("m-2"));
            Assert.AreEqual(480, h.FindEvent(UaEventKind.MessageRefused).StatusCode);
        }

        [TestMethod]
        public void Incoming_SameMessageIdAgainInANewTransaction_Answers200AndStoresOnce()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);
            h.Deliver(IncomingMessage("MESSAGE", "z9hG4bKin1", "m-1", "text/plain", "once"));
            h.Take();

            h.Deliver(IncomingMessage("MESSAGE", "z9hG4bKin2", "m-1", "text/plain", "once"));

            Assert.AreEqual(200, h.Take().StatusCode);
            Assert.AreEqual(1, h.Ua.Inbox.Count);
            Assert.AreEqual(1, h.CountEvents(UaEventKind.MessageReceived));
        }

        [TestMethod]
        public void Incoming_Retransmission_IsAbsorbedByTheTransaction()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);
            string text = IncomingMessage("MESSAGE", "z9hG4bKin1", "m-1", "text/plain", "once");
            h.Deliver(text);
            SipMessage first = h.Take();

            h.Deliver(text);
            SipMessage again = h.Take();

            Assert.AreEqual(first.Headers.Get(SipHeaderNames.To), again.Headers.Get(SipHeaderNames.To));
            Assert.AreEqual(1, h.Ua.Inbox.Count);
        }

        [TestMethod]
        public void Incoming_TooLarge_Answers413()
        {
            var h = new UaHarness();
            h.Settings.InboxOptions.MaxBodyBytes = 8;
            h.StartRegistered(3600);

            h.Deliver(IncomingMessage("MESSAGE", "z9hG4bKin1", "m-1", "text/plain", "more than eight bytes"));

            Assert.AreEqual(413, h.Take().StatusCode);
            Assert.AreEqual(0, h.Ua.Inbox.Count);
        }

        [TestMethod]
        public void Incoming_UnacceptedContentType_Answers415WithAccept()
        {
            var h = new UaHarness();
            h.Settings.AcceptedContentTypes = new string[] { "text/plain", "message/cpim" };
            h.StartRegistered(3600);

            h.Deliver(IncomingMessage("MESSAGE", "z9hG4bKin1", "m-1", "application/octet-stream", "x"));
            h.Deliver(IncomingMessage("MESSAGE", "z9hG4bKin2", "m-2", "Text/Plain; charset=UTF-8", "y"));

            SipMessage refused = h.Take();
            Assert.AreEqual(415, refused.StatusCode);
            string[] accept = refused.Headers.GetAll(SipHeaderNames.Accept);
            Assert.AreEqual(2, accept.Length);
            Assert.AreEqual("text/plain", accept[0]);
            Assert.AreEqual("message/cpim", accept[1]);
            Assert.AreEqual(200, h.Take().StatusCode);
            Assert.AreEqual(1, h.Ua.Inbox.Count);
        }

        [TestMethod]
        public void Incoming_Options_Answers200WithAllow()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);

            h.Deliver(IncomingMessage("OPTIONS", "z9hG4bKin1", "m-1", "text/plain", "x"));

            SipMessage response = h.Take();
            Assert.AreEqual(200, response.StatusCode);
            string[] allow = response.Headers.GetAll(SipHeaderNames.Allow);
            Assert.AreEqual(2, allow.Length);
            Assert.AreEqual("MESSAGE", allow[0]);
            Assert.AreEqual("OPTIONS", allow[1]);
        }

        [TestMethod]
        public void Incoming_Subscribe_Answers405()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);

            h.Deliver(IncomingMessage("SUBSCRIBE", "z9hG4bKin1", "m-1", "text/plain", "x"));

            Assert.AreEqual(405, h.Take().StatusCode);
        }

        private static string IncomingMessage(string method, string branch, string messageId, string contentType, string text)
        {
            byte[] body = Utf8.Encode(text);
            return method + " sip:bob@192.0.2.10:5070 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=" + branch + "\r\n"
                + "Max-Forwards: 69\r\n"
                + "From: <sip:alice@simpleim.test>;tag=a1\r\n"
                + "To: <sip:bob@simpleim.test>\r\n"
                + "Call-ID: in1@simpleim.test\r\n"
                + "CSeq: 5 " + method + "\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + body.Length + "\r\n"
                + "\r\n"
                + text;
        }
    }
}
