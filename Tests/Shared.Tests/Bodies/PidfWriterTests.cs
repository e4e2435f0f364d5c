#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Bodies.Xml;
using static SimpleImGateway.Sip.Tests.Bodies.BodyTestSupport;

namespace SimpleImGateway.Sip.Tests.Bodies
{
    [TestClass]
    public class PidfWriterTests
    {
        private const string Rfc3863Compact =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:im=\"urn:ietf:params:xml:ns:pidf:im\""
            + " xmlns:myex=\"http://id.example.com/presence/\" entity=\"pres:someone@example.com\">"
            + "<tuple id=\"bs35r9\"><status><basic>open</basic><im:im>busy</im:im><myex:location>home</myex:location></status>"
            + "<contact priority=\"0.8\">im:someone@mobilecarrier.net</contact>"
            + "<note xml:lang=\"en\">Don't Disturb Please!</note>"
            + "<note xml:lang=\"fr\">Ne derangez pas, s'il vous plait</note>"
            + "<timestamp>2001-10-27T16:49:29Z</timestamp></tuple>"
            + "<tuple id=\"eg92n8\"><status><basic>open</basic></status>"
            + "<contact priority=\"1.0\">mailto:someone@example.com</contact></tuple>"
            + "<note>I'll be in Tokyo next week</note></presence>";

        [TestMethod]
        public void CreateForDevice_OpenAndAvailable_WritesTheOmaImTupleExactly()
        {
            PresenceDocument doc = PresenceDocument.CreateForDevice(
                "sip:alice@example.com", "dev1", true, true, "sip:alice@192.0.2.10:5060", "Ready");

            Assert.AreEqual(RfcExamples.OmaDevice, PidfWriter.WriteString(doc));
        }

        [TestMethod]
        public void CreateForDevice_ClosedUnavailableWithoutContactOrNote_WritesClosedWillingness()
        {
            PresenceDocument doc = PresenceDocument.CreateForDevice("sip:bob@example.com", "d", false, false, null, null);

            Assert.AreEqual(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\""
                + " xmlns:op=\"urn:oma:xml:prs:pidf:oma-pres\" entity=\"sip:bob@example.com\"><tuple id=\"d\">"
                + "<status><basic>closed</basic></status><op:service-description>"
                + "<op:service-id>org.openmobilealliance:IM-session</op:service-id><op:version>1.0</op:version>"
                + "</op:service-description><op:willingness><op:basic>closed</op:basic></op:willingness></tuple></presence>",
                PidfWriter.WriteString(doc));
        }

        [TestMethod]
        public void Write_Rfc3863Example_RewritesCompactlyWithNothingLost()
        {
            PresenceDocument doc = PidfReaderTests.Parse(RfcExamples.Rfc3863);

            Assert.AreEqual(Rfc3863Compact, PidfWriter.WriteString(doc));
        }

        [TestMethod]
        public void Write_ParsedOutput_IsStableAcrossRoundTrips()
        {
            byte[] first = PidfWriter.Write(PidfReaderTests.Parse(RfcExamples.Rfc3863));
            byte[] second = PidfWriter.Write(PidfReader.Parse(first, 0, first.Length));

            CollectionAssert.AreEqual(first, second);
        }

        [TestMethod]
        public void Write_TextNeedingEscapes_IsEscapedAndReadsBack()
        {
            var doc = new PresenceDocument("sip:a&b@example.com");
            var tuple = new PresenceTuple("t<1>") { Basic = BasicStatus.Open, Contact = "sip:x@y;a=\"q\"" };
            tuple.AddNote("Fish & \"chips\" <now>\r\n", "en");
            doc.AddTuple(tuple);

            string xml = PidfWriter.WriteString(doc);

            Assert.AreEqual(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:a&amp;b@example.com\">"
                + "<tuple id=\"t&lt;1&gt;\"><status><basic>open</basic></status><contact>sip:x@y;a=\"q\"</contact>"
                + "<note xml:lang=\"en\">Fish &amp; \"chips\" &lt;now&gt;&#13;\n</note></tuple></presence>",
                xml);
            PresenceDocument back = PidfReaderTests.Parse(xml);
            Assert.AreEqual("sip:a&b@example.com", back.Entity);
            Assert.AreEqual("t<1>", back.GetTuple(0).Id);
            Assert.AreEqual("Fish & \"chips\" <now>\r\n", back.GetTuple(0).GetNote(0).Text);
        }

