#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Tests.Message
{
    [TestClass]
    public class SipMessageParserTests
    {
        private const string Register =
            "REGISTER sip:registrar.example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "To: Bob <sip:bob@example.com>\r\n" +
            "From: Bob <sip:bob@example.com>;tag=456248\r\n" +
            "Call-ID: 843817637684230@998sdasdh09\r\n" +
            "CSeq: 1826 REGISTER\r\n" +
            "Contact: <sip:bob@192.0.2.4>;expires=7200\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";

        private static SipMessage Parse(string text)
        {
            byte[] bytes = TestBytes.Ascii(text);
            return SipMessageParser.Parse(bytes, 0, bytes.Length);
        }

        private static SipParseException Reject(string text)
        {
            byte[] bytes = TestBytes.Ascii(text);
            return SipAssert.Throws(() => SipMessageParser.Parse(bytes, 0, bytes.Length));
        }

        private static string Request(string headers, string body)
            => "MESSAGE sip:alice@example.com SIP/2.0\r\n" +
               "Via: SIP/2.0/UDP 192.0.2.4;branch=z9hG4bK1\r\n" +
               "To: <sip:alice@example.com>\r\n" +
               "From: <sip:bob@example.com>;tag=1\r\n" +
               "Call-ID: c1\r\n" +
               "CSeq: 1 MESSAGE\r\n" +
               headers + "\r\n" + body;

        [TestMethod]
        public void Parse_Register_StartLineAndHeadersInOrder()
        {
            SipMessage m = Parse(Register);
            Assert.IsTrue(m.IsRequest);
            Assert.AreEqual("REGISTER", m.Method);
            Assert.AreEqual("sip:registrar.example.com", m.RequestUri);
            Assert.AreEqual(8, m.Headers.Count);
            Assert.AreEqual("Via", m.Headers[0].Name);
            Assert.AreEqual("SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7;rport", m.Headers[0].Value);
            Assert.AreEqual("Contact", m.Headers[6].Name);
            Assert.AreEqual("Content-Length", m.Headers[7].Name);
            Assert.AreEqual("843817637684230@998sdasdh09", m.CallId);
            Assert.AreEqual(0, m.Body.Length);
        }

        [TestMethod]
        public void Parse_KnownNames_InternedToConstants()
        {
            SipMessage m = Parse(Register);
            Assert.IsTrue(object.ReferenceEquals(SipMethods.Register, m.Method));
            Assert.IsTrue(object.ReferenceEquals(SipHeaderNames.Via, m.Headers[0].Name));
            Assert.IsTrue(object.ReferenceEquals(SipHeaderNames.CallId, m.Headers[4].Name));
        }

        [TestMethod]
        public void Parse_CompactFormsAndAnyCase_Canonicalized()
        {
            SipMessage m = Parse(
                "OPTIONS sip:a@example.com SIP/2.0\r\n" +
                "v: SIP/2.0/TCP h.example.com;branch=z9hG4bK2\r\n" +
                "t: sip:a@example.com\r\n" +
                "f: sip:b@example.com;tag=9\r\n" +
                "i: compact@h\r\n" +
                "cSeQ: 5 OPTIONS\r\n" +
                "m: <sip:b@h.example.com>\r\n" +
                "k: path\r\n" +
                "o: presence\r\n" +
                "u: presence\r\n" +
                "c: text/plain\r\n" +
                "x-custom-HEADER: kept\r\n" +
                "l: 2\r\n\r\nhi");
            string[] expected =
            {
                "Via", "To", "From", "Call-ID", "CSeq", "Contact", "Supported", "Event", "Allow-Events", "Content-Type",
                "x-custom-HEADER", "Content-Length",
            };
            Assert.AreEqual(expected.Length, m.Headers.Count);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], m.Headers[i].Name);
            }

            Assert.AreEqual("kept", m.Headers.Get("X-Custom-Header"));
            Assert.AreEqual("hi", TestBytes.AsciiString(m.Body, 0, m.Body.Length));
        }

        [TestMethod]
        public void Parse_FoldedValue_UnfoldedToSingleSpaces()
        {
            SipMessage m = Parse(Request("Subject: first   \r\n  second\r\n\tthird\r\nX-Empty-Start:\r\n value\r\nContent-Length: 0\r\n", string.Empty));
            Assert.AreEqual("first second third", m.Headers.Get("Subject"));
            Assert.AreEqual("value", m.Headers.Get("X-Empty-Start"));
        }

        [TestMethod]
        public void Parse_ListHeaders_OneHeaderPerElement()
        {
            SipMessage m = Parse(Request(
                "Contact: \"Bell, Alexander\" <sip:a@example.com>;q=1, <sip:b,c@example.com> ,sip:d@example.com\r\n" +
                "Route: <sip:p1.example.com;lr>,<sip:p2.example.com;lr>\r\n" +
                "Supported: path, outbound\r\n" +
                "Authorization: Digest username=\"bob\", realm=\"example.com\"\r\n" +
                "Content-Length: 0\r\n", string.Empty));
            string[] contacts = m.Headers.GetAll("Contact");
            Assert.AreEqual(3, contacts.Length);
            Assert.AreEqual("\"Bell, Alexander\" <sip:a@example.com>;q=1", contacts[0]);
            Assert.AreEqual("<sip:b,c@example.com>", contacts[1]);
            Assert.AreEqual("sip:d@example.com", contacts[2]);
            Assert.AreEqual(2, m.Headers.CountOf("Route"));
            Assert.AreEqual("outbound", m.Headers.GetAll("Supported")[1]);
            Assert.AreEqual(1, m.Headers.CountOf("Authorization"), "credentials are never split at commas");
        }

        [TestMethod]
        public void Parse_ViaList_FoldedAcrossLines()
        {
            SipMessage m = Parse(
                "OPTIONS sip:a@example.com SIP/2.0\r\n" +
                "v:  SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8  ,\r\n SIP  /    2.0   / UDP  192.168.255.111   ; branch=\r\n z9hG4bK30239\r\n" +
                "To: <sip:a@example.com>\r\nFrom: <sip:b@example.com>;tag=1\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nl: 0\r\n\r\n");
            string[] vias = m.Headers.GetAll("Via");
            Assert.AreEqual(2, vias.Length);
            Assert.AreEqual("z9hG4bK9ikj8", ViaHeader.Parse(vias[0]).Branch);
            Assert.AreEqual("z9hG4bK30239", ViaHeader.Parse(vias[1]).Branch);
        }

        [TestMethod]
        public void Parse_Response_StatusAndReason()
        {
            SipMessage m = Parse("SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCSeq: 4 INVITE\r\nContent-Length: 0\r\n\r\n");
            Assert.IsFalse(m.IsRequest);
            Assert.AreEqual(180, m.StatusCode);
            Assert.AreEqual("Ringing", m.ReasonPhrase);
            Assert.IsNull(m.Method);
        }

        [TestMethod]
        public void Parse_ResponseUtf8Reason_Decoded()
        {
            byte[] head = TestBytes.Ascii("SIP/2.0 200 ");
            byte[] reason = { 0xD0, 0xBE, 0xD0, 0xBA, 0x20, 0xE2, 0x82, 0xAC };
            byte[] tail = TestBytes.Ascii("\r\nContent-Length: 0\r\n\r\n");
            byte[] bytes = TestBytes.Concat(TestBytes.Concat(head, reason), tail);
            SipMessage m = SipMessageParser.Parse(bytes, 0, bytes.Length);
            Assert.AreEqual("\u043E\u043A \u20AC", m.ReasonPhrase);
        }

        [TestMethod]
        public void Parse_OffsetAndCount_ReadOnlyThatRange()
        {
            byte[] inner = TestBytes.Ascii(Register);
            var bytes = new byte[inner.Length + 10];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)'#';
            }

            System.Array.Copy(inner, 0, bytes, 5, inner.Length);
            Assert.AreEqual("REGISTER", SipMessageParser.Parse(bytes, 5, inner.Length).Method);
        }

        [TestMethod]
        public void Parse_LeadingCrlf_Ignored()
        {
            Assert.AreEqual("REGISTER", Parse("\r\n\r\n" + Register).Method);
        }

        [TestMethod]
        public void Parse_ContentLength_FramesBodyAndIgnoresTrailingOctets()
        {
            SipMessage m = Parse(Request("Content-Length: 5\r\n", "hello, trailing noise"));
            Assert.AreEqual("hello", TestBytes.AsciiString(m.Body, 0, m.Body.Length));
        }

        [TestMethod]
        public void Parse_NoContentLengthInDatagram_BodyRunsToEnd()
        {
            SipMessage m = Parse(Request(string.Empty, "all of it"));
            Assert.AreEqual("all of it", TestBytes.AsciiString(m.Body, 0, m.Body.Length));
        }

        [TestMethod]
        public void ParseStreamMessage_NoContentLength_Rejected()
        {
            byte[] bytes = TestBytes.Ascii(Request(string.Empty, string.Empty));
            var parser = new SipMessageParser();
            SipAssert.Contains(SipAssert.Throws(() => parser.ParseStreamMessage(bytes, 0, bytes.Length)).Reason, "Content-Length");
        }

        [TestMethod]
        [DataRow("Content-Length: 6\r\n", "Content-Length 6 exceeds")]
        [DataRow("Content-Length: -1\r\n", "non-negative")]
        [DataRow("Content-Length: 1x\r\n", "non-negative")]
        [DataRow("Content-Length: 99999999999\r\n", "valid length")]
        [DataRow("Content-Length: 1\r\nl: 2\r\n", "disagree")]
        public void Parse_BadContentLength_Rejected(string header, string reasonPart)
        {
            SipParseException e = Reject(Request(header, "hello"));
            Assert.AreEqual(400, e.StatusCode);
            SipAssert.Contains(e.Reason, reasonPart);
        }

        [TestMethod]
        public void Parse_RepeatedEqualContentLength_Accepted()
        {
            Assert.AreEqual(5, Parse(Request("Content-Length: 5\r\nContent-Length: 5\r\n", "hello")).Body.Length);
        }

        [TestMethod]
        [DataRow("INVITE  sip:a@example.com SIP/2.0", "more than one SP", 400)]
        [DataRow("INVITE sip:a@example.com  SIP/2.0", "more than one SP", 400)]
        [DataRow("INVITE sip:a@example.com SIP/2.0 ", "whitespace after SIP-Version", 400)]
        [DataRow("INVITE sip:a@example.com; lr SIP/2.0", "more than three elements", 400)]
        [DataRow("INVITE <sip:a@example.com> SIP/2.0", "<>", 400)]
        [DataRow("INVITE sip:a@example.com?Route=x SIP/2.0", "headers", 400)]
        [DataRow("INVITE sip:a@example.com SIP/7.0", "not supported", 505)]
        [DataRow("INVITE sip:a@example.com SIP/2", "malformed SIP-Version", 400)]
        [DataRow("INVITE sip:a@example.com", "malformed request line", 400)]
        [DataRow("INV(TE sip:a@example.com SIP/2.0", "not a token", 400)]
        [DataRow("INVITE sip:a@exa\tmple.com SIP/2.0", "Request-URI", 400)]
        public void Parse_BadRequestLine_RejectedWithStatus(string line, string reasonPart, int status)
        {
            SipParseException e = Reject(line + "\r\nContent-Length: 0\r\n\r\n");
            SipAssert.Contains(e.Reason, reasonPart);
            Assert.AreEqual(status, e.StatusCode);
        }

        [TestMethod]
        [DataRow("SIP/2.0 4294967301 big")]
        [DataRow("SIP/2.0 99 Low")]
        [DataRow("SIP/2.0 700 High")]
        [DataRow("SIP/2.0 2000 Four digits")]
        [DataRow("SIP/2.0 20 Two")]
        [DataRow("SIP/3.0 200 OK")]
        [DataRow("SIP/2.0")]
        public void Parse_BadStatusLine_Rejected(string line)
        {
            Reject(line + "\r\nContent-Length: 0\r\n\r\n");
        }

        [TestMethod]
        public void Parse_StatusLineWithoutReason_Accepted()
        {
            Assert.AreEqual(string.Empty, Parse("SIP/2.0 100 \r\nContent-Length: 0\r\n\r\n").ReasonPhrase);
            Assert.AreEqual(string.Empty, Parse("SIP/2.0 100\r\nContent-Length: 0\r\n\r\n").ReasonPhrase);
        }

        [TestMethod]
        [DataRow("OPTIONS sip:a@example.com SIP/2.0\nContent-Length: 0\n\n", "bare LF")]
        [DataRow("OPTIONS sip:a@example.com SIP/2.0\r\nContent-Length: 0\r\n", "empty line")]
        [DataRow("OPTIONS sip:a@example.com SIP/2.0\r\n continued: x\r\n\r\n", "continuation")]
        [DataRow("OPTIONS sip:a@example.com SIP/2.0\r\nNoColon\r\n\r\n", "malformed header line")]
        [DataRow("OPTIONS sip:a@example.com SIP/2.0\r\nBad Name: x\r\n\r\n", "malformed header line")]
        [DataRow("OPTIONS sip:a@example.com SIP/2.0\r\nX: a\rb\r\n\r\n", "bare CR")]
        [DataRow("", "empty")]
        [DataRow("\r\n\r\n", "empty")]
        public void Parse_BadFraming_Rejected(string text, string reasonPart)
        {
            SipAssert.Contains(Reject(text).Reason, reasonPart);
        }

        [TestMethod]
        [DataRow("Via: SIP/2.0/UDP\r\n", "Via")]
        [DataRow("Via: SIP/2.0/UDP h;branch=1,,SIP/2.0/UDP g\r\n", "empty element")]
        [DataRow("Max-Forwards: 256\r\n", "Max-Forwards")]
        [DataRow("Max-Forwards: -1\r\n", "Max-Forwards")]
        [DataRow("Route: sip:p.example.com;lr\r\n", "Route")]
        [DataRow("Record-Route: <sip:p.example.com;lr\r\n", "Record-Route")]
        [DataRow("Contact: sip:a@example.com?x=y\r\n", "<>")]
        [DataRow("Content-Type: text\r\n", "Content-Type")]
        public void Parse_BadCoreHeader_RejectedNamingIt(string header, string reasonPart)
        {
            SipParseException e = Reject(Request(header + "Content-Length: 0\r\n", string.Empty));
            Assert.AreEqual(400, e.StatusCode);
            SipAssert.Contains(e.Reason, reasonPart);
        }

        [TestMethod]
        [DataRow("Call-ID: has space\r\n")]
        [DataRow("Call-ID: a@\r\n")]
        [DataRow("Call-ID: @b\r\n")]
        [DataRow("Call-ID:\r\n")]
        [DataRow("To: Watson, Thomas <sip:t@example.org>\r\n")]
        [DataRow("From: \"unbalanced <sip:a@example.org>\r\n")]
        [DataRow("CSeq: 4294967296 MESSAGE\r\n")]
        public void Parse_BadIdentityHeader_Rejected(string header)
        {
            string text = "MESSAGE sip:alice@example.com SIP/2.0\r\n" + header + "Content-Length: 0\r\n\r\n";
            Assert.AreEqual(400, Reject(text).StatusCode);
        }

        [TestMethod]
        public void Parse_CSeqMethodMismatch_400ForKnown501ForUnknown()
        {
            Assert.AreEqual(400, Reject("OPTIONS sip:a@b SIP/2.0\r\nCSeq: 8 INVITE\r\nl: 0\r\n\r\n").StatusCode);
            Assert.AreEqual(501, Reject("NEWMETHOD sip:a@b SIP/2.0\r\nCSeq: 8 INVITE\r\nl: 0\r\n\r\n").StatusCode);
            Assert.AreEqual(400, Reject("OPTIONS sip:a@b SIP/2.0\r\nCSeq: 8 options\r\nl: 0\r\n\r\n").StatusCode, "methods are case-sensitive");
        }

        [TestMethod]
        [DataRow("From: <sip:c@example.com>;tag=2\r\n", "From")]
        [DataRow("t: <sip:c@example.com>\r\n", "To")]
        [DataRow("i: c2\r\n", "Call-ID")]
        [DataRow("CSeq: 2 MESSAGE\r\n", "CSeq")]
        public void Parse_SecondIdentityHeader_Rejected(string header, string name)
        {
            SipParseException e = Reject(Request(header + "Content-Length: 0\r\n", string.Empty));
            Assert.AreEqual(400, e.StatusCode);
            Assert.AreEqual("more than one " + name + " header field", e.Reason);
        }

        [TestMethod]
        public void Parse_UnknownHeaderWithOddValue_KeptOpaque()
        {
            SipMessage m = Parse(Request("UnknownHeaderWithUnusualValue: ;;,,;;,;\r\nDate: not a date\r\nl: 0\r\n", string.Empty));
            Assert.AreEqual(";;,,;;,;", m.Headers.Get("UnknownHeaderWithUnusualValue"));
            Assert.AreEqual("not a date", m.Headers.Get("Date"));
        }

        [TestMethod]
        public void Parse_EmptyListHeader_KeptAsOneEmptyValue()
        {
            SipMessage m = Parse(Request("Supported:\r\nAllow: INVITE, ,ACK\r\nl: 0\r\n", string.Empty));
            Assert.AreEqual(1, m.Headers.CountOf("Supported"));
            Assert.AreEqual(string.Empty, m.Headers.Get("Supported"));
            Assert.AreEqual(2, m.Headers.CountOf("Allow"), "empty elements of lenient lists are dropped");
        }

        [TestMethod]
        public void Parse_ArgumentsOutOfRange_Throw()
        {
            byte[] bytes = TestBytes.Ascii(Register);
            bool thrown = false;
            try
            {
                SipMessageParser.Parse(bytes, 10, bytes.Length);
            }
            catch (System.ArgumentOutOfRangeException)
            {
                thrown = true;
            }

            Assert.IsTrue(thrown);
        }

        [TestMethod]
        public void Parse_EveryTruncation_RejectsOrParsesWithoutCrash()
        {
            byte[] full = TestBytes.Ascii(Request("Content-Length: 5\r\n", "hello"));
            for (int n = 0; n < full.Length; n++)
            {
                try
                {
                    SipMessageParser.Parse(full, 0, n);
                    Assert.Fail("a truncated message parsed at length " + n);
                }
                catch (SipParseException)
                {
                }
            }

            Assert.AreEqual(5, SipMessageParser.Parse(full, 0, full.Length).Body.Length);
        }

        [TestMethod]
        public void ParseDatagram_InstanceReused_ParsesSuccessiveMessages()
        {
            var parser = new SipMessageParser();
            byte[] a = TestBytes.Ascii(Register);
            byte[] b = TestBytes.Ascii(Request("Subject: " + new string('x', 1000) + "\r\nl: 0\r\n", string.Empty));
            Assert.AreEqual("REGISTER", parser.ParseDatagram(a, 0, a.Length).Method);
            Assert.AreEqual(1000, parser.ParseDatagram(b, 0, b.Length).Headers.Get("Subject").Length);
            Assert.AreEqual("REGISTER", parser.ParseDatagram(a, 0, a.Length).Method);
        }

        private const string Ok = OkStart + OkRest;

        private const string OkStart =
            "SIP/2.0 200 OK\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7;rport=5060;received=198.51.100.7\r\n" +
            "f: Bob <sip:bob@example.com>;tag=456248\r\n" +
            "To: <bad to\r\n" +
            "Call-ID: 843817637684230@998sdasdh09\r\n" +
            "CSeq: 1826 REGISTER\r\n";

        private const string OkRest =
            "Server: Example/1.0\r\n" +
            "Contact: <sip:bob@192.0.2.4>;expires=7200\r\n" +
            "Content-Length: 2\r\n" +
            "\r\n" +
            "ok";

        [TestMethod]
        public void SkippedResponseHeaders_Response_ListedHeadersLeftOutUncheckedRestKept()
        {
            var parser = new SipMessageParser();
            parser.SkippedResponseHeaders = new string[] { "from", "To", "SERVER", "Via", "CSeq", "Content-Length" };
            byte[] bytes = TestBytes.Ascii(Ok);

            SipMessage m = parser.ParseDatagram(bytes, 0, bytes.Length);

            Assert.AreEqual(5, m.Headers.Count);
            Assert.IsNull(m.Headers.Get("From"));
            Assert.IsNull(m.Headers.Get("To"));
            Assert.IsNull(m.Headers.Get("Server"));
            Assert.AreEqual("SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7;rport=5060;received=198.51.100.7", m.Headers.Get("Via"));
            Assert.AreEqual("1826 REGISTER", m.Headers.Get("CSeq"));
            Assert.AreEqual("843817637684230@998sdasdh09", m.CallId);
            Assert.AreEqual("<sip:bob@192.0.2.4>;expires=7200", m.Headers.Get("Contact"));
            Assert.AreEqual("2", m.Headers.Get("Content-Length"));
            Assert.AreEqual(2, m.Body.Length);
        }

        [TestMethod]
        public void SkippedResponseHeaders_Request_KeepsEveryHeader()
        {
            var parser = new SipMessageParser();
            parser.SkippedResponseHeaders = new string[] { SipHeaderNames.From, SipHeaderNames.To };
            byte[] bytes = TestBytes.Ascii(Register);

            SipMessage m = parser.ParseDatagram(bytes, 0, bytes.Length);

            Assert.AreEqual("Bob <sip:bob@example.com>;tag=456248", m.Headers.Get("From"));
            Assert.AreEqual("Bob <sip:bob@example.com>", m.Headers.Get("To"));
        }

        [TestMethod]
        public void SkippedResponseHeaders_SkippedHeaderTwice_StillRejected()
        {
            var parser = new SipMessageParser();
            parser.SkippedResponseHeaders = new string[] { SipHeaderNames.From, SipHeaderNames.To };
            byte[] bytes = TestBytes.Ascii(OkStart + "From: <sip:eve@example.com>;tag=2\r\n" + OkRest);

            SipParseException e = SipAssert.Throws(() => parser.ParseDatagram(bytes, 0, bytes.Length));

            Assert.AreEqual("more than one From header field", e.Reason);
        }

        [TestMethod]
        public void SkippedResponseHeaders_NotSet_MalformedToRejected()
        {
            Assert.AreEqual("invalid To header: ", Reject(Ok).Reason.Substring(0, 19));
        }
    }
}
