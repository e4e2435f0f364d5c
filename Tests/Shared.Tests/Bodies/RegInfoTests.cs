#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using SimpleImGateway.Sip.Bodies.RegInfo;
using SimpleImGateway.Sip.Bodies.Xml;
using static SimpleImGateway.Sip.Tests.Bodies.BodyTestSupport;

namespace SimpleImGateway.Sip.Tests.Bodies
{
    [TestClass]
    public class RegInfoTests
    {
        private const string Head = "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"0\" state=\"full\">";
        private const string Reg = "<registration aor=\"sip:a@b\" id=\"r1\" state=\"active\">";
        private const string Tail = "</registration></reginfo>";

        private const string Rfc3680Compact =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"0\" state=\"full\">"
            + "<registration aor=\"sip:user@example.com\" id=\"as9\" state=\"active\">"
            + "<contact id=\"76\" state=\"active\" event=\"registered\" duration-registered=\"7322\" q=\"0.8\">"
            + "<uri>sip:user@pc887.example.com</uri></contact>"
            + "<contact id=\"77\" state=\"terminated\" event=\"expired\" duration-registered=\"3600\" q=\"0.5\">"
            + "<uri>sip:user@university.edu</uri></contact></registration></reginfo>";

        internal static RegInfoDocument Parse(string xml)
        {
            byte[] bytes = Utf8(xml);
            return RegInfoReader.Parse(bytes, 0, bytes.Length);
        }

        [TestMethod]
        public void Parse_Rfc3680Example_ReadsEveryField()
        {
            RegInfoDocument doc = Parse(RfcExamples.Rfc3680);

            Assert.AreEqual(0L, doc.Version);
            Assert.AreEqual(RegInfoState.Full, doc.State);
            Assert.AreEqual(1, doc.RegistrationCount);
            Registration reg = doc.GetRegistration(0);
            Assert.AreEqual("sip:user@example.com", reg.Aor);
            Assert.AreEqual("as9", reg.Id);
            Assert.AreEqual(RegistrationState.Active, reg.State);
            Assert.AreEqual(2, reg.ContactCount);

            RegContact first = reg.GetContact(0);
            Assert.AreEqual("76", first.Id);
            Assert.AreEqual(RegContactState.Active, first.State);
            Assert.AreEqual(RegContactEvent.Registered, first.Event);
            Assert.AreEqual(7322L, first.DurationRegistered);
            Assert.AreEqual("0.8", first.Q);
            Assert.AreEqual("sip:user@pc887.example.com", first.Uri);
            Assert.AreEqual(-1L, first.Expires);
            Assert.AreEqual(-1L, first.CSeq);
            Assert.IsNull(first.CallId);
            Assert.IsNull(first.DisplayName);

            RegContact second = reg.FindContact("77");
            Assert.AreEqual(RegContactState.Terminated, second.State);
            Assert.AreEqual(RegContactEvent.Expired, second.Event);
            Assert.AreEqual(3600L, second.DurationRegistered);
            Assert.AreEqual("0.5", second.Q);
            Assert.AreEqual("sip:user@university.edu", second.Uri);
            Assert.AreSame(reg, doc.FindRegistration("sip:user@example.com"));
        }

        [TestMethod]
        public void Parse_Rfc3680PartialNotify_ReadsVersionAndState()
        {
            RegInfoDocument doc = Parse(RfcExamples.Rfc3680Partial);

            Assert.AreEqual(1L, doc.Version);
            Assert.AreEqual(RegInfoState.Partial, doc.State);
            RegContact contact = doc.GetRegistration(0).GetContact(0);
            Assert.AreEqual(0L, contact.DurationRegistered);
            Assert.AreEqual("sip:joe@pc34.example.com", contact.Uri);
        }

        [TestMethod]
        public void Write_Rfc3680Example_RewritesCompactly()
        {
            Assert.AreEqual(Rfc3680Compact, RegInfoWriter.WriteString(Parse(RfcExamples.Rfc3680)));
        }

