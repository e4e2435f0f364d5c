#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Firmware.Pager;
using SimpleImGateway.Firmware.Tests.Fakes;

namespace SimpleImGateway.Firmware.Tests.Pager
{
    [TestClass]
    public class InboxTests
    {
        [TestMethod]
        public void TryAppend_ThenRead_ReturnsTheMessageExactly()
        {
            Inbox inbox = PagerTestData.NewInbox(new MemoryFileStorage(), Options());
            byte[] body = PagerTestData.Bytes("hello device");

            PagerStatus status = inbox.TryAppend("\"Bob\" <sip:bob@example.org>", "text/plain;charset=UTF-8", body, 0, body.Length, "im-server-42");
            var message = new PagerMessage();
            bool found = inbox.Read(message);

            Assert.AreEqual(PagerStatus.Stored, status);
            Assert.IsTrue(found);
            Assert.AreEqual("im-server-42", message.MessageId);
            Assert.IsTrue(message.HasRemoteId);
            Assert.AreEqual("\"Bob\" <sip:bob@example.org>", message.Peer);
            Assert.AreEqual("text/plain;charset=UTF-8", message.ContentType);
            Assert.AreEqual("hello device", PagerTestData.Text(message));
        }

        [TestMethod]
        public void Read_SeveralMessages_ComeInArrivalOrder()
        {
            Inbox inbox = PagerTestData.NewInbox(new MemoryFileStorage(), Options());
            Append(inbox, "m1", "one");
            Append(inbox, "m2", "two");
            Append(inbox, "m3", "three");
            var message = new PagerMessage();

            string order = string.Empty;
            while (inbox.Read(message))
            {
                order += PagerTestData.Text(message) + ";";
                Assert.IsTrue(inbox.Acknowledge(message.MessageId));
            }

            Assert.AreEqual("one;two;three;", order);
        }

        [TestMethod]
        public void TryAppend_AtMaxCount_ReturnsFullCountSoTheUaCanAnswer480()
        {
            PagerOptions options = Options();
            options.MaxCount = 2;
            Inbox inbox = PagerTestData.NewInbox(new MemoryFileStorage(), options);
            Append(inbox, "m1", "one");
            Append(inbox, "m2", "two");

            PagerStatus status = Append(inbox, "m3", "three");

            Assert.AreEqual(PagerStatus.FullCount, status);
            Assert.AreEqual(2, inbox.Count);
            Assert.IsFalse(inbox.Contains("m3"));
        }

        [TestMethod]
        public void TryAppend_OverMaxBytes_ReturnsFullBytes()
        {
            PagerOptions options = Options();
            options.MaxBytes = 150;
            Inbox inbox = PagerTestData.NewInbox(new MemoryFileStorage(), options);
            byte[] body = new byte[80];

            PagerStatus first = inbox.TryAppend("sip:bob@example.org", "text/plain", body, 0, body.Length, "m1");
            PagerStatus second = inbox.TryAppend("sip:bob@example.org", "text/plain", body, 0, body.Length, "m2");

            Assert.AreEqual(PagerStatus.Stored, first);
            Assert.AreEqual(PagerStatus.FullBytes, second);
        }

        [TestMethod]
        public void TryAppend_SameMessageIdWhileHeld_ReturnsDuplicateAndStoresOnce()
        {
            Inbox inbox = PagerTestData.NewInbox(new MemoryFileStorage(), Options());
            Append(inbox, "m1", "one");

            PagerStatus again = Append(inbox, "m1", "one");

            Assert.AreEqual(PagerStatus.Duplicate, again);
            Assert.AreEqual(1, inbox.Count);
        }

        [TestMethod]
        public void TryAppend_DuplicateWhileFull_ReportsDuplicateNotFull()
        {
            PagerOptions options = Options();
            options.MaxCount = 1;
            Inbox inbox = PagerTestData.NewInbox(new MemoryFileStorage(), options);
            Append(inbox, "m1", "one");

            Assert.AreEqual(PagerStatus.Duplicate, Append(inbox, "m1", "one"));
        }

        [TestMethod]
        public void TryAppend_RetransmissionAfterAcknowledgeAndReboot_IsStillDuplicate()
        {
            var storage = new MemoryFileStorage();
            Inbox inbox = PagerTestData.NewInbox(storage, Options());
            Append(inbox, "m1", "one");
            inbox.Acknowledge("m1");
            inbox.Close();

            Inbox rebooted = PagerTestData.NewInbox(storage, Options());

            Assert.AreEqual(PagerStatus.Duplicate, Append(rebooted, "m1", "one"));
            Assert.AreEqual(0, rebooted.Count);
        }

