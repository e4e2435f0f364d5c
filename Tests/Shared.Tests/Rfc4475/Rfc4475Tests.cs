// Host-only: the RFC 4475 corpus is read from disk at test time.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Sip.Tests.Rfc4475
{
    /// <summary>
    /// Every RFC 4475 torture message is parsed from its bytes and checked against index.tsv: valid and
    /// compat messages parse (with a few specifics that the expected text names), invalid ones are rejected
    /// with a reason and, where the text names codes, a status among them. Messages that parse are also
    /// written back and parsed again, which must give the same message.
    /// </summary>
    [TestClass]
    public sealed class Rfc4475Tests
    {
        private static readonly string[] s_files =
        {
            "wsinv.dat", "intmeth.dat", "esc01.dat", "escnull.dat", "esc02.dat", "lwsdisp.dat", "longreq.dat", "dblreq.dat",
            "semiuri.dat", "transports.dat", "mpart01.dat", "unreason.dat", "noreason.dat", "badinv01.dat", "clerr.dat",
            "ncl.dat", "scalar02.dat", "scalarlg.dat", "quotbal.dat", "ltgtruri.dat", "lwsruri.dat", "lwsstart.dat",
            "trws.dat", "escruri.dat", "baddate.dat", "regbadct.dat", "badaspec.dat", "baddn.dat", "badvers.dat",
            "mismatch01.dat", "mismatch02.dat", "bigcode.dat", "badbranch.dat", "insuf.dat", "unkscm.dat", "novelsc.dat",
            "unksm2.dat", "bext01.dat", "invut.dat", "regaut01.dat", "multi01.dat", "mcl01.dat", "bcast.dat", "zeromf.dat",
            "cparam01.dat", "cparam02.dat", "regescrt.dat", "sdp01.dat", "inv2543.dat",
        };

        private static readonly Dictionary<string, Action<byte[], SipMessage, SipParseException>> s_specifics = BuildSpecifics();

        [TestMethod]
        public void Index_ListsEveryDatFileAndNoOther()
        {
            Dictionary<string, Rfc4475Entry> index = Rfc4475Corpus.ReadIndex();
            var onDisk = new SortedSet<string>(StringComparer.Ordinal);
            foreach (string path in Directory.GetFiles(Rfc4475Corpus.Folder, "*.dat"))
            {
                onDisk.Add(Path.GetFileName(path));
            }

            var listed = new SortedSet<string>(index.Keys, StringComparer.Ordinal);
            CollectionAssert.AreEqual(new List<string>(onDisk), new List<string>(listed), "index.tsv and the .dat files differ");
            Assert.AreEqual(49, onDisk.Count);
        }

        [TestMethod]
        public void DataRows_CoverTheWholeIndex()
        {
            var rows = new SortedSet<string>(s_files, StringComparer.Ordinal);
            var listed = new SortedSet<string>(Rfc4475Corpus.ReadIndex().Keys, StringComparer.Ordinal);
            CollectionAssert.AreEqual(new List<string>(listed), new List<string>(rows), "a .dat file has no DataRow in this class");
            foreach (string file in s_files)
            {
                Assert.IsTrue(s_specifics.ContainsKey(file) || IsPlainValid(file), file + " has no specific check");
            }
        }

        [TestMethod]
        [DataRow("wsinv.dat")]
        [DataRow("intmeth.dat")]
        [DataRow("esc01.dat")]
        [DataRow("escnull.dat")]
        [DataRow("esc02.dat")]
        [DataRow("lwsdisp.dat")]
        [DataRow("longreq.dat")]
        [DataRow("dblreq.dat")]
        [DataRow("semiuri.dat")]
        [DataRow("transports.dat")]
        [DataRow("mpart01.dat")]
        [DataRow("unreason.dat")]
        [DataRow("noreason.dat")]
        [DataRow("badinv01.dat")]
        [DataRow("clerr.dat")]
        [DataRow("ncl.dat")]
        [DataRow("scalar02.dat")]
        [DataRow("scalarlg.dat")]
        [DataRow("quotbal.dat")]
        [DataRow("ltgtruri.dat")]
        [DataRow("lwsruri.dat")]
        [DataRow("lwsstart.dat")]
        [DataRow("trws.dat")]
        [DataRow("escruri.dat")]
        [DataRow("baddate.dat")]
        [DataRow("regbadct.dat")]
        [DataRow("badaspec.dat")]
        [DataRow("baddn.dat")]
        [DataRow("badvers.dat")]
        [DataRow("mismatch01.dat")]
        [DataRow("mismatch02.dat")]
        [DataRow("bigcode.dat")]
        [DataRow("badbranch.dat")]
        [DataRow("insuf.dat")]
        [DataRow("unkscm.dat")]
        [DataRow("novelsc.dat")]
        [DataRow("unksm2.dat")]
        [DataRow("bext01.dat")]
        [DataRow("invut.dat")]
        [DataRow("regaut01.dat")]
        [DataRow("multi01.dat")]
        [DataRow("mcl01.dat")]
        [DataRow("bcast.dat")]
        [DataRow("zeromf.dat")]
        [DataRow("cparam01.dat")]
        [DataRow("cparam02.dat")]
        [DataRow("regescrt.dat")]
        [DataRow("sdp01.dat")]
        [DataRow("inv2543.dat")]
        public void Message_Parsed_MatchesIndexExpectation(string file)
        {
            Rfc4475Entry entry = Rfc4475Corpus.ReadIndex()[file];
            byte[] data = Rfc4475Corpus.Read(file);
            SipMessage message = null;
            SipParseException error = null;
            try
            {
                message = SipMessageParser.Parse(data, 0, data.Length);
            }
            catch (SipParseException e)
            {
                error = e;
            }

            bool isRequest = !(data[0] == (byte)'S' && data[1] == (byte)'I' && data[2] == (byte)'P' && data[3] == (byte)'/');
            string what = $"{file} ({entry.Class}: {entry.Expected})";
            if (error != null)
            {
                Assert.IsFalse(string.IsNullOrWhiteSpace(error.Reason), what + ": rejected without a reason");
                Console.WriteLine($"{file}: rejected, {error.StatusCode}: {error.Reason}");
            }
            else
            {
                Console.WriteLine($"{file}: parsed, {message}");
            }

            switch (entry.Class)
            {
                case "valid":
                case "compat":
                    Assert.IsNull(error, what + ": must parse but was rejected: " + error?.Reason);
                    break;
                case "invalid":
                    if (error == null)
                    {
                        Assert.IsTrue(entry.Expected.Contains("may"), what + ": must be rejected but parsed");
                    }
                    else if (isRequest)
                    {
                        List<int> codes = Rfc4475Corpus.CodesIn(entry.Expected);
                        if (codes.Count > 0)
                        {
                            CollectionAssert.Contains(codes, error.StatusCode, what + ": status " + error.StatusCode);
                        }
                    }

                    break;
                case "transaction":
                case "application":
                    break;
                default:
                    Assert.Fail("unknown class " + entry.Class);
                    break;
            }

            if (s_specifics.TryGetValue(file, out Action<byte[], SipMessage, SipParseException> check))
            {
                check(data, message, error);
            }

            if (message != null)
            {
                AssertRoundTrip(message);
            }
        }

        private static bool IsPlainValid(string file) => file == "longreq.dat" || file == "sdp01.dat" || file == "lwsstart.dat" || file == "trws.dat";

        /// <summary>Writing a parsed message and parsing the octets again gives the same message.</summary>
        private static void AssertRoundTrip(SipMessage message)
        {
            int size = SipMessageWriter.GetByteCount(message);
            var buffer = new byte[size];
            Assert.AreEqual(size, SipMessageWriter.Write(message, buffer, 0));
            SipMessage again = SipMessageParser.Parse(buffer, 0, buffer.Length);
            Assert.AreEqual(message.ToString(), again.ToString());
            CollectionAssert.AreEqual(message.Body, again.Body);
            int expectedHeaders = message.Headers.Count - message.Headers.CountOf(SipHeaderNames.ContentLength) + 1;
            Assert.AreEqual(expectedHeaders, again.Headers.Count);
            int j = 0;
            for (int i = 0; i < message.Headers.Count; i++)
            {
                if (message.Headers[i].Name == SipHeaderNames.ContentLength)
                {
                    continue;
                }

                if (again.Headers[j].Name == SipHeaderNames.ContentLength)
                {
                    j++;
                }

                Assert.AreEqual(message.Headers[i].Name, again.Headers[j].Name);
                Assert.AreEqual(message.Headers[i].Value, again.Headers[j].Value);
                j++;
            }
        }

        private static SipValidationResult Uas(SipMessage m) => new SipRequestValidator().Validate(m);

        private static SipValidationResult Proxy(SipMessage m) => new SipRequestValidator { ActsAsProxy = true }.Validate(m);

        private static Dictionary<string, Action<byte[], SipMessage, SipParseException>> BuildSpecifics()
        {
            var d = new Dictionary<string, Action<byte[], SipMessage, SipParseException>>(StringComparer.Ordinal);
            d["wsinv.dat"] = (data, m, e) =>
            {
                Assert.AreEqual("INVITE", m.Method);
                Assert.AreEqual("newfangled value continued newfangled value", m.Headers.Get("NewFangledHeader"));
                Assert.AreEqual(";;,,;;,;", m.Headers.Get("UnknownHeaderWithUnusualValue"));
                Assert.AreEqual(3, m.Headers.CountOf("Via"));
                Assert.AreEqual("390skdjuw", ViaHeader.Parse(m.Headers.GetAll("Via")[0]).Branch);
                Assert.AreEqual("z9hG4bK30239", ViaHeader.Parse(m.Headers.GetAll("Via")[2]).Branch);
                Assert.AreEqual("192.168.255.111", ViaHeader.Parse(m.Headers.GetAll("Via")[2]).Host);
                Assert.AreEqual(68, MaxForwardsHeader.Parse(m.Headers.Get("Max-Forwards")));
                CSeqHeader cseq = CSeqHeader.Parse(m.Headers.Get("CSeq"));
                Assert.AreEqual(9L, cseq.Number);
                Assert.AreEqual("INVITE", cseq.Method);
                NameAddress from = NameAddress.Parse(m.Headers.Get("From"));
                Assert.AreEqual("J Rosenberg \\\"", from.DisplayName);
                Assert.AreEqual("98asjd8", from.Tag);
                Assert.AreEqual("1918181833n", NameAddress.Parse(m.Headers.Get("To")).Tag);
                NameAddress contact = NameAddress.ParseContact(m.Headers.Get("Contact"));
                Assert.AreEqual("Quoted string \"\"", contact.DisplayName);
                Assert.AreEqual("0.33", contact.Parameters.Get("q"));
                Assert.AreEqual("newvalue", contact.Parameters.Get("newparam"));
                Assert.IsTrue(contact.Parameters.Contains("secondparam"));
                SipUri route = NameAddress.ParseRoute(m.Headers.Get("Route")).SipUri;
                Assert.IsTrue(route.Lr);
                Assert.AreEqual("value", route.Parameters.Get("unknownwith"));
                Assert.IsTrue(route.Parameters.Contains("unknown-no-value"));
                Assert.AreEqual(string.Empty, m.Headers.Get("Subject"));
                Assert.AreEqual(150, m.Body.Length);
            };
            d["intmeth.dat"] = (data, m, e) =>
            {
                Assert.AreEqual("!interesting-Method0123456789_*+`.%indeed'~", m.Method);
                SipUri ruri = SipUri.Parse(m.RequestUri);
                Assert.AreEqual("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", ruri.User);
                Assert.AreEqual("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", ruri.Password);
                NameAddress to = NameAddress.Parse(m.Headers.Get("To"));
                Assert.AreEqual("BEL:\a NUL:\0 DEL:\x7F", to.DisplayName);
                Assert.AreEqual("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", to.SipUri.User);
                NameAddress from = NameAddress.Parse(m.Headers.Get("From"));
                Assert.AreEqual("token1~` token2'+_ token3*%!.-", from.DisplayName);
                Assert.AreEqual("_token~1'+`*%!-.", from.Tag);
                Assert.AreEqual(Utf8Between(data, "fromParam''~+*_!.-%=", ";tag="), from.Parameters.Get("fromParam''~+*_!.-%"));
                Assert.AreEqual("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", m.CallId);
                Assert.AreEqual(Utf8Between(data, "extensionHeader-!.%*+_`'~:", "\r"), m.Headers.Get("extensionHeader-!.%*+_`'~"));
                Assert.IsTrue(Uas(m).IsValid);
                var uas = new SipRequestValidator { AllowedMethods = new[] { "INVITE", "ACK", "BYE", "OPTIONS" } };
                SipValidationResult r = uas.Validate(m);
                Assert.AreEqual(501, r.StatusCode);
                Assert.AreEqual("Allow", r.HeaderName);
                Assert.AreEqual("INVITE, ACK, BYE, OPTIONS", r.HeaderValue);
            };
            d["esc01.dat"] = (data, m, e) =>
            {
                Assert.AreEqual("sips:user@example.com", SipUri.Parse(m.RequestUri).User);
                Assert.AreEqual("user", NameAddress.Parse(m.Headers.Get("To")).SipUri.User);
                Assert.AreEqual("I have spaces", NameAddress.Parse(m.Headers.Get("From")).SipUri.User);
                SipUri contact = NameAddress.ParseContact(m.Headers.Get("Contact")).SipUri;
                Assert.AreEqual("caller", contact.User);
                Assert.IsTrue(contact.Lr);
                Assert.AreEqual("value%41", contact.Parameters.Get("name"), "decoded once, never twice");
                Assert.AreEqual("sip:caller@host5.example.net;lr;name=value%2541", contact.ToString());
            };
            d["escnull.dat"] = (data, m, e) =>
            {
                Assert.AreEqual("null-\0-null", NameAddress.Parse(m.Headers.Get("To")).SipUri.User);
                string[] contacts = m.Headers.GetAll("Contact");
                Assert.AreEqual(2, contacts.Length);
                SipUri first = NameAddress.ParseContact(contacts[0]).SipUri;
                SipUri second = NameAddress.ParseContact(contacts[1]).SipUri;
                Assert.AreEqual("\0", first.User);
                Assert.AreEqual("\0\0", second.User);
                Assert.IsFalse(first.Equals(second), "two distinct bindings");
                Assert.AreEqual("sip:%00%00@host5.example.com", second.ToString());
            };
            d["esc02.dat"] = (data, m, e) =>
            {
                Assert.AreEqual("RE%47IST%45R", m.Method);
                Assert.IsFalse(SipMethods.IsStandard(m.Method));
                Assert.AreEqual(2, m.Headers.CountOf("Contact"));
                Assert.AreEqual("<sip:alias2@host2.example.com>", m.Headers.Get("C%6Fntact"));
                Assert.AreEqual("%Z%45", NameAddress.Parse(m.Headers.Get("To")).DisplayName);
                var uas = new SipRequestValidator { AllowedMethods = new[] { "REGISTER" } };
                Assert.AreEqual(501, uas.Validate(m).StatusCode);
            };
            d["lwsdisp.dat"] = (data, m, e) =>
            {
                NameAddress from = NameAddress.Parse(m.Headers.Get("From"));
                Assert.AreEqual("caller", from.DisplayName);
                Assert.AreEqual("323", from.Tag);
            };
            d["longreq.dat"] = (data, m, e) =>
            {
                Assert.AreEqual(34, m.Headers.CountOf("Via"));
                Assert.IsTrue(NameAddress.Parse(m.Headers.Get("To")).DisplayName.Length > 90);
            };
            d["dblreq.dat"] = (data, m, e) =>
            {
                Assert.AreEqual("REGISTER", m.Method);
                Assert.AreEqual(0, m.Body.Length);
                Assert.AreEqual(1, m.Headers.CountOf("Call-ID"));
                Assert.AreEqual("dblreq.0ha0isndaksdj99sdfafnl3lk233412", m.CallId);
                Assert.IsFalse(m.Headers.Contains("Content-Type"), "the trailing INVITE's headers are ignored");
            };
            d["semiuri.dat"] = (data, m, e) =>
            {
                SipUri ruri = SipUri.Parse(m.RequestUri);
                Assert.AreEqual("user;par=u@example.net", ruri.User);
                Assert.AreEqual("example.com", ruri.Host);
                Assert.AreEqual(0, ruri.Parameters.Count);
                string[] accept = m.Headers.GetAll("Accept");
                CollectionAssert.AreEqual(
                    new[] { "application/sdp", "application/pkcs7-mime", "multipart/mixed", "multipart/signed", "message/sip", "message/sipfrag" },
                    accept);
            };
            d["transports.dat"] = (data, m, e) =>
            {
                string[] vias = m.Headers.GetAll("Via");
                var transports = new List<string>();
                foreach (string v in vias)
                {
                    transports.Add(ViaHeader.Parse(v).Transport);
                }

                CollectionAssert.AreEqual(new[] { "UDP", "SCTP", "TLS", "UNKNOWN", "TCP" }, transports);
            };
            d["mpart01.dat"] = (data, m, e) =>
            {
                Assert.AreEqual(553, m.Body.Length);
                Assert.IsTrue(Array.IndexOf(m.Body, (byte)0) >= 0, "the binary part keeps its NULs");
                ContentTypeHeader ct = ContentTypeHeader.Parse(m.Headers.Get("Content-Type"));
                Assert.IsTrue(ct.Is("multipart", "mixed"));
                Assert.AreEqual("7a9cbec02ceef655", ct.Parameters.Get("boundary"));
                int bodyStart = IndexOfHeaderEnd(data);
                byte[] expected = new byte[553];
                Array.Copy(data, bodyStart, expected, 0, 553);
                CollectionAssert.AreEqual(expected, m.Body);
            };
            d["unreason.dat"] = (data, m, e) =>
            {
                Assert.AreEqual(200, m.StatusCode);
                int lineEnd = Array.IndexOf(data, (byte)'\r');
                string expected = Encoding.UTF8.GetString(data, 12, lineEnd - 12);
                Assert.AreEqual(expected, m.ReasonPhrase);
                Assert.IsTrue(m.ReasonPhrase.StartsWith("= 2**3 * 5**2 \u043d\u043e"));
            };
            d["noreason.dat"] = (data, m, e) =>
            {
                Assert.AreEqual(100, m.StatusCode);
                Assert.AreEqual(string.Empty, m.ReasonPhrase);
            };
            d["badinv01.dat"] = (data, m, e) => StringAssert.Contains(e.Reason, "Via");
            d["clerr.dat"] = (data, m, e) =>
            {
                Assert.AreEqual(400, e.StatusCode);
                StringAssert.Contains(e.Reason, "Content-Length 9999");
            };
            d["ncl.dat"] = (data, m, e) =>
            {
                Assert.IsNotNull(e, "a negative Content-Length is never used as a length");
                StringAssert.Contains(e.Reason, "Content-Length");
            };
            d["scalar02.dat"] = (data, m, e) =>
            {
                Assert.AreEqual(400, e.StatusCode);
                StringAssert.Contains(e.Reason, "CSeq");
            };
            d["scalarlg.dat"] = (data, m, e) => Assert.IsNotNull(e, "an invalid response is dropped");
            d["quotbal.dat"] = (data, m, e) => StringAssert.Contains(e.Reason, "unterminated quoted display name");
            d["ltgtruri.dat"] = (data, m, e) => StringAssert.Contains(e.Reason, "Request-URI");
            d["lwsruri.dat"] = (data, m, e) => Assert.AreEqual(400, e.StatusCode);
            d["lwsstart.dat"] = (data, m, e) => Assert.IsNotNull(e, "this parser rejects extra SP in the request line");
            d["trws.dat"] = (data, m, e) => Assert.IsNotNull(e, "this parser rejects trailing SP in the request line");
            d["escruri.dat"] = (data, m, e) =>
            {
                Assert.IsNotNull(e, "escaped headers in a SIP Request-URI are rejected, never turned into header fields");
                Assert.AreEqual(400, e.StatusCode);
            };
            d["baddate.dat"] = (data, m, e) =>
            {
                Assert.IsNull(e, "the Date header is opaque to the parser; the RFC only says it may be rejected");
                Assert.AreEqual("Fri, 01 Jan 2010 16:00:00 EST", m.Headers.Get("Date"));
            };
            d["regbadct.dat"] = (data, m, e) => StringAssert.Contains(e.Reason, "<>");
            d["badaspec.dat"] = (data, m, e) => StringAssert.Contains(e.Reason, "whitespace inside <>");
            d["baddn.dat"] = (data, m, e) => StringAssert.Contains(e.Reason, "display name");
            d["badvers.dat"] = (data, m, e) => Assert.AreEqual(505, e.StatusCode);
            d["mismatch01.dat"] = (data, m, e) => Assert.AreEqual(400, e.StatusCode);
            d["mismatch02.dat"] = (data, m, e) => Assert.AreEqual(501, e.StatusCode);
            d["bigcode.dat"] = (data, m, e) => Assert.IsNotNull(e, "a status code above 699 is dropped");
            d["badbranch.dat"] = (data, m, e) =>
            {
                Assert.AreEqual("z9hG4bK", ViaHeader.Parse(m.Headers.Get("Via")).Branch, "left to the transaction layer");
            };
            d["insuf.dat"] = (data, m, e) =>
            {
                SipValidationResult r = Uas(m);
                Assert.AreEqual(400, r.StatusCode);
                Assert.AreEqual(400, Proxy(m).StatusCode);
            };
            d["unkscm.dat"] = (data, m, e) =>
            {
                Assert.IsInstanceOfType(AddressUri.Parse(m.RequestUri), typeof(GenericUri));
                Assert.AreEqual(416, Uas(m).StatusCode);
                Assert.AreEqual(416, Proxy(m).StatusCode);
            };
            d["novelsc.dat"] = (data, m, e) =>
            {
                Assert.AreEqual("soap.beep", AddressUri.Parse(m.RequestUri).Scheme);
                Assert.AreEqual(416, Uas(m).StatusCode);
            };
            d["unksm2.dat"] = (data, m, e) =>
            {
                Assert.AreEqual("isbn", NameAddress.Parse(m.Headers.Get("To")).Uri.Scheme);
                Assert.AreEqual("http", NameAddress.Parse(m.Headers.Get("From")).Uri.Scheme);
                Assert.AreEqual("name:John_Smith", NameAddress.ParseContact(m.Headers.Get("Contact")).Uri.ToString());
                Assert.IsTrue(Proxy(m).IsValid, "a proxy handles it normally");
            };
            d["bext01.dat"] = (data, m, e) =>
            {
                SipValidationResult uas = Uas(m);
                Assert.AreEqual(420, uas.StatusCode);
                Assert.AreEqual("Unsupported", uas.HeaderName);
                Assert.AreEqual("nothingSupportsThis, nothingSupportsThisEither", uas.HeaderValue);
                SipValidationResult proxy = Proxy(m);
                Assert.AreEqual(420, proxy.StatusCode);
                Assert.AreEqual("noProxiesSupportThis, norDoAnyProxiesSupportThis", proxy.HeaderValue);
                var supportsAll = new SipRequestValidator { SupportedExtensions = new[] { "nothingSupportsThis", "NOTHINGSUPPORTSTHISEITHER" } };
                Assert.IsTrue(supportsAll.Validate(m).IsValid);
            };
            d["invut.dat"] = (data, m, e) =>
            {
                Assert.AreEqual("application/unknownformat", ContentTypeHeader.Parse(m.Headers.Get("Content-Type")).MediaType);
                Assert.AreEqual(40, m.Body.Length);
            };
            d["regaut01.dat"] = (data, m, e) =>
            {
                Assert.AreEqual("NoOneKnowsThisScheme opaque-data=here", m.Headers.Get("Authorization"));
                Assert.IsTrue(Uas(m).IsValid);
            };
            d["multi01.dat"] = (data, m, e) =>
            {
                Assert.IsNotNull(e, "a second CSeq, Call-ID, From or To is rejected at parse time");
                Assert.AreEqual(400, e.StatusCode);
                StringAssert.Contains(e.Reason, "more than one");
            };
            d["mcl01.dat"] = (data, m, e) =>
            {
                Assert.IsNotNull(e, "differing Content-Length values are a framing error");
                StringAssert.Contains(e.Reason, "Content-Length");
            };
            d["bcast.dat"] = (data, m, e) =>
            {
                Assert.AreEqual(200, m.StatusCode);
                Assert.AreEqual("255.255.255.255", ViaHeader.Parse(m.Headers.GetAll("Via")[1]).Host);
            };
            d["zeromf.dat"] = (data, m, e) =>
            {
                Assert.AreEqual(483, Proxy(m).StatusCode);
                Assert.IsTrue(Uas(m).IsValid, "an endpoint processes it as usual");
            };
            d["cparam01.dat"] = (data, m, e) =>
            {
                NameAddress contact = NameAddress.ParseContact(m.Headers.Get("Contact"));
                Assert.AreEqual(0, contact.SipUri.Parameters.Count);
                Assert.IsTrue(contact.Parameters.Contains("unknownparam"));
                Assert.AreEqual("+19725552222", contact.SipUri.User);
            };
            d["cparam02.dat"] = (data, m, e) =>
            {
                NameAddress contact = NameAddress.ParseContact(m.Headers.Get("Contact"));
                Assert.IsTrue(contact.SipUri.Parameters.Contains("unknownparam"));
                Assert.AreEqual(0, contact.Parameters.Count);
            };
            d["regescrt.dat"] = (data, m, e) =>
            {
                SipUri contact = NameAddress.ParseContact(m.Headers.Get("Contact")).SipUri;
                Assert.AreEqual("<sip:sip.example.com>", contact.Headers.Get("Route"));
                Assert.AreEqual("sip:user@example.com?Route=%3Csip:sip.example.com%3E", contact.ToString());
                Assert.IsFalse(m.Headers.Contains("Route"), "never turned into a real header field");
            };
            d["sdp01.dat"] = (data, m, e) => Assert.AreEqual("text/nobodyKnowsThis", m.Headers.Get("Accept"));
            d["inv2543.dat"] = (data, m, e) =>
            {
                Assert.IsFalse(m.Headers.Contains("Content-Length"));
                Assert.AreEqual(data.Length - IndexOfHeaderEnd(data), m.Body.Length, "the body runs to the end of the datagram");
                Assert.IsNull(ViaHeader.Parse(m.Headers.Get("Via")).Branch);
                // Bare addr-spec: by RFC 3261 §20.10 the ;user=phone belongs to the header, not to the URI.
                NameAddress to = NameAddress.Parse(m.Headers.Get("To"));
                Assert.AreEqual("phone", to.Parameters.Get("user"));
                Assert.IsNull(to.SipUri.UserParam);
                Assert.AreEqual("phone", NameAddress.Parse(m.Headers.Get("From")).SipUri.UserParam);
            };
            return d;
        }

        /// <summary>The UTF-8 text between two markers of a message, as .NET decodes it.</summary>
        private static string Utf8Between(byte[] data, string from, string to)
        {
            string text = Encoding.UTF8.GetString(data);
            int at = text.IndexOf(from, StringComparison.Ordinal) + from.Length;
            return text.Substring(at, text.IndexOf(to, at, StringComparison.Ordinal) - at);
        }

        private static int IndexOfHeaderEnd(byte[] data)
        {
            for (int i = 0; i + 3 < data.Length; i++)
            {
                if (data[i] == 13 && data[i + 1] == 10 && data[i + 2] == 13 && data[i + 3] == 10)
                {
                    return i + 4;
                }
            }

            return -1;
        }
    }
}