        [TestMethod]
        public void Write_BuiltDocument_MatchesRfcExampleBytes()
        {
            var doc = new RegInfoDocument(0, RegInfoState.Full);
            var reg = new Registration("sip:user@example.com", "as9", RegistrationState.Active);
            reg.AddContact(new RegContact("76", RegContactState.Active, RegContactEvent.Registered, "sip:user@pc887.example.com")
            {
                DurationRegistered = 7322,
                Q = "0.8",
            });
            reg.AddContact(new RegContact("77", RegContactState.Terminated, RegContactEvent.Expired, "sip:user@university.edu")
            {
                DurationRegistered = 3600,
                Q = "0.5",
            });
            doc.AddRegistration(reg);

            CollectionAssert.AreEqual(Utf8(Rfc3680Compact), RegInfoWriter.Write(doc));
            Assert.AreEqual(Utf8(Rfc3680Compact).Length, RegInfoWriter.GetByteCount(doc));
        }

        [TestMethod]
        public void Write_EveryOptionalField_RoundTripsExactly()
        {
            var doc = new RegInfoDocument(4294967296, RegInfoState.Partial);
            var reg = new Registration("sip:joe@example.com", "a7", RegistrationState.Terminated);
            var contact = new RegContact("c1", RegContactState.Terminated, RegContactEvent.Probation, "sip:joe@192.0.2.1;transport=tcp")
            {
                Expires = 0,
                RetryAfter = 120,
                DurationRegistered = 42,
                Q = "1.0",
                CallId = "abc@host",
                CSeq = 17,
                DisplayName = "Jo\u00EB & Co",
                DisplayNameLanguage = "nl",
            };
            contact.AddParameter("+sip.instance", "\"<urn:uuid:1>\"");
            contact.AddParameter("flag", null);
            var gruu = new XmlElement("gr", "pub-gruu", "urn:ietf:params:xml:ns:gruuinfo");
            gruu.SetAttribute("uri", "sip:joe@example.com;gr=x");
            contact.AddExtension(gruu);
            reg.AddContact(contact);
            reg.AddExtension(new XmlElement("x", "note", "urn:example:x"));
            doc.AddRegistration(reg);

            string xml = RegInfoWriter.WriteString(doc);

            Assert.AreEqual(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\""
                + " xmlns:gr=\"urn:ietf:params:xml:ns:gruuinfo\" xmlns:x=\"urn:example:x\" version=\"4294967296\" state=\"partial\">"
                + "<registration aor=\"sip:joe@example.com\" id=\"a7\" state=\"terminated\">"
                + "<contact id=\"c1\" state=\"terminated\" event=\"probation\" expires=\"0\" retry-after=\"120\""
                + " duration-registered=\"42\" q=\"1.0\" callid=\"abc@host\" cseq=\"17\">"
                + "<uri>sip:joe@192.0.2.1;transport=tcp</uri><display-name xml:lang=\"nl\">Jo\u00EB &amp; Co</display-name>"
                + "<unknown-param name=\"+sip.instance\">\"&lt;urn:uuid:1&gt;\"</unknown-param><unknown-param name=\"flag\"/>"
                + "<gr:pub-gruu uri=\"sip:joe@example.com;gr=x\"/></contact><x:note/></registration></reginfo>",
                xml);

            RegInfoDocument back = Parse(xml);
            Assert.AreEqual(xml, RegInfoWriter.WriteString(back));
            RegContact c = back.GetRegistration(0).GetContact(0);
            Assert.AreEqual(RegContactEvent.Probation, c.Event);
            Assert.AreEqual(120L, c.RetryAfter);
            Assert.AreEqual("Jo\u00EB & Co", c.DisplayName);
            Assert.AreEqual("nl", c.DisplayNameLanguage);
            Assert.AreEqual(2, c.ParameterCount);
            Assert.AreEqual("\"<urn:uuid:1>\"", c.GetParameter(0).Value);
            Assert.AreEqual(string.Empty, c.GetParameter(1).Value);
            Assert.AreEqual("sip:joe@example.com;gr=x", c.GetExtension(0).GetAttribute("uri"));
        }

