#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Tests.Message
{
    [TestClass]
    public class SipMessageWriterTests
    {
        private static string WriteToString(SipMessage m)
        {
            var buffer = new byte[SipMessageWriter.GetByteCount(m)];
            int n = SipMessageWriter.Write(m, buffer, 0);
            Assert.AreEqual(buffer.Length, n);
            return TestBytes.AsciiString(buffer, 0, n);
        }

        [TestMethod]
        public void Write_Request_ExactBytes()
        {
            SipMessage m = SipMessage.CreateRequest(SipMethods.Message, "sip:alice@example.com");
            m.Headers.Add("Via", "SIP/2.0/UDP 192.0.2.4;branch=z9hG4bK1");
            m.Headers.Add("Via", "SIP/2.0/UDP 192.0.2.5;branch=z9hG4bK2");
            m.Headers.Add("max-forwards", "70");
            m.Headers.Add("Content-Type", "text/plain");
            m.Body = TestBytes.Ascii("hello");
            Assert.AreEqual(
                "MESSAGE sip:alice@example.com SIP/2.0\r\n" +
                "Via: SIP/2.0/UDP 192.0.2.4;branch=z9hG4bK1\r\n" +
                "Via: SIP/2.0/UDP 192.0.2.5;branch=z9hG4bK2\r\n" +
                "Max-Forwards: 70\r\n" +
                "Content-Type: text/plain\r\n" +
                "Content-Length: 5\r\n" +
                "\r\n" +
                "hello",
                WriteToString(m));
        }

        [TestMethod]
        public void Write_Response_ExactBytes()
        {
            SipMessage m = SipMessage.CreateResponse(404, "Not Found");
            m.Headers.Add("CSeq", "2 REGISTER");
            Assert.AreEqual("SIP/2.0 404 Not Found\r\nCSeq: 2 REGISTER\r\nContent-Length: 0\r\n\r\n", WriteToString(m));
            Assert.AreEqual("SIP/2.0 100 \r\nContent-Length: 0\r\n\r\n", WriteToString(SipMessage.CreateResponse(100, null)));
        }

        [TestMethod]
        public void Write_StoredContentLength_ReplacedInPlaceByComputed()
        {
            SipMessage m = SipMessage.CreateResponse(200, "OK");
            m.Headers.Add("Content-Length", "999");
            m.Headers.Add("CSeq", "1 MESSAGE");
            m.Headers.Add("Content-Length", "7");
            m.Body = TestBytes.Ascii("abc");
            Assert.AreEqual("SIP/2.0 200 OK\r\nContent-Length: 3\r\nCSeq: 1 MESSAGE\r\n\r\nabc", WriteToString(m));
        }

        [TestMethod]
        public void Write_NonAsciiText_EncodedAsUtf8()
        {
            SipMessage m = SipMessage.CreateResponse(200, "\u043E\u043A \u20AC \uD83D\uDE00");
            m.Headers.Add("Subject", "\u00E9");
            var buffer = new byte[SipMessageWriter.GetByteCount(m)];
            int n = SipMessageWriter.Write(m, buffer, 0);
            byte[] expected =
            {
                (byte)'S', (byte)'I', (byte)'P', (byte)'/', (byte)'2', (byte)'.', (byte)'0', (byte)' ', (byte)'2', (byte)'0', (byte)'0', (byte)' ',
                0xD0, 0xBE, 0xD0, 0xBA, 0x20, 0xE2, 0x82, 0xAC, 0x20, 0xF0, 0x9F, 0x98, 0x80, 13, 10,
                (byte)'S', (byte)'u', (byte)'b', (byte)'j', (byte)'e', (byte)'c', (byte)'t', (byte)':', (byte)' ', 0xC3, 0xA9, 13, 10,
            };
            Assert.AreEqual(n, buffer.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], buffer[i], "octet " + i);
            }

            Assert.AreEqual("Content-Length: 0\r\n\r\n", TestBytes.AsciiString(buffer, expected.Length, n - expected.Length));
        }

        [TestMethod]
        public void Write_NonAsciiValueAndBufferTooSmall_ThrowsAtEverySize()
        {
            SipMessage m = SipMessage.CreateResponse(200, "OK");
            m.Headers.Add("Subject", "caf\u00E9 \uD83D\uDE00");
            int needed = SipMessageWriter.GetByteCount(m);
            for (int size = 0; size < needed; size++)
            {
                bool thrown = false;
                try
                {
                    SipMessageWriter.Write(m, new byte[size], 0);
                }
                catch (System.ArgumentException)
                {
                    thrown = true;
                }

                Assert.IsTrue(thrown, "no exception with a buffer of " + size);
            }

            Assert.AreEqual(needed, SipMessageWriter.Write(m, new byte[needed], 0));
        }

        [TestMethod]
        public void Write_AtOffset_ReturnsCountAndLeavesPrefix()
        {
            SipMessage m = SipMessage.CreateResponse(200, "OK");
            var buffer = new byte[100];
            buffer[0] = 0xAA;
            buffer[1] = 0xBB;
            int n = SipMessageWriter.Write(m, buffer, 2);
            Assert.AreEqual(SipMessageWriter.GetByteCount(m), n);
            Assert.AreEqual(0xAA, buffer[0]);
            Assert.AreEqual(0xBB, buffer[1]);
            Assert.AreEqual("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n", TestBytes.AsciiString(buffer, 2, n));
        }

        [TestMethod]
        public void Write_BufferTooSmall_ThrowsNamingNeededSize()
        {
            SipMessage m = SipMessage.CreateRequest(SipMethods.Options, "sip:a@example.com");
            m.Body = new byte[10];
            int needed = SipMessageWriter.GetByteCount(m);
            for (int size = 0; size < needed; size++)
            {
                var buffer = new byte[size];
                bool thrown = false;
                try
                {
                    SipMessageWriter.Write(m, buffer, 0);
                }
                catch (System.ArgumentException e)
                {
                    thrown = true;
                    Assert.IsTrue(e.Message.IndexOf(needed.ToString()) >= 0, e.Message);
                }

                Assert.IsTrue(thrown, "no exception with a buffer of " + size);
            }

            Assert.AreEqual(needed, SipMessageWriter.Write(m, new byte[needed], 0));
        }

        [TestMethod]
        public void Write_ParsedCanonicalMessage_RoundTripsByteForByte()
        {
            string text =
                "NOTIFY sip:alice@192.0.2.4:5060 SIP/2.0\r\n" +
                "Via: SIP/2.0/TCP 198.51.100.1;branch=z9hG4bK776sgdkse;rport=5061;received=192.0.2.9\r\n" +
                "Max-Forwards: 70\r\n" +
                "To: <sip:alice@example.com>;tag=31415\r\n" +
                "From: \"Presence\" <sip:alice@example.com>;tag=ffd2\r\n" +
                "Call-ID: 3848276298220188511@atlanta.example.com\r\n" +
                "CSeq: 2 NOTIFY\r\n" +
                "Event: presence;id=7\r\n" +
                "Subscription-State: active;expires=599\r\n" +
                "Content-Type: application/pidf+xml\r\n" +
                "Content-Length: 4\r\n" +
                "\r\n" +
                "<x/>";
            byte[] bytes = TestBytes.Ascii(text);
            SipMessage m = SipMessageParser.Parse(bytes, 0, bytes.Length);
            Assert.AreEqual(text, WriteToString(m));
        }

        [TestMethod]
        public void Write_InvalidMessage_ThrowsArgumentException()
        {
            bool thrown = false;
            try
            {
                SipMessageWriter.GetByteCount(SipMessage.CreateResponse(42, "x"));
            }
            catch (System.ArgumentException)
            {
                thrown = true;
            }

            Assert.IsTrue(thrown);
        }
    }
}