        [TestMethod]
        public void RecentIds_AreBoundedByRecentIdCount()
        {
            PagerOptions options = Options();
            options.RecentIdCount = 3;
            Inbox inbox = PagerTestData.NewInbox(new MemoryFileStorage(), options);
            for (int i = 0; i < 5; i++)
            {
                Append(inbox, "m" + i, "x");
                inbox.Acknowledge("m" + i);
            }

            Assert.IsFalse(inbox.Contains("m0"));
            Assert.IsFalse(inbox.Contains("m1"));
            Assert.IsTrue(inbox.Contains("m2"));
            Assert.IsTrue(inbox.Contains("m4"));
            Assert.AreEqual(PagerStatus.Stored, Append(inbox, "m0", "x"));
        }

        [TestMethod]
        public void RecentIds_SurviveCompaction()
        {
            var storage = new MemoryFileStorage();
            PagerOptions options = Options();
            options.RecentIdCount = 4;
            options.CompactGarbageBytes = 200;
            Inbox inbox = PagerTestData.NewInbox(storage, options);
            for (int i = 0; i < 40; i++)
            {
                Append(inbox, "m" + i, "some text to make garbage grow");
                inbox.Acknowledge("m" + i);
            }

            inbox.Close();
            Inbox rebooted = PagerTestData.NewInbox(storage, options);

            Assert.IsTrue(storage.ReadAll("inbox.jnl").Length < 700, "journal was not compacted");
            Assert.IsTrue(rebooted.Contains("m39"));
            Assert.IsTrue(rebooted.Contains("m36"));
            Assert.IsFalse(rebooted.Contains("m35"));
            Assert.AreEqual(PagerStatus.Duplicate, Append(rebooted, "m38", "some text to make garbage grow"));
        }

        [TestMethod]
        public void TryAppend_WithoutMessageId_GetsLocalIdAndIsNotDeduplicated()
        {
            Inbox inbox = PagerTestData.NewInbox(new MemoryFileStorage(), Options());
            byte[] body = PagerTestData.Bytes("same");

            PagerStatus first = inbox.TryAppend("sip:bob@example.org", "text/plain", body, 0, body.Length, null);
            PagerStatus second = inbox.TryAppend("sip:bob@example.org", "text/plain", body, 0, body.Length, string.Empty);
            var message = new PagerMessage();
            inbox.Read(message);

            Assert.AreEqual(PagerStatus.Stored, first);
            Assert.AreEqual(PagerStatus.Stored, second);
            Assert.AreEqual(2, inbox.Count);
            Assert.IsFalse(message.HasRemoteId);
            Assert.IsTrue(message.MessageId.StartsWith("local-"), message.MessageId);
            Assert.IsTrue(inbox.Acknowledge(message.MessageId));
        }

        [TestMethod]
        public void TryAppend_RemoteIdEqualToALocalId_IsNotTakenForADuplicate()
        {
            Inbox inbox = PagerTestData.NewInbox(new MemoryFileStorage(), Options());
            byte[] body = PagerTestData.Bytes("x");
            inbox.TryAppend("sip:bob@example.org", "text/plain", body, 0, 1, null);
            var message = new PagerMessage();
            inbox.Read(message);

            PagerStatus status = inbox.TryAppend("sip:eve@example.org", "text/plain", body, 0, 1, message.MessageId);

            Assert.AreEqual(PagerStatus.Stored, status);
            Assert.AreEqual(2, inbox.Count);
        }

        [TestMethod]
        public void TryAppend_MessageIdLongerThanMaxField_ReturnsTooLarge()
        {
            PagerOptions options = Options();
            options.MaxFieldBytes = 16;
            Inbox inbox = PagerTestData.NewInbox(new MemoryFileStorage(), options);

            Assert.AreEqual(PagerStatus.TooLarge, Append(inbox, "a-message-id-of-more-than-16", "x"));
        }

        [TestMethod]
        public void Acknowledge_Unknown_ReturnsFalse()
        {
            Inbox inbox = PagerTestData.NewInbox(new MemoryFileStorage(), Options());

            Assert.IsFalse(inbox.Acknowledge("nope"));
        }

        private static PagerStatus Append(Inbox inbox, string messageId, string text)
        {
            byte[] body = PagerTestData.Bytes(text);
            return inbox.TryAppend("sip:bob@example.org", "text/plain", body, 0, body.Length, messageId);
        }

        private static PagerOptions Options()
        {
            return new PagerOptions("inbox.jnl");
        }
    }
}
