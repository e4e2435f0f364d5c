#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using SimpleImGateway.Firmware.Pager;
using SimpleImGateway.Firmware.Storage;
using SimpleImGateway.Firmware.Tests.Fakes;

namespace SimpleImGateway.Firmware.Tests.Pager
{
    [TestClass]
    public class OutboxTests
    {
        [TestMethod]
        public void Send_ThenPeekNext_ReturnsTheMessageExactly()
        {
            var storage = new MemoryFileStorage();
            Outbox outbox = PagerTestData.NewOutbox(storage, Options());
            byte[] body = { 0, 1, 2, 0xFF, 0x0D, 0x0A };

            string id = outbox.Send("sip:alice@example.org", "application/octet-stream", body);
            var message = new PagerMessage();
            bool found = outbox.PeekNext(message);

            Assert.IsTrue(found);
            Assert.AreEqual(id, message.MessageId);
            Assert.AreEqual("sip:alice@example.org", message.Peer);
            Assert.AreEqual("application/octet-stream", message.ContentType);
            CollectionAssert.AreEqual(body, message.CopyBody());
            Assert.IsFalse(message.HasRemoteId);
        }

        [TestMethod]
        public void Send_MessageId_IsDevicePrefixJournalIdAndSequence()
        {
            Outbox outbox = PagerTestData.NewOutbox(new MemoryFileStorage(), Options());

            string first = outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("1"));
            string second = outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("2"));

