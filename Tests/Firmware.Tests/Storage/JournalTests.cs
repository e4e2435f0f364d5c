#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using SimpleImGateway.Firmware.Storage;
using SimpleImGateway.Firmware.Tests.Fakes;

namespace SimpleImGateway.Firmware.Tests.Storage
{
    [TestClass]
    public class JournalTests
    {
        private const string Name = "test.jnl";

        [TestMethod]
        public void Open_EmptyStorage_CreatesFileWithHeaderOnly()
        {
            var storage = new MemoryFileStorage();
            Journal journal = NewJournal(storage);

            journal.Open();

            Assert.AreEqual((long)Journal.HeaderSize, journal.Length);
            Assert.AreEqual(1L, journal.NextSequence);
            Assert.IsFalse(journal.NeedsRepair);
            CollectionAssert.AreEqual(new string[] { Name }, storage.Names());
        }

        [TestMethod]
        public void CommitAppend_ThenReopen_ReadsRecordsInOrderWithPayloads()
        {
            var storage = new MemoryFileStorage();
            Journal journal = NewJournal(storage);
            journal.Open();
            Append(journal, 1, "first");
            Append(journal, 2, "second");
            Append(journal, 1, "third");
            journal.Close();

            Journal reopened = NewJournal(storage);
            reopened.Open();

            Assert.AreEqual("1:1:first|2:2:second|3:1:third", ReadAll(reopened));
            Assert.AreEqual(4L, reopened.NextSequence);
        }

        [TestMethod]
        public void CommitAppend_RecordLayout_IsMagicLengthSequenceTypePayloadCrc()
        {
            var storage = new MemoryFileStorage();
            Journal journal = NewJournal(storage);
            journal.Open();
            PayloadBuffer payload = journal.BeginAppend();
            payload.WriteByte(0xAB);
            payload.WriteByte(0xCD);
            journal.CommitAppend(9, null);

            byte[] file = storage.ReadAll(Name);

            Assert.AreEqual(Journal.HeaderSize + Journal.RecordOverhead + 2, file.Length);
            byte[] expectedStart = { 0x5A, 0xA5, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9, 0xAB, 0xCD };
            for (int i = 0; i < expectedStart.Length; i++)
            {
                Assert.AreEqual(expectedStart[i], file[Journal.HeaderSize + i], "byte " + i);
            }
        }

        [TestMethod]
        public void Sequence_AfterCompactingEverythingAndReopening_KeepsIncreasing()
        {
            var storage = new MemoryFileStorage();
            Journal journal = NewJournal(storage);
            journal.Open();
            Append(journal, 1, "a");
            Append(journal, 1, "b");
            Append(journal, 1, "c");
            journal.Compact(new RetainNone());
            journal.Close();

            Journal reopened = NewJournal(storage);
            reopened.Open();
            long sequence = Append(reopened, 1, "d");

            Assert.AreEqual(4L, sequence);
            Assert.AreEqual((long)Journal.HeaderSize + Journal.RecordOverhead + 3, reopened.Length);
        }

        [TestMethod]
        public void Compact_WithFilter_KeepsRetainedRecordsWithTheirSequences()
        {
            var storage = new MemoryFileStorage();
            Journal journal = NewJournal(storage);
            journal.Open();
            Append(journal, 1, "keep-1");
            Append(journal, 2, "drop-2");
            Append(journal, 1, "keep-3");
            Append(journal, 2, "drop-4");

            journal.Compact(new RetainType(1));

            Assert.AreEqual("1:1:keep-1|3:1:keep-3", ReadAll(journal));
            Assert.AreEqual(5L, journal.NextSequence);
            CollectionAssert.AreEqual(new string[] { Name }, storage.Names());
        }

        [TestMethod]
        public void Open_TornRecordAtTail_SkipsItAndCompactionRemovesIt()
        {
            var storage = new MemoryFileStorage();
            Journal journal = NewJournal(storage);
            journal.Open();
            Append(journal, 1, "one");
            Append(journal, 1, "two");
            long intactLength = journal.Length;
            Append(journal, 1, "three, torn by a power cut");
            journal.Close();
            byte[] file = storage.ReadAll(Name);
            storage.WriteAll(Name, Prefix(file, (int)intactLength + 20));

            Journal reopened = NewJournal(storage);
            reopened.Open();

            Assert.AreEqual("1:1:one|2:1:two", ReadAll(reopened));
            Assert.IsTrue(reopened.NeedsRepair);
            Assert.AreEqual(20L, reopened.DamagedBytes);
            Assert.AreEqual(3L, reopened.NextSequence);

            reopened.Compact(null);

            Assert.AreEqual(intactLength, reopened.Length);
            Assert.IsFalse(reopened.NeedsRepair);
        }

