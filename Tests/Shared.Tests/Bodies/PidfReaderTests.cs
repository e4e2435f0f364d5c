#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Bodies.Xml;
using static SimpleImGateway.Sip.Tests.Bodies.BodyTestSupport;

namespace SimpleImGateway.Sip.Tests.Bodies
{
    [TestClass]
    public class PidfReaderTests
    {
        private const string Head = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:op=\"urn:oma:xml:prs:pidf:oma-pres\" entity=\"sip:a@b\">";
        private const string OpenStatus = "<status><basic>open</basic></status>";

        internal static PresenceDocument Parse(string xml)
        {
            byte[] bytes = Utf8(xml);
            return PidfReader.Parse(bytes, 0, bytes.Length);
        }

        [TestMethod]
        public void Parse_Rfc3863Example_ReadsEveryField()
        {
            PresenceDocument doc = Parse(RfcExamples.Rfc3863);

            Assert.AreEqual("pres:someone@example.com", doc.Entity);
            Assert.AreEqual(2, doc.TupleCount);
            PresenceTuple first = doc.GetTuple(0);
            Assert.AreEqual("bs35r9", first.Id);
            Assert.AreEqual(BasicStatus.Open, first.Basic);
            Assert.AreEqual("im:someone@mobilecarrier.net", first.Contact);
            Assert.AreEqual("0.8", first.ContactPriority);
            Assert.AreEqual("2001-10-27T16:49:29Z", first.Timestamp);
            Assert.AreEqual(2, first.NoteCount);
            Assert.AreEqual("Don't Disturb Please!", first.GetNote(0).Text);
            Assert.AreEqual("en", first.GetNote(0).Language);
            Assert.AreEqual("Ne derangez pas, s'il vous plait", first.GetNote(1).Text);
            Assert.AreEqual("fr", first.GetNote(1).Language);
            Assert.AreEqual(2, first.StatusExtensionCount);
            Assert.IsTrue(first.GetStatusExtension(0).Is("im", "urn:ietf:params:xml:ns:pidf:im"));
            Assert.AreEqual("busy", first.GetStatusExtension(0).Text);
            Assert.IsTrue(first.GetStatusExtension(1).Is("location", "http://id.example.com/presence/"));
            Assert.AreEqual("home", first.GetStatusExtension(1).Text);
            Assert.AreEqual(0, first.ExtensionCount);
            Assert.IsNull(first.ServiceId);

            PresenceTuple second = doc.GetTuple(1);
            Assert.AreEqual("eg92n8", second.Id);
            Assert.AreEqual(BasicStatus.Open, second.Basic);
            Assert.AreEqual("mailto:someone@example.com", second.Contact);
            Assert.AreEqual("1.0", second.ContactPriority);
            Assert.IsNull(second.Timestamp);
            Assert.AreEqual(0, second.NoteCount);

            Assert.AreEqual(1, doc.NoteCount);
            Assert.AreEqual("I'll be in Tokyo next week", doc.GetNote(0).Text);
            Assert.IsNull(doc.GetNote(0).Language);
        }

        [TestMethod]
        public void Parse_OmaDevice_ReadsServiceDescriptionAndWillingness()
        {
            PresenceDocument doc = Parse(RfcExamples.OmaDevice);

            PresenceTuple tuple = doc.GetTuple(0);
            Assert.AreEqual(PresenceTuple.ImSessionServiceId, tuple.ServiceId);
            Assert.AreEqual("1.0", tuple.ServiceVersion);
            Assert.IsNull(tuple.ServiceDescriptionText);
            Assert.IsTrue(tuple.IsImService);
            Assert.AreEqual(BasicStatus.Open, tuple.Willingness);
            Assert.AreEqual(2, tuple.ExtensionCount);
            Assert.IsTrue(doc.IsAvailableForIm);
        }

        [TestMethod]
        public void Parse_ExtensionsAfterContactAndPaddedValues_AreAcceptedAsPublishersSendThem()
        {
            PresenceDocument doc = Parse(Head
                + "<tuple id=\" t1 \"><status><basic> closed </basic></status><contact priority=\"0.000\"> sip:a@h </contact>"
                + "<timestamp>2015-05-29T08:32:23Z</timestamp><op:service-description><op:service-id> org.openmobilealliance:IM-session"
                + " </op:service-id><op:version> 1.0 </op:version><op:description>IM</op:description></op:service-description></tuple>"
                + "<dm:person xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\" id=\"p1\"><dm:note>Busy</dm:note></dm:person></presence>");

            PresenceTuple tuple = doc.GetTuple(0);
            Assert.AreEqual("t1", tuple.Id);
            Assert.AreEqual(BasicStatus.Closed, tuple.Basic);
            Assert.AreEqual("sip:a@h", tuple.Contact);
            Assert.AreEqual("0.000", tuple.ContactPriority);
            Assert.AreEqual(PresenceTuple.ImSessionServiceId, tuple.ServiceId);
            Assert.AreEqual("1.0", tuple.ServiceVersion);
            Assert.AreEqual("IM", tuple.ServiceDescriptionText);
            Assert.AreEqual(1, doc.ExtensionCount);
            XmlElement person = doc.GetExtension(0);
            Assert.AreEqual("dm", person.Prefix);
            Assert.AreEqual("p1", person.GetAttribute("id"));
        }

        [TestMethod]
        public void Parse_EmptyPresence_HasNoTuples()
        {
            PresenceDocument doc = Parse("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:a@b\">\n</presence>");

            Assert.AreEqual(0, doc.TupleCount);
            Assert.IsFalse(doc.IsAvailableForIm);
        }

