#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Bodies.RegInfo;
using SimpleImGateway.Sip.Bodies.Xml;
using SimpleImGateway.Sip.Message;
using static SimpleImGateway.Sip.Tests.Bodies.BodyTestSupport;

namespace SimpleImGateway.Sip.Tests.Bodies
{
    /// <summary>
    /// Damaged documents must only ever produce a SipParseException or a valid result, and a valid
    /// result must survive writing and reading again unchanged.
    /// </summary>
    [TestClass]
    public class BodyFuzzTests
    {
        private const int KindXml = 0;
        private const int KindPidf = 1;
        private const int KindRegInfo = 2;

        // Exercises every construct of the reader: declaration, comments, PIs, CDATA, references, namespaces.
        private const string RichXml =
            "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><!-- c --><?pi d?>"
            + "<r xmlns=\"urn:d\" xmlns:p=\"urn:p\" a='&lt;&#x41;&#66;'>\r\n <p:e p:x=\"1\" xml:lang=\"en\">t&amp;<![CDATA[<x>]]>\u00E9\U0001F600</p:e>"
            + "<e xmlns=\"\"/><!-- - --><?p?></r><!-- end -->";

        private static readonly string[] s_documents =
        {
            RichXml, RfcExamples.Rfc3863, RfcExamples.OmaDevice, RfcExamples.Rfc3680, RfcExamples.Rfc3680Partial,
        };

        private static readonly int[] s_kinds = { KindXml, KindPidf, KindPidf, KindRegInfo, KindRegInfo };

        private static readonly byte[] s_replacements = { (byte)'<', (byte)'>', (byte)'&', (byte)'"', (byte)'/', (byte)':', 0x00, 0x80, 0xC3, 0xFF };

        [TestMethod]
        public void Documents_Intact_ParseAndRoundTrip()
        {
            for (int d = 0; d < s_documents.Length; d++)
            {
                byte[] body = Utf8(s_documents[d]);

                Assert.IsTrue(TryParseAndRoundTrip(s_kinds[d], body, body.Length), "document " + d + " should parse");
            }
        }

        [TestMethod]
        public void Documents_TruncatedAtEveryPosition_OnlyThrowSipParseException()
        {
            for (int d = 0; d < s_documents.Length; d++)
            {
                byte[] body = Utf8(s_documents[d]);
                int successes = 0;
                for (int length = 0; length < body.Length; length++)
                {
                    if (TryParseAndRoundTrip(s_kinds[d], body, length))
                    {
                        successes++;
                    }
                }

                // Only cuts inside the trailing white space or trailing comment can still be whole documents.
                Assert.IsTrue(successes <= 16, "document " + d + " parsed after " + successes + " truncations");
            }
        }

        [TestMethod]
        public void Documents_EveryByteFlippedOrReplaced_OnlyThrowSipParseException()
        {
            int failures = 0;
            for (int d = 0; d < s_documents.Length; d++)
            {
                byte[] original = Utf8(s_documents[d]);
                byte[] body = new byte[original.Length];
                for (int at = 0; at < original.Length; at++)
                {
                    for (int variant = 0; variant < 4 + s_replacements.Length; variant++)
                    {
                        Array.Copy(original, body, original.Length);
                        body[at] = variant < 4
                            ? (byte)(original[at] ^ (variant == 0 ? 0x01 : variant == 1 ? 0x20 : variant == 2 ? 0x80 : 0xFF))
                            : s_replacements[variant - 4];
                        if (!TryParseAndRoundTrip(s_kinds[d], body, body.Length))
                        {
                            failures++;
                        }
                    }
                }
            }

            Assert.IsTrue(failures > 1000, "damage was expected to be noticed; only " + failures + " failures");
        }

        [TestMethod]
        public void Documents_RandomMultiByteDamage_OnlyThrowSipParseException()
        {
            var random = new Random(20240611);
            for (int round = 0; round < 3000; round++)
            {
                int d = round % s_documents.Length;
                byte[] body = Utf8(s_documents[d]);
                int edits = 1 + random.Next(6);
                for (int e = 0; e < edits; e++)
                {
                    int at = random.Next(body.Length);
                    int kind = random.Next(3);
                    if (kind == 0)
                    {
                        body[at] = (byte)random.Next(256);
                    }
                    else if (kind == 1 && at + 1 < body.Length)
                    {
                        Array.Copy(body, at + 1, body, at, body.Length - at - 1); // delete a byte, pad at the end
                        body[body.Length - 1] = (byte)' ';
                    }
                    else
                    {
                        body[at] = s_replacements[random.Next(s_replacements.Length)];
                    }
                }

                TryParseAndRoundTrip(s_kinds[d], body, random.Next(body.Length + 1));
            }
        }

        // True when the input parsed (and then round-tripped unchanged); false on SipParseException.
        // Any other exception escapes and fails the test.
        private static bool TryParseAndRoundTrip(int kind, byte[] body, int length)
        {
            byte[] written;
            try
            {
                written = ParseAndWrite(kind, body, length);
            }
            catch (SipParseException e)
            {
                Assert.AreEqual(400, e.StatusCode);
                Assert.IsTrue(e.Reason.Length > 0);
                return false;
            }

            byte[] again = ParseAndWrite(kind, written, written.Length);
            CollectionAssert.AreEqual(written, again, "a parsed document did not round-trip: " + Encode(body, length));
            return true;
        }

        private static byte[] ParseAndWrite(int kind, byte[] body, int length)
        {
            switch (kind)
            {
                case KindPidf:
                    return PidfWriter.Write(PidfReader.Parse(body, 0, length));
                case KindRegInfo:
                    return RegInfoWriter.Write(RegInfoReader.Parse(body, 0, length));
                default:
                    var writer = new XmlWriterLite();
                    writer.WriteElement(XmlReaderLite.Parse(body, 0, length));
                    return writer.ToArray();
            }
        }

        private static string Encode(byte[] body, int length) => Convert.ToBase64String(body, 0, length);
    }
}