        [TestMethod]
        public void BeginAppend_AfterTornTail_RepairsBeforeAppending()
        {
            var storage = new MemoryFileStorage();
            Journal journal = NewJournal(storage);
            journal.Open();
            Append(journal, 1, "one");
            long intactLength = journal.Length;
            Append(journal, 1, "two");
            journal.Close();
            storage.WriteAll(Name, Prefix(storage.ReadAll(Name), (int)intactLength + 5));
            Journal reopened = NewJournal(storage);
            reopened.Open();

            Append(reopened, 1, "after");

            Assert.AreEqual("1:1:one|2:1:after", ReadAll(reopened));
            Assert.AreEqual(intactLength + Journal.RecordOverhead + 2 + 5, reopened.Length);
        }

        [TestMethod]
        public void ReadNext_CorruptedMiddleRecord_SkipsOnlyThatRecord()
        {
            var storage = new MemoryFileStorage();
            Journal journal = NewJournal(storage);
            journal.Open();
            Append(journal, 1, "one");
            var second = new JournalRecord();
            journal.BeginAppend().WriteString("two");
            journal.CommitAppend(1, second);
            Append(journal, 1, "three");
            journal.Close();
            byte[] file = storage.ReadAll(Name);
            file[(int)second.Position + 16] ^= 0x01;
            storage.WriteAll(Name, file);

            Journal reopened = NewJournal(storage);
            reopened.Open();

            Assert.AreEqual("1:1:one|3:1:three", ReadAll(reopened));
            Assert.AreEqual((long)second.Size, reopened.DamagedBytes);
        }

        [TestMethod]
        public void ReadNext_RecordShapedBytesInsidePayload_AreNeverTakenForARecord()
        {
            // A payload that carries a well-formed record with a high sequence but an unsalted checksum,
            // as a sender who knows the format could put in a message body.
            byte[] fake = FakeRecord(1000, 1, "forged");
            var storage = new MemoryFileStorage();
            Journal journal = NewJournal(storage);
            journal.Open();
            Append(journal, 1, "one");
            var carrier = new JournalRecord();
            PayloadBuffer payload = journal.BeginAppend();
            payload.WriteBlock(fake, 0, fake.Length);
            journal.CommitAppend(1, carrier);
            journal.Close();
            byte[] file = storage.ReadAll(Name);
            file[(int)carrier.Position] ^= 0xFF;
            storage.WriteAll(Name, file);

            Journal reopened = NewJournal(storage);
            reopened.Open();

            Assert.AreEqual("1:1:one", ReadAll(reopened));
            Assert.AreEqual(2L, reopened.NextSequence);
        }

        [TestMethod]
        public void Open_CorruptHeader_KeepsFileAsideAndStartsEmpty()
        {
            var storage = new MemoryFileStorage();
            Journal journal = NewJournal(storage);
            journal.Open();
            Append(journal, 1, "one");
            journal.Close();
            byte[] file = storage.ReadAll(Name);
            file[17] ^= 0x40;
            storage.WriteAll(Name, file);
            var log = new ListLog();

            var reopened = new Journal(storage, Name, 256, new SeededRandom(2), log);
            reopened.Open();

            Assert.AreEqual(string.Empty, ReadAll(reopened));
            Assert.AreEqual(1, log.Errors);
            CollectionAssert.AreEqual(file, storage.ReadAll(Name + ".bad"));
        }

        [TestMethod]
        public void Open_CommittedCompactionNotFinished_FinishesIt()
        {
            var storage = new MemoryFileStorage();
            Journal journal = NewJournal(storage);
            journal.Open();
            Append(journal, 1, "old generation");
            journal.Close();
            var elsewhere = new MemoryFileStorage();
            Journal compacted = NewJournal(elsewhere);
            compacted.Open();
            Append(compacted, 1, "new generation");
            compacted.Close();
            // As left by a cut between the commit rename and the final rename, with a stale .tmp too.
            storage.WriteAll(Name + ".new", elsewhere.ReadAll(Name));
            storage.WriteAll(Name + ".tmp", new byte[] { 1, 2, 3 });

            Journal reopened = NewJournal(storage);
            reopened.Open();

            Assert.AreEqual("1:1:new generation", ReadAll(reopened));
            CollectionAssert.AreEqual(new string[] { Name }, storage.Names());
        }