        [TestMethod]
        [DataRow("registered", RegContactEvent.Registered)]
        [DataRow("created", RegContactEvent.Created)]
        [DataRow("refreshed", RegContactEvent.Refreshed)]
        [DataRow("shortened", RegContactEvent.Shortened)]
        [DataRow("expired", RegContactEvent.Expired)]
        [DataRow("deactivated", RegContactEvent.Deactivated)]
        [DataRow("probation", RegContactEvent.Probation)]
        [DataRow("unregistered", RegContactEvent.Unregistered)]
        [DataRow("rejected", RegContactEvent.Rejected)]
        public void Parse_EveryContactEvent_MapsToItsValueAndBack(string text, RegContactEvent expected)
        {
            string xml = Head + Reg + "<contact id=\"c\" state=\"active\" event=\"" + text + "\"><uri>sip:x</uri></contact>" + Tail;

            RegInfoDocument doc = Parse(xml);

            Assert.AreEqual(expected, doc.GetRegistration(0).GetContact(0).Event);
            AssertContains("event=\"" + text + "\"", RegInfoWriter.WriteString(doc));
        }

        [TestMethod]
        [DataRow("init", RegistrationState.Init)]
        [DataRow("active", RegistrationState.Active)]
        [DataRow("terminated", RegistrationState.Terminated)]
        public void Parse_EveryRegistrationState_MapsToItsValue(string text, RegistrationState expected)
        {
            RegInfoDocument doc = Parse(Head + "<registration aor=\"sip:a@b\" id=\"r\" state=\"" + text + "\"/></reginfo>");

            Assert.AreEqual(expected, doc.GetRegistration(0).State);
        }

        [TestMethod]
        [DataRow("<reginfo version=\"0\" state=\"full\"/>", "the root element must be <reginfo> in urn:ietf:params:xml:ns:reginfo")]
        [DataRow("<presence xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"0\" state=\"full\"/>", "the root element must be <reginfo>")]
        [DataRow("<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" state=\"full\"/>", "<reginfo> has no version")]
        [DataRow("<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"-1\" state=\"full\"/>", "version '-1' is not a non-negative integer")]
        [DataRow("<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"1x\" state=\"full\"/>", "version '1x' is not a non-negative integer")]
        [DataRow("<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"9999999999999999999\" state=\"full\"/>", "is not a non-negative integer")]
        [DataRow("<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"0\"/>", "<reginfo> has no state")]
        [DataRow("<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"0\" state=\"complete\"/>", "state must be 'full' or 'partial', not 'complete'")]
        [DataRow(Head + "<registration id=\"r\" state=\"active\"/></reginfo>", "<registration> has no aor")]
        [DataRow(Head + "<registration aor=\"sip:a@b\" state=\"active\"/></reginfo>", "<registration> has no id")]
        [DataRow(Head + "<registration aor=\"sip:a@b\" id=\"r\"/></reginfo>", "registration 'r' has no state")]
        [DataRow(Head + "<registration aor=\"sip:a@b\" id=\"r\" state=\"pending\"/></reginfo>", "registration 'r': state must be init, active or terminated, not 'pending'")]
        [DataRow(Head + Reg + "<contact state=\"active\" event=\"registered\"><uri>u</uri></contact>" + Tail, "contact of registration 'r1' has no id")]
        [DataRow(Head + Reg + "<contact id=\"c\" event=\"registered\"><uri>u</uri></contact>" + Tail, "contact 'c' has no state")]
        [DataRow(Head + Reg + "<contact id=\"c\" state=\"gone\" event=\"registered\"><uri>u</uri></contact>" + Tail, "contact 'c': state must be active or terminated, not 'gone'")]
        [DataRow(Head + Reg + "<contact id=\"c\" state=\"active\"><uri>u</uri></contact>" + Tail, "contact 'c' has no event")]
        [DataRow(Head + Reg + "<contact id=\"c\" state=\"active\" event=\"moved\"><uri>u</uri></contact>" + Tail, "contact 'c': unknown event 'moved'")]
        [DataRow(Head + Reg + "<contact id=\"c\" state=\"active\" event=\"registered\"/>" + Tail, "contact 'c' has no <uri>")]
        [DataRow(Head + Reg + "<contact id=\"c\" state=\"active\" event=\"registered\"><uri> </uri></contact>" + Tail, "contact 'c' has an empty <uri>")]
        [DataRow(Head + Reg + "<contact id=\"c\" state=\"active\" event=\"registered\"><uri>a</uri><uri>b</uri></contact>" + Tail, "contact 'c' has more than one <uri>")]
        [DataRow(Head + Reg + "<contact id=\"c\" state=\"active\" event=\"registered\"><uri>a<b/></uri></contact>" + Tail, "<uri> in contact 'c' must hold text only")]
        [DataRow(Head + Reg + "<contact id=\"c\" state=\"active\" event=\"registered\"><uri>a</uri><display-name>x</display-name><display-name>y</display-name></contact>" + Tail, "more than one <display-name>")]
        [DataRow(Head + Reg + "<contact id=\"c\" state=\"active\" event=\"registered\"><uri>a</uri><unknown-param>v</unknown-param></contact>" + Tail, "unknown-param of contact 'c' has no name")]
        [DataRow(Head + Reg + "<contact id=\"c\" state=\"active\" event=\"registered\" expires=\"soon\"><uri>a</uri></contact>" + Tail, "contact 'c': expires 'soon' is not a non-negative integer")]
        [DataRow(Head + Reg + "<contact id=\"c\" state=\"active\" event=\"registered\" cseq=\"-5\"><uri>a</uri></contact>" + Tail, "cseq '-5' is not a non-negative integer")]
        [DataRow(Head + Reg + "<contact id=\"c\" state=\"active\" event=\"registered\"><uri>a</uri><gruu/></contact>" + Tail, "unexpected element <gruu> in contact 'c'")]
        [DataRow(Head + Reg + "<foo/>" + Tail, "unexpected element <foo> in registration 'r1'")]
        [DataRow(Head + "<foo/></reginfo>", "unexpected element <foo> in <reginfo>")]
        [DataRow(Head + Reg + "<contact id=\"c\" state=\"active\" event=\"registered\"><uri>a</uri><x xmlns=\"\"/></contact>" + Tail, "element <x> in contact 'c' has no namespace")]
        [DataRow(Head + Reg + "text" + Tail, "text is not allowed directly in registration 'r1'")]
        [DataRow(Head + "text</reginfo>", "text is not allowed directly in <reginfo>")]
        public void Parse_InvalidRegInfo_ThrowsSipParseExceptionNamingTheProblem(string xml, string expected)
        {
            string reason = ParseError(() => Parse(xml));

            AssertContains(expected, reason);
            Assert.IsTrue(reason.StartsWith("reginfo: "), reason);
        }

