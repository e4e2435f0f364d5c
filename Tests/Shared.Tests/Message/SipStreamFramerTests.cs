#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Tests.Message
{
    [TestClass]
    public class SipStreamFramerTests
    {
        private const string First =
            "MESSAGE sip:alice@example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/TCP 192.0.2.4;branch=z9hG4bK1\r\n" +
            "To: <sip:alice@example.com>\r\n" +
            "From: <sip:bob@example.com>;tag=1\r\n" +
            "Call-ID: c1\r\n" +
            "CSeq: 1 MESSAGE\r\n" +
            "Content-Length: 5\r\n" +
            "\r\n" +
            "hello";

        private const string Second = "SIP/2.0 200 OK\r\nCSeq: 1 MESSAGE\r\nl:3\r\n\r\nabc";

        [TestMethod]
        public void Read_ByteByByte_YieldsEachMessageOnceComplete()
        {
            byte[] stream = TestBytes.Ascii(First + Second);
            var framer = new SipStreamFramer(1024);
            int messages = 0;
            for (int i = 0; i < stream.Length; i++)
            {
                Assert.AreEqual(1, framer.Append(stream, i, 1));
                SipFrameKind kind = framer.Read();
                if (i == First.Length - 1)
                {
                    Assert.AreEqual(SipFrameKind.Message, kind);
                    SipMessage m = framer.ParseMessage();
                    Assert.AreEqual("MESSAGE", m.Method);
                    Assert.AreEqual("hello", TestBytes.AsciiString(m.Body, 0, m.Body.Length));
                    messages++;
                }
                else if (i == stream.Length - 1)
                {
                    Assert.AreEqual(SipFrameKind.Message, kind);
                    Assert.AreEqual(200, framer.ParseMessage().StatusCode);
                    messages++;
                }
                else
                {
                    Assert.AreEqual(SipFrameKind.None, kind, "at octet " + i);
                }
            }

            Assert.AreEqual(2, messages);
            Assert.AreEqual(0, framer.BufferedCount);
        }

        [TestMethod]
        public void Read_TwoMessagesInOneAppend_YieldsBothThenNone()
        {
            byte[] stream = TestBytes.Ascii(First + Second);
            var framer = new SipStreamFramer();
            Assert.AreEqual(stream.Length, framer.Append(stream, 0, stream.Length));
            Assert.AreEqual(SipFrameKind.Message, framer.Read());
            Assert.AreEqual(First.Length, framer.FrameLength);
            Assert.AreEqual(SipFrameKind.Message, framer.Read());
            Assert.AreEqual(Second.Length, framer.FrameLength);
            Assert.AreEqual("SIP/2.0 200 OK", TestBytes.AsciiString(framer.FrameBuffer, framer.FrameOffset, 14));
            Assert.AreEqual(SipFrameKind.None, framer.Read());
        }

        [TestMethod]
        public void Read_KeepAlives_ReportedPingAndPong()
        {
            var framer = new SipStreamFramer(256);
            byte[] stream = TestBytes.Ascii("\r\n\r\n" + Second + "\r\n" + Second);
            framer.Append(stream, 0, stream.Length);
            Assert.AreEqual(SipFrameKind.KeepAlivePing, framer.Read());
            Assert.AreEqual(SipFrameKind.Message, framer.Read());
            Assert.AreEqual(SipFrameKind.KeepAlivePong, framer.Read());
            Assert.AreEqual(SipFrameKind.Message, framer.Read());
            Assert.AreEqual(SipFrameKind.None, framer.Read());
        }

        [TestMethod]
        public void Read_PingSplitAcrossReads_ReportedAsPongThenPing()
        {
            var framer = new SipStreamFramer(256);
            byte[] crlf = TestBytes.Ascii("\r\n");
            framer.Append(crlf, 0, 1);
            Assert.AreEqual(SipFrameKind.None, framer.Read());
            framer.Append(crlf, 1, 1);
            Assert.AreEqual(SipFrameKind.KeepAlivePong, framer.Read());
            framer.Append(crlf, 0, 2);
            Assert.AreEqual(SipFrameKind.KeepAlivePing, framer.Read(), "the second half completes a ping the transport must answer");
            framer.Append(crlf, 0, 2);
            Assert.AreEqual(SipFrameKind.KeepAlivePong, framer.Read());
        }

        [TestMethod]
        public void Read_MissingContentLength_Throws()
        {
            var framer = new SipStreamFramer(512);
            byte[] stream = TestBytes.Ascii("OPTIONS sip:a@b SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n");
            framer.Append(stream, 0, stream.Length);
            SipAssert.Contains(SipAssert.Throws(() => framer.Read()).Reason, "Content-Length");
        }

        [TestMethod]
        [DataRow("Content-Length: -5\r\n")]
        [DataRow("Content-Length: 5x\r\n")]
        [DataRow("Content-Length: 5 6\r\n")]
        [DataRow("Content-Length:\r\n")]
        [DataRow("Content-Length: 5\r\nl: 6\r\n")]
        public void Read_BadContentLength_Throws(string header)
        {
            var framer = new SipStreamFramer(512);
            byte[] stream = TestBytes.Ascii("OPTIONS sip:a@b SIP/2.0\r\n" + header + "\r\nhello!");
            framer.Append(stream, 0, stream.Length);
            SipAssert.Throws(() => framer.Read());
        }

        [TestMethod]
        public void Read_FoldedAndCompactContentLength_Understood()
        {
            var framer = new SipStreamFramer(512);
            const string a = "OPTIONS sip:a@b SIP/2.0\r\nContent-Length :\r\n 3\r\nLocation: x\r\n\r\nabc";
            const string b = "SIP/2.0 200 OK\r\nL: 1\r\n\r\nz";
            byte[] stream = TestBytes.Ascii(a + b);
            framer.Append(stream, 0, stream.Length);
            Assert.AreEqual(SipFrameKind.Message, framer.Read());
            Assert.AreEqual(a.Length, framer.FrameLength);
            Assert.AreEqual(SipFrameKind.Message, framer.Read());
            Assert.AreEqual(b.Length, framer.FrameLength);
        }

        [TestMethod]
        public void Read_MessageLargerThanMax_ThrowsBeforeBodyArrives()
        {
            var framer = new SipStreamFramer(128);
            byte[] head = TestBytes.Ascii("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 500\r\n\r\n");
            framer.Append(head, 0, head.Length);
            SipAssert.Contains(SipAssert.Throws(() => framer.Read()).Reason, "exceeds");
        }

        [TestMethod]
        public void Read_EndlessHeaders_ThrowWhenBufferFull()
        {
            var framer = new SipStreamFramer(128);
            byte[] line = TestBytes.Ascii("X-Filler: aaaaaaaaaaaaaaaaaa\r\n");
            int accepted = 0;
            int appends = 0;
            while (appends < 100)
            {
                int n = framer.Append(line, 0, line.Length);
                accepted += n;
                appends++;
                if (n < line.Length)
                {
                    break;
                }

                Assert.AreEqual(SipFrameKind.None, framer.Read());
            }

            Assert.AreEqual(128, accepted, "the buffer never grows beyond its maximum");
            SipAssert.Contains(SipAssert.Throws(() => framer.Read()).Reason, "maximum");
        }

        [TestMethod]
        public void Read_MessageExactlyMaxSize_Accepted()
        {
            byte[] stream = TestBytes.Ascii(First);
            var framer = new SipStreamFramer(stream.Length);
            Assert.AreEqual(stream.Length, framer.Append(stream, 0, stream.Length));
            Assert.AreEqual(SipFrameKind.Message, framer.Read());
            Assert.AreEqual("hello", TestBytes.AsciiString(framer.ParseMessage().Body, 0, 5));
        }

        [TestMethod]
        public void Append_BufferFullOfFrames_CompactsAfterRead()
        {
            byte[] one = TestBytes.Ascii(Second);
            var framer = new SipStreamFramer(one.Length * 2);
            int total = 0;
            for (int round = 0; round < 10; round++)
            {
                int offset = 0;
                while (offset < one.Length)
                {
                    int n = framer.Append(one, offset, one.Length - offset);
                    offset += n;
                    if (n == 0 || framer.BufferedCount == framer.MaxMessageSize)
                    {
                        while (framer.Read() == SipFrameKind.Message)
                        {
                            total++;
                        }
                    }
                }
            }

            while (framer.Read() == SipFrameKind.Message)
            {
                total++;
            }

            Assert.AreEqual(10, total);
        }

        [TestMethod]
        public void ParseMessage_WithoutFrame_Throws()
        {
            bool thrown = false;
            try
            {
                new SipStreamFramer().ParseMessage();
            }
            catch (System.InvalidOperationException)
            {
                thrown = true;
            }

            Assert.IsTrue(thrown);
        }

        [TestMethod]
        public void Parser_SkippedResponseHeadersSet_AppliesToFramedResponses()
        {
            byte[] stream = TestBytes.Ascii("SIP/2.0 200 OK\r\nServer: x\r\nCSeq: 1 MESSAGE\r\nl:3\r\n\r\nabc");
            var framer = new SipStreamFramer(1024);
            framer.Parser.SkippedResponseHeaders = new string[] { SipHeaderNames.Server };
            framer.Append(stream, 0, stream.Length);

            Assert.AreEqual(SipFrameKind.Message, framer.Read());
            SipMessage m = framer.ParseMessage();

            Assert.IsNull(m.Headers.Get(SipHeaderNames.Server));
            Assert.AreEqual("1 MESSAGE", m.Headers.Get(SipHeaderNames.CSeq));
            Assert.AreSame(framer.Parser, framer.Parser);
        }
    }
}