        [TestMethod]
        public void Compact_PowerCutAtEveryStep_LeavesEitherOldOrNewRecordsNeverAMix()
        {
            int cuts = 0;
            for (int mode = 0; mode < 3; mode++)
            {
                for (long cutAt = 0; ; cutAt++)
                {
                    var storage = new MemoryFileStorage();
                    storage.ByteExact = true;
                    Journal journal = NewJournal(storage);
                    journal.Open();
                    Append(journal, 1, "keep-1");
                    Append(journal, 2, "drop-2");
                    Append(journal, 1, "keep-3");
                    storage.ArmCut(cutAt, (CutMode)mode);
                    bool cut = false;
                    try
                    {
                        journal.Compact(new RetainType(1));
                    }
                    catch (PowerCutException)
                    {
                        cut = true;
                    }

                    storage.Reboot();
                    Journal reopened = NewJournal(storage);
                    reopened.Open();
                    string records = ReadAll(reopened);
                    if (records != "1:1:keep-1|2:2:drop-2|3:1:keep-3")
                    {
                        Assert.AreEqual("1:1:keep-1|3:1:keep-3", records, "cut at " + cutAt);
                    }

                    Assert.AreEqual(4L, reopened.NextSequence);
                    CollectionAssert.AreEqual(new string[] { Name }, storage.Names());
                    if (!cut)
                    {
                        break;
                    }

                    cuts++;
                }
            }

            Assert.IsTrue(cuts > 100, "only " + cuts + " cuts");
        }

        [TestMethod]
        public void Operations_BeforeOpen_ThrowInvalidOperation()
        {
            Journal journal = NewJournal(new MemoryFileStorage());

            bool threw = false;
            try
            {
                journal.BeginAppend();
            }
            catch (InvalidOperationException)
            {
                threw = true;
            }

            Assert.IsTrue(threw);
        }

        [TestMethod]
        public void JournalId_FreshJournals_DifferAndSurviveReopen()
        {
            var storage = new MemoryFileStorage();
            var first = new Journal(storage, Name, 64, new SeededRandom(11), new ListLog());
            first.Open();
            var second = new Journal(new MemoryFileStorage(), Name, 64, new SeededRandom(12), new ListLog());
            second.Open();
            first.Close();
            var reopened = new Journal(storage, Name, 64, new SeededRandom(13), new ListLog());
            reopened.Open();

            Assert.AreNotEqual(first.JournalId, second.JournalId);
            Assert.AreEqual(first.JournalId, reopened.JournalId);
        }

        internal static Journal NewJournal(MemoryFileStorage storage)
        {
            return new Journal(storage, Name, 256, new SeededRandom(7), new ListLog());
        }

        private static long Append(Journal journal, byte type, string text)
        {
            journal.BeginAppend().WriteString(text);
            return journal.CommitAppend(type, null);
        }

        private static string ReadAll(Journal journal)
        {
            var record = new JournalRecord();
            string result = string.Empty;
            while (journal.ReadNext(record))
            {
                if (result.Length > 0)
                {
                    result += "|";
                }

                result += record.Sequence + ":" + record.Type + ":" + record.Payload.ReadString();
            }

            return result;
        }

        private static byte[] Prefix(byte[] bytes, int length)
        {
            var prefix = new byte[length];
            Array.Copy(bytes, prefix, length);
            return prefix;
        }

        private static byte[] FakeRecord(long sequence, byte type, string text)
        {
            var bytes = new byte[13 + 2 + text.Length + 4];
            bytes[0] = 0x5A;
            bytes[1] = 0xA5;
            bytes[2] = (byte)(2 + text.Length);
            for (int i = 0; i < 8; i++)
            {
                bytes[4 + i] = (byte)(sequence >> (8 * i));
            }

            bytes[12] = type;
            bytes[13] = (byte)text.Length;
            for (int i = 0; i < text.Length; i++)
            {
                bytes[15 + i] = (byte)text[i];
            }

            uint crc = Crc32.Compute(bytes, 0, bytes.Length - 4);
            for (int i = 0; i < 4; i++)
            {
                bytes[bytes.Length - 4 + i] = (byte)(crc >> (8 * i));
            }

            return bytes;
        }

        private sealed class RetainNone : IJournalFilter
        {
            public bool Retain(JournalRecord record)
            {
                return false;
            }
        }

        private sealed class RetainType : IJournalFilter
        {
            private readonly byte _type;

            public RetainType(byte type)
            {
                _type = type;
            }

            public bool Retain(JournalRecord record)
            {
                return record.Type == _type;
            }
        }
    }
}