        [TestMethod]
        public void Write_ExtensionWithClashingPrefix_IsRedeclaredLocally()
        {
            var doc = new PresenceDocument("sip:a@b");
            var tuple = new PresenceTuple("t") { Basic = BasicStatus.Open };
            tuple.SetImService();
            tuple.AddExtension(new XmlElement("op", "other", "urn:not-oma"));
            doc.AddTuple(tuple);

            string xml = PidfWriter.WriteString(doc);

            AssertContains("<op:other xmlns:op=\"urn:not-oma\"/>", xml);
            PresenceDocument back = PidfReaderTests.Parse(xml);
            Assert.IsTrue(back.GetTuple(0).GetExtension(1).Is("other", "urn:not-oma"));
            Assert.IsTrue(back.IsAvailableForIm);
        }

        [TestMethod]
        public void TryWrite_BufferLargeEnough_WritesAtOffsetAndReturnsLength()
        {
            PresenceDocument doc = PidfReaderTests.Parse(RfcExamples.OmaDevice);
            byte[] expected = Utf8(RfcExamples.OmaDevice);
            byte[] buffer = new byte[expected.Length + 10];

            bool ok = PidfWriter.TryWrite(doc, buffer, 10, expected.Length, out int written);

            Assert.IsTrue(ok);
            Assert.AreEqual(expected.Length, written);
            var slice = new byte[written];
            Array.Copy(buffer, 10, slice, 0, written);
            CollectionAssert.AreEqual(expected, slice);
        }

        [TestMethod]
        public void TryWrite_BufferOneByteShort_ReturnsFalse()
        {
            PresenceDocument doc = PidfReaderTests.Parse(RfcExamples.OmaDevice);
            int size = PidfWriter.GetByteCount(doc);
            byte[] buffer = new byte[size];

            bool ok = PidfWriter.TryWrite(doc, buffer, 1, size - 1, out int written);

            Assert.IsFalse(ok);
            Assert.AreEqual(0, written);
            Assert.AreEqual(Utf8(RfcExamples.OmaDevice).Length, size);
        }

        [TestMethod]
        public void Write_IntoBuffer_ReturnsLengthOrThrowsWhenTooSmall()
        {
            PresenceDocument doc = PidfReaderTests.Parse(RfcExamples.Rfc3863);
            int size = PidfWriter.GetByteCount(doc);

            Assert.AreEqual(size, PidfWriter.Write(doc, new byte[size + 5], 5));
            Exception e = Catch(() => PidfWriter.Write(doc, new byte[size + 5], 6));
            Assert.IsTrue(e is ArgumentException);
            AssertContains("needs " + size + " bytes", e.Message);
        }

        [TestMethod]
        public void Tuple_WillingnessNone_RemovesTheElement()
        {
            PresenceDocument doc = PresenceDocument.CreateForDevice("sip:a@b", "t", true, true, null, null);

            doc.GetTuple(0).Willingness = BasicStatus.None;
            Assert.IsTrue(doc.GetTuple(0).RemoveServiceDescription());

            Assert.AreEqual(0, doc.GetTuple(0).ExtensionCount);
            Assert.AreEqual(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:a@b\">"
                + "<tuple id=\"t\"><status><basic>open</basic></status></tuple></presence>",
                PidfWriter.WriteString(doc));
        }

        [TestMethod]
        public void Model_InvalidValues_ThrowArgumentException()
        {
            var doc = new PresenceDocument("sip:a@b");
            doc.AddTuple(new PresenceTuple("t"));

            Assert.IsTrue(Catch(() => new PresenceDocument("")) is ArgumentException);
            Assert.IsTrue(Catch(() => new PresenceTuple(null)) is ArgumentException);
            Assert.IsTrue(Catch(() => doc.AddTuple(new PresenceTuple("t"))) is ArgumentException);
            Assert.IsTrue(Catch(() => doc.AddExtension(new XmlElement(PidfNamespaces.Pidf, "tuple"))) is ArgumentException);
            Assert.IsTrue(Catch(() => doc.GetTuple(0).SetServiceDescription("", null, null)) is ArgumentException);
        }
    }
}
