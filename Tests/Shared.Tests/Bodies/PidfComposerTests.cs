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
    public class PidfComposerTests
    {
        private const string Dm = "urn:ietf:params:xml:ns:pidf:data-model";

        private static PresenceDocument Publication(string tupleId, BasicStatus basic, string note)
        {
            var doc = new PresenceDocument("sip:alice@example.com");
            doc.AddTuple(new PresenceTuple(tupleId) { Basic = basic });
            if (note != null)
            {
                doc.AddNote(note, null);
            }

            return doc;
        }

        private static XmlElement Person(string id, string activity)
        {
            var person = new XmlElement("dm", "person", Dm);
            if (id != null)
            {
                person.SetAttribute("id", id);
            }

            person.AppendTextElement("dm", "note", Dm, activity);
            return person;
        }

        [TestMethod]
        public void Compose_DistinctTupleIds_KeepsAllTuplesInPublicationOrder()
        {
            PresenceDocument composed = PidfComposer.Compose("sip:alice@example.com", new[]
            {
                Publication("phone", BasicStatus.Open, null),
                Publication("laptop", BasicStatus.Closed, null),
            });

            Assert.AreEqual(2, composed.TupleCount);
            Assert.AreEqual("phone", composed.GetTuple(0).Id);
            Assert.AreEqual("laptop", composed.GetTuple(1).Id);
            Assert.AreEqual(BasicStatus.Closed, composed.GetTuple(1).Basic);
        }

        [TestMethod]
        public void Compose_SameTupleId_LaterPublicationWinsAndKeepsFirstPosition()
        {
            PresenceDocument older = Publication("phone", BasicStatus.Closed, null);
            older.GetTuple(0).AddNote("old", null);
            older.AddTuple(new PresenceTuple("pager") { Basic = BasicStatus.Open });
            PresenceDocument newer = Publication("phone", BasicStatus.Open, null);

            PresenceDocument composed = PidfComposer.Compose("sip:alice@example.com", new[] { older, newer });

            Assert.AreEqual(2, composed.TupleCount);
            Assert.AreEqual("phone", composed.GetTuple(0).Id);
            Assert.AreEqual(BasicStatus.Open, composed.GetTuple(0).Basic);
            Assert.AreEqual(0, composed.GetTuple(0).NoteCount);
            Assert.AreEqual("pager", composed.GetTuple(1).Id);
        }

        [TestMethod]
        public void Compose_DocumentNotes_AreUnitedWithoutExactRepeats()
        {
            PresenceDocument a = Publication("a", BasicStatus.Open, "At lunch");
            a.AddNote("A table", "fr");
            PresenceDocument b = Publication("b", BasicStatus.Open, "At lunch");
            b.AddNote("At lunch", "en");

            PresenceDocument composed = PidfComposer.Compose(null, new[] { a, b });

            Assert.AreEqual(3, composed.NoteCount);
            Assert.AreEqual("At lunch", composed.GetNote(0).Text);
            Assert.AreEqual("fr", composed.GetNote(1).Language);
            Assert.AreEqual("en", composed.GetNote(2).Language);
        }

        [TestMethod]
        public void Compose_ExtensionsWithId_MergeByIdAndOthersDeduplicate()
        {
            PresenceDocument a = Publication("a", BasicStatus.Open, null);
            a.AddExtension(Person("p1", "working"));
            a.AddExtension(Person(null, "same"));
            PresenceDocument b = Publication("b", BasicStatus.Open, null);
            b.AddExtension(Person("p1", "sleeping"));
            b.AddExtension(Person("p2", "other"));
            b.AddExtension(Person(null, "same"));
            b.AddExtension(Person(null, "different"));

            PresenceDocument composed = PidfComposer.Compose(null, new[] { a, b });

            Assert.AreEqual(4, composed.ExtensionCount);
            Assert.AreEqual("p1", composed.GetExtension(0).GetAttribute("id"));
            Assert.AreEqual("sleeping", composed.GetExtension(0).FindElement("note", Dm).Text);
            Assert.AreEqual("same", composed.GetExtension(1).FindElement("note", Dm).Text);
            Assert.AreEqual("p2", composed.GetExtension(2).GetAttribute("id"));
            Assert.AreEqual("different", composed.GetExtension(3).FindElement("note", Dm).Text);
        }

        [TestMethod]
        public void Compose_Result_SharesNothingWithThePublications()
        {
            PresenceDocument publication = PresenceDocument.CreateForDevice("sip:alice@example.com", "d", true, true, null, null);
            publication.AddExtension(Person("p1", "x"));

            PresenceDocument composed = PidfComposer.Compose(null, new[] { publication });
            composed.GetTuple(0).Basic = BasicStatus.Closed;
            composed.GetTuple(0).Willingness = BasicStatus.Closed;
            composed.GetExtension(0).SetAttribute("id", "changed");

            Assert.AreEqual(BasicStatus.Open, publication.GetTuple(0).Basic);
            Assert.AreEqual(BasicStatus.Open, publication.GetTuple(0).Willingness);
            Assert.AreEqual("p1", publication.GetExtension(0).GetAttribute("id"));
        }

        [TestMethod]
        public void Compose_EntityNull_TakesTheNewestPublicationsEntityAndSkipsNulls()
        {
            PresenceDocument a = Publication("a", BasicStatus.Open, null);
            var b = new PresenceDocument("sip:alice@other.example.com");

            PresenceDocument composed = PidfComposer.Compose(null, new[] { a, b, null });

            Assert.AreEqual("sip:alice@other.example.com", composed.Entity);
            Assert.AreEqual(1, composed.TupleCount);
        }

        [TestMethod]
        public void Compose_NoPublications_GivesAnEmptyDocumentOrNeedsAnEntity()
        {
            PresenceDocument composed = PidfComposer.Compose("sip:alice@example.com", new PresenceDocument[0]);

            Assert.AreEqual(0, composed.TupleCount);
            Assert.IsFalse(composed.IsAvailableForIm);
            Assert.IsTrue(Catch(() => PidfComposer.Compose(null, new PresenceDocument[0])) is ArgumentException);
            Assert.IsTrue(Catch(() => PidfComposer.Compose("sip:a@b", null)) is ArgumentNullException);
        }

        [TestMethod]
        public void Compose_ParsedPublications_WritesOneDocumentExactly()
        {
            PresenceDocument phone = PidfReaderTests.Parse(RfcExamples.OmaDevice);
            PresenceDocument laptop = PresenceDocument.CreateForDevice("sip:alice@example.com", "dev2", true, false, null, null);
            laptop.AddNote("In a meeting", "en");
            PresenceDocument phoneLater = PresenceDocument.CreateForDevice("sip:alice@example.com", "dev1", false, true, null, null);

            PresenceDocument composed = PidfComposer.Compose("sip:alice@example.com", new[] { phone, laptop, phoneLater });

            Assert.AreEqual(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\""
                + " xmlns:op=\"urn:oma:xml:prs:pidf:oma-pres\" entity=\"sip:alice@example.com\">"
                + "<tuple id=\"dev1\"><status><basic>closed</basic></status><op:service-description>"
                + "<op:service-id>org.openmobilealliance:IM-session</op:service-id><op:version>1.0</op:version>"
                + "</op:service-description><op:willingness><op:basic>open</op:basic></op:willingness></tuple>"
                + "<tuple id=\"dev2\"><status><basic>open</basic></status><op:service-description>"
                + "<op:service-id>org.openmobilealliance:IM-session</op:service-id><op:version>1.0</op:version>"
                + "</op:service-description><op:willingness><op:basic>closed</op:basic></op:willingness></tuple>"
                + "<note xml:lang=\"en\">In a meeting</note></presence>",
                PidfWriter.WriteString(composed));
            Assert.IsFalse(composed.IsAvailableForIm);
        }
    }
}