        [TestMethod]
        public void TryWrite_CallerBuffer_WritesOrReportsTooSmall()
        {
            RegInfoDocument doc = Parse(RfcExamples.Rfc3680);
            int size = RegInfoWriter.GetByteCount(doc);
            byte[] buffer = new byte[size];

            Assert.IsTrue(RegInfoWriter.TryWrite(doc, buffer, 0, size, out int written));
            Assert.AreEqual(size, written);
            CollectionAssert.AreEqual(Utf8(Rfc3680Compact), buffer);
            Assert.IsFalse(RegInfoWriter.TryWrite(doc, buffer, 0, size - 1, out written));
            Assert.AreEqual(0, written);
            Assert.IsTrue(Catch(() => RegInfoWriter.Write(doc, buffer, 1)) is ArgumentException);
        }

        [TestMethod]
        public void Model_InvalidValues_ThrowArgumentExceptions()
        {
            Assert.IsTrue(Catch(() => new RegInfoDocument(-1, RegInfoState.Full)) is ArgumentOutOfRangeException);
            Assert.IsTrue(Catch(() => new Registration("", "r", RegistrationState.Init)) is ArgumentException);
            Assert.IsTrue(Catch(() => new RegContact("c", RegContactState.Active, RegContactEvent.Created, null)) is ArgumentException);
            var doc = new RegInfoDocument(0, (RegInfoState)7);
            Assert.IsTrue(Catch(() => RegInfoWriter.WriteString(doc)) is ArgumentOutOfRangeException);
        }
    }
}
