#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Firmware.Storage;
using SimpleImGateway.Firmware.Tests.Fakes;

namespace SimpleImGateway.Firmware.Tests.Storage
{
    [TestClass]
    public class PayloadBufferTests
    {
        [TestMethod]
        public void WriteString_MixedScripts_WritesExactUtf8()
        {
            // "aé€😀": 1, 2, 3 and 4 UTF-8 bytes.
            string text = "a\u00E9\u20AC\uD83D\uDE00";
            byte[] expected = { 10, 0, 0x61, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80 };

            byte[] written = WriteThenReadPayload(text, out string readBack);

            CollectionAssert.AreEqual(expected, written);
            Assert.AreEqual(text, readBack);
        }

        [TestMethod]
        public void WriteString_LoneSurrogate_BecomesReplacementCharacter()
        {
            WriteThenReadPayload("x\uD800y", out string readBack);

            Assert.AreEqual("x\uFFFDy", readBack);
        }

        [TestMethod]
        public void Utf8Length_MixedScripts_CountsBytes()
        {
            Assert.AreEqual(10, PayloadBuffer.Utf8Length("a\u00E9\u20AC\uD83D\uDE00"));
            Assert.AreEqual(0, PayloadBuffer.Utf8Length(string.Empty));
        }

        [TestMethod]
        public void Write_PastCapacity_ThrowsArgumentException()
        {
            var journal = new Journal(new MemoryFileStorage(), "p.jnl", 16, new SeededRandom(1), new ListLog());
            journal.Open();
            PayloadBuffer payload = journal.BeginAppend();
            payload.WriteInt64(1);
            payload.WriteInt64(2);

            bool threw = false;
            try
            {
                payload.WriteByte(3);
            }
            catch (System.ArgumentException)
            {
                threw = true;
            }

            Assert.IsTrue(threw);
            Assert.AreEqual(16, payload.Length);
        }

        [TestMethod]
        public void ReadString_LengthPastEnd_ThrowsCorruptRecord()
        {
            var journal = new Journal(new MemoryFileStorage(), "p.jnl", 64, new SeededRandom(1), new ListLog());
            journal.Open();
            PayloadBuffer payload = journal.BeginAppend();
            payload.WriteByte(200);
            payload.WriteByte(0);
            payload.WriteByte(0x41);
            var record = new JournalRecord();
            journal.CommitAppend(1, record);
            Assert.IsTrue(journal.ReadAt(record.Position, record));

            bool threw = false;
            try
            {
                record.Payload.ReadString();
            }
            catch (CorruptRecordException)
            {
                threw = true;
            }

            Assert.IsTrue(threw);
        }

        private static byte[] WriteThenReadPayload(string text, out string readBack)
        {
            var storage = new MemoryFileStorage();
            var journal = new Journal(storage, "p.jnl", 64, new SeededRandom(1), new ListLog());
            journal.Open();
            journal.BeginAppend().WriteString(text);
            var record = new JournalRecord();
            journal.CommitAppend(7, record);

            byte[] file = storage.ReadAll("p.jnl");
            int payloadLength = record.Size - Journal.RecordOverhead;
            var payload = new byte[payloadLength];
            System.Array.Copy(file, (int)record.Position + 13, payload, 0, payloadLength);

            Assert.IsTrue(journal.ReadAt(record.Position, record));
            readBack = record.Payload.ReadString();
            return payload;
        }
    }
}