            string[] parts = first.Split('-');
            Assert.AreEqual(4, parts.Length);
            Assert.AreEqual("esp32", parts[0]);
            Assert.AreEqual("a1b2", parts[1]);
            Assert.AreEqual(8, parts[2].Length);
            Assert.AreEqual("1", parts[3]);
            Assert.AreEqual("esp32-a1b2-" + parts[2] + "-2", second);
        }

        [TestMethod]
        public void PeekNext_Repeated_ReturnsSameMessageIdUntilAcknowledged()
        {
            Outbox outbox = PagerTestData.NewOutbox(new MemoryFileStorage(), Options());
            string id = outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("retry me"));
            var message = new PagerMessage();

            outbox.PeekNext(message);
            string firstTry = message.MessageId;
            outbox.PeekNext(message);

            Assert.AreEqual(id, firstTry);
            Assert.AreEqual(id, message.MessageId);
            Assert.AreEqual(1, outbox.Count);
        }

        [TestMethod]
        public void Acknowledge_Head_NextPeekReturnsFollowingMessageInOrder()
        {
            Outbox outbox = PagerTestData.NewOutbox(new MemoryFileStorage(), Options());
            string first = outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("one"));
            string second = outbox.Send("sip:b@example.org", "text/plain", PagerTestData.Bytes("two"));
            var message = new PagerMessage();

            Assert.IsTrue(outbox.Acknowledge(first));
            outbox.PeekNext(message);

            Assert.AreEqual(second, message.MessageId);
            Assert.AreEqual("two", PagerTestData.Text(message));
            Assert.AreEqual(1, outbox.Count);
        }

        [TestMethod]
        public void Acknowledge_UnknownOrAlreadyAcknowledged_ReturnsFalse()
        {
            Outbox outbox = PagerTestData.NewOutbox(new MemoryFileStorage(), Options());
            string id = outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("one"));

            Assert.IsFalse(outbox.Acknowledge("esp32-a1b2-00000000-99"));
            Assert.IsTrue(outbox.Acknowledge(id));
            Assert.IsFalse(outbox.Acknowledge(id));
            Assert.IsFalse(outbox.PeekNext(new PagerMessage()));
        }

        [TestMethod]
        public void Reopen_AfterSendsAndAcks_RebuildsUnacknowledgedInOrder()
        {
            var storage = new MemoryFileStorage();
            Outbox outbox = PagerTestData.NewOutbox(storage, Options());
            string a = outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("a"));
            string b = outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("b"));
            string c = outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("c"));
            outbox.Acknowledge(b);
            outbox.Close();

            Outbox rebooted = PagerTestData.NewOutbox(storage, Options());
            var message = new PagerMessage();

            Assert.AreEqual(2, rebooted.Count);
            rebooted.PeekNext(message);
            Assert.AreEqual(a, message.MessageId);
            rebooted.Acknowledge(a);
            rebooted.PeekNext(message);
            Assert.AreEqual(c, message.MessageId);
            Assert.AreEqual("c", PagerTestData.Text(message));
        }

        [TestMethod]
        public void MessageIds_AcrossReboots_NeverRepeat()
        {
            var storage = new MemoryFileStorage();
            string[] seen = new string[30];
            int n = 0;
            for (int boot = 0; boot < 10; boot++)
            {
                Outbox outbox = PagerTestData.NewOutbox(storage, Options());
                for (int i = 0; i < 3; i++)
                {
                    string id = outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("x"));
                    Assert.AreEqual(-1, Array.IndexOf(seen, id), id);
                    seen[n++] = id;
                    outbox.Acknowledge(id);
                }

                outbox.Close();
            }

            Assert.AreEqual(30, n);
        }

        [TestMethod]
        public void MessageIds_AfterFlashWiped_DifferFromBefore()
        {
            Outbox before = new Outbox(new MemoryFileStorage(), Options(), new SeededRandom(1), new ListLog());
            Outbox after = new Outbox(new MemoryFileStorage(), Options(), new SeededRandom(2), new ListLog());

            string old = before.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("x"));
            string fresh = after.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("x"));

            Assert.AreNotEqual(old, fresh);
        }

        [TestMethod]
        public void TrySend_AtMaxCount_ReturnsFullCountAndEvictsNothing()
        {
            PagerOptions options = Options();
            options.MaxCount = 3;
            Outbox outbox = PagerTestData.NewOutbox(new MemoryFileStorage(), options);
            string first = outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("1"));
            outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("2"));
            outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("3"));

            PagerStatus status = outbox.TrySend("sip:a@example.org", "text/plain", PagerTestData.Bytes("4"), 0, 1, out string id);

            Assert.AreEqual(PagerStatus.FullCount, status);
            Assert.IsNull(id);
            Assert.AreEqual(3, outbox.Count);
            var message = new PagerMessage();
            outbox.PeekNext(message);
            Assert.AreEqual(first, message.MessageId);
        }

        [TestMethod]
        public void Send_WhenFull_ThrowsOutboxFullWithStatus()
        {
            PagerOptions options = Options();
            options.MaxCount = 1;
            Outbox outbox = PagerTestData.NewOutbox(new MemoryFileStorage(), options);
            outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("1"));

            OutboxFullException caught = null;
            try
            {
                outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("2"));
            }
            catch (OutboxFullException e)
            {
                caught = e;
            }

            Assert.IsNotNull(caught);
            Assert.AreEqual(PagerStatus.FullCount, caught.Status);
            Assert.IsTrue(caught.Message.IndexOf("1 messages") >= 0, caught.Message);
        }

        [TestMethod]
        public void TrySend_OverMaxBytes_ReturnsFullBytesAndAcceptsSmallerLater()
        {
            PagerOptions options = Options();
            // A record: 17 framing + id (2+21) + flags 1 + to (2+17) + type (2+10) + body (2+n) = 74 + n.
            options.MaxBytes = 230;
            Outbox outbox = PagerTestData.NewOutbox(new MemoryFileStorage(), options);
            outbox.Send("sip:a@example.org", "text/plain", new byte[60]);
            long used = outbox.Bytes;

            PagerStatus big = outbox.TrySend("sip:a@example.org", "text/plain", new byte[100], 0, 100, out string none);
            PagerStatus small = outbox.TrySend("sip:a@example.org", "text/plain", new byte[10], 0, 10, out string id);

            Assert.AreEqual(PagerStatus.FullBytes, big);
            Assert.AreEqual(PagerStatus.Stored, small);
            Assert.AreEqual(134L + 84L, outbox.Bytes);
            Assert.AreEqual(134L, used);
            Assert.AreEqual(2, outbox.Count);
        }

        [TestMethod]
        public void Acknowledge_FreesCountAndBytes()
        {
            PagerOptions options = Options();
            options.MaxCount = 1;
            Outbox outbox = PagerTestData.NewOutbox(new MemoryFileStorage(), options);
            string id = outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("1"));

            outbox.Acknowledge(id);

            Assert.AreEqual(0L, outbox.Bytes);
            Assert.AreEqual(PagerStatus.Stored, outbox.TrySend("sip:a@example.org", "text/plain", new byte[1], 0, 1, out string next));
        }

        [TestMethod]
        public void TrySend_BodyOverMaxBodyBytes_ReturnsTooLarge()
        {
            PagerOptions options = Options();
            options.MaxBodyBytes = 100;
            Outbox outbox = PagerTestData.NewOutbox(new MemoryFileStorage(), options);

            PagerStatus status = outbox.TrySend("sip:a@example.org", "text/plain", new byte[101], 0, 101, out string id);

            Assert.AreEqual(PagerStatus.TooLarge, status);
            Assert.AreEqual(0, outbox.Count);
        }

        [TestMethod]
        public void Send_HeaderValueWithCrLf_ThrowsArgumentException()
        {
            Outbox outbox = PagerTestData.NewOutbox(new MemoryFileStorage(), Options());

            bool threw = false;
            try
            {
                outbox.Send("sip:a@example.org\r\nX-Injected: 1", "text/plain", PagerTestData.Bytes("x"));
            }
            catch (ArgumentException)
            {
                threw = true;
            }

            Assert.IsTrue(threw);
            Assert.AreEqual(0, outbox.Count);
        }

        [TestMethod]
        public void Options_InvalidDeviceId_ThrowsArgumentException()
        {
            PagerOptions options = Options();
            options.DeviceId = "has space";

            bool threw = false;
            try
            {
                new Outbox(new MemoryFileStorage(), options, new SeededRandom(1), new ListLog());
            }
            catch (ArgumentException)
            {
                threw = true;
            }

            Assert.IsTrue(threw);
        }

        [TestMethod]
        public void Acknowledge_ManyMessages_CompactsAndKeepsFileBounded()
        {
            var storage = new MemoryFileStorage();
            PagerOptions options = Options();
            options.CompactGarbageBytes = 1024;
            options.MaxCount = 128;
            Outbox outbox = PagerTestData.NewOutbox(storage, options);
            var message = new PagerMessage();
            string last = null;
            long largest = 0;
            for (int i = 0; i < 300; i++)
            {
                outbox.Send("sip:a@example.org", "text/plain", new byte[40]);
                if (i % 3 != 0)
                {
                    outbox.PeekNext(message);
                    outbox.Acknowledge(message.MessageId);
                }

                long length = storage.ReadAll("outbox.jnl").Length;
                largest = length > largest ? length : largest;
                last = i.ToString();
            }

            Assert.AreEqual("299", last);
            Assert.AreEqual(100, outbox.Count);
            Assert.IsTrue(largest < Journal.HeaderSize + outbox.Bytes + 1024 + 300, "largest journal " + largest);
            outbox.Close();
            Outbox rebooted = PagerTestData.NewOutbox(storage, options);
            Assert.AreEqual(100, rebooted.Count);
        }

        [TestMethod]
        public void Open_TornSendAtTail_DropsItAndRepairs()
        {
            var storage = new MemoryFileStorage();
            Outbox outbox = PagerTestData.NewOutbox(storage, Options());
            string kept = outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("kept"));
            long intact = storage.ReadAll("outbox.jnl").Length;
            outbox.Send("sip:a@example.org", "text/plain", PagerTestData.Bytes("torn"));
            outbox.Close();
            byte[] file = storage.ReadAll("outbox.jnl");
            var torn = new byte[intact + 30];
            Array.Copy(file, torn, torn.Length);
            storage.WriteAll("outbox.jnl", torn);

            Outbox rebooted = PagerTestData.NewOutbox(storage, Options());
            var message = new PagerMessage();

            Assert.AreEqual(1, rebooted.Count);
            Assert.IsTrue(rebooted.PeekNext(message));
            Assert.AreEqual(kept, message.MessageId);
            Assert.AreEqual(intact, (long)storage.ReadAll("outbox.jnl").Length);
        }

        [TestMethod]
        public void Send_Body_WithOffsetAndCount_StoresOnlyThatSlice()
        {
            Outbox outbox = PagerTestData.NewOutbox(new MemoryFileStorage(), Options());
            byte[] buffer = PagerTestData.Bytes("xxhelloyy");

            outbox.Send("sip:a@example.org", "text/plain", buffer, 2, 5);
            var message = new PagerMessage();
            outbox.PeekNext(message);

            Assert.AreEqual("hello", PagerTestData.Text(message));
        }

        private static PagerOptions Options()
        {
            var options = new PagerOptions("outbox.jnl");
            options.DeviceId = "esp32-a1b2";
            return options;
        }
    }
}