        [TestMethod]
        [DataRow("<presense xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"x\"/>", "the root element must be <presence> in urn:ietf:params:xml:ns:pidf, not <presense>")]
        [DataRow("<presence entity=\"x\"/>", "the root element must be <presence>")]
        [DataRow("<presence xmlns=\"urn:ietf:params:xml:ns:pidf:im\" entity=\"x\"/>", "the root element must be <presence>")]
        [DataRow("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"/>", "<presence> has no entity")]
        [DataRow("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\" \"/>", "<presence> has no entity")]
        [DataRow(Head + "<tuple>" + OpenStatus + "</tuple></presence>", "<tuple> has no id")]
        [DataRow(Head + "<tuple id=\"\">" + OpenStatus + "</tuple></presence>", "<tuple> has no id")]
        [DataRow(Head + "<tuple id=\"t\">" + OpenStatus + "</tuple><tuple id=\"t\">" + OpenStatus + "</tuple></presence>", "duplicate tuple id 't'")]
        [DataRow(Head + "<tuple id=\"t\"><status><basic>busy</basic></status></tuple></presence>", "tuple 't': <basic> must be 'open' or 'closed', not 'busy'")]
        [DataRow(Head + "<tuple id=\"t\"><status><basic/></status></tuple></presence>", "<basic> must be 'open' or 'closed'")]
        [DataRow(Head + "<tuple id=\"t\"><status><basic>open</basic><basic>closed</basic></status></tuple></presence>", "tuple 't' has more than one <basic>")]
        [DataRow(Head + "<tuple id=\"t\"><status><basic><b/></basic></status></tuple></presence>", "<basic> in tuple 't' must hold text only")]
        [DataRow(Head + "<tuple id=\"t\"><contact>sip:x</contact></tuple></presence>", "tuple 't' has no <status>")]
        [DataRow(Head + "<tuple id=\"t\">" + OpenStatus + OpenStatus + "</tuple></presence>", "tuple 't' has more than one <status>")]
        [DataRow(Head + "<tuple id=\"t\">" + OpenStatus + "<contact>a</contact><contact>b</contact></tuple></presence>", "tuple 't' has more than one <contact>")]
        [DataRow(Head + "<tuple id=\"t\">" + OpenStatus + "<contact priority=\"1.5\">a</contact></tuple></presence>", "tuple 't': contact priority '1.5' is not a qvalue")]
        [DataRow(Head + "<tuple id=\"t\">" + OpenStatus + "<contact priority=\"0.1234\">a</contact></tuple></presence>", "is not a qvalue")]
        [DataRow(Head + "<tuple id=\"t\">" + OpenStatus + "<contact priority=\"high\">a</contact></tuple></presence>", "is not a qvalue")]
        [DataRow(Head + "<tuple id=\"t\">" + OpenStatus + "<contact>sip:<b/></contact></tuple></presence>", "<contact> in tuple 't' must hold text only")]
        [DataRow(Head + "<tuple id=\"t\">" + OpenStatus + "<timestamp>1</timestamp><timestamp>2</timestamp></tuple></presence>", "more than one <timestamp>")]
        [DataRow(Head + "<tuple id=\"t\">" + OpenStatus + "<foo/></tuple></presence>", "unexpected element <foo> in tuple 't'")]
        [DataRow(Head + "<tuple id=\"t\"><status><basic>open</basic><foo/></status></tuple></presence>", "unexpected element <foo> in the status of tuple 't'")]
        [DataRow(Head + "<foo/></presence>", "unexpected element <foo> in <presence>")]
        [DataRow(Head + "<x xmlns=\"\"/></presence>", "element <x> in <presence> has no namespace")]
        [DataRow(Head + "<tuple id=\"t\">" + OpenStatus + "<x xmlns=\"\"/></tuple></presence>", "element <x> in tuple 't' has no namespace")]
        [DataRow(Head + "<tuple id=\"t\"><status><x xmlns=\"\"/></status></tuple></presence>", "element <x> in the status of tuple 't' has no namespace")]
        [DataRow(Head + "hello</presence>", "text is not allowed directly in presence")]
        [DataRow(Head + "<tuple id=\"t\">" + OpenStatus + "x</tuple></presence>", "text is not allowed directly in tuple 't'")]
        [DataRow(Head + "<tuple id=\"t\"><status>x<basic>open</basic></status></tuple></presence>", "text is not allowed directly in status of tuple 't'")]
        [DataRow(Head + "<note>a<b/></note></presence>", "<note> in presence must hold text only")]
        [DataRow(Head + "<tuple id=\"t\">" + OpenStatus + "<op:service-description><op:version>1.0</op:version></op:service-description></tuple></presence>", "tuple 't': <service-description> has no service-id")]
        [DataRow(Head + "<tuple id=\"t\">" + OpenStatus + "<op:willingness><op:basic>maybe</op:basic></op:willingness></tuple></presence>", "tuple 't': <willingness> basic must be 'open' or 'closed'")]
        public void Parse_InvalidPidf_ThrowsSipParseExceptionNamingTheProblem(string xml, string expected)
        {
            string reason = ParseError(() => Parse(xml));

            AssertContains(expected, reason);
            Assert.IsTrue(reason.StartsWith("PIDF: "), reason);
        }

        [TestMethod]
        public void Parse_MalformedXml_ReportsTheXmlProblem()
        {
            string reason = ParseError(() => Parse(Head + "<tuple id=\"t\"><status><basic>open</basic></status></tuple>"));

            AssertContains("XML: element <presence> is not closed", reason);
        }

        [TestMethod]
        public void Parse_UndeclaredPrefixInExtension_ReportsTheXmlProblem()
        {
            string reason = ParseError(() => Parse(
                "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:a@b\"><tuple id=\"t\">" + OpenStatus
                + "<op:willingness/></tuple></presence>"));

            AssertContains("XML: undeclared namespace prefix 'op'", reason);
        }
    }
}
