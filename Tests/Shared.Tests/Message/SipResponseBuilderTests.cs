#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Tests.TestSupport;

namespace SimpleImGateway.Sip.Tests.Message
{
    [TestClass]
    public class SipResponseBuilderTests
    {
        private static SipMessage Register()
        {
            var request = SipMessage.CreateRequest(SipMethods.Register, "sip:registrar.biloxi.com");
            request.Headers.Add("v", "SIP/2.0/UDP proxy.biloxi.com:5060;branch=z9hG4bKnashds7");
            request.Headers.Add(SipHeaderNames.Via, "SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds8;received=192.0.2.4");
            request.Headers.Add(SipHeaderNames.MaxForwards, "70");
            request.Headers.Add(SipHeaderNames.To, "Bob <sip:bob@biloxi.com>");
            request.Headers.Add(SipHeaderNames.From, "Bob <sip:bob@biloxi.com>;tag=456248");
            request.Headers.Add(SipHeaderNames.CallId, "843817637684230@998sdasdh09");
            request.Headers.Add(SipHeaderNames.CSeq, "1826 REGISTER");
            request.Headers.Add(SipHeaderNames.Contact, "<sip:bob@192.0.2.4>");
            request.Headers.Add(SipHeaderNames.Timestamp, "54");
            request.Body = new byte[] { 1, 2, 3 };
            return request;
        }

        private static string[] Lines(SipMessage message)
        {
            var lines = new string[message.Headers.Count + 1];
            lines[0] = message.ToString();
            for (int i = 0; i < message.Headers.Count; i++)
            {
                lines[i + 1] = message.Headers[i].ToString();
            }

            return lines;
        }

        [TestMethod]
        public void Create_Final_CopiesViasFromToCallIdCSeqAndAddsToTag()
        {
            SipMessage response = SipResponseBuilder.Create(Register(), 200, "OK", "2493k59kd");

            CollectionAssert.AreEqual(
                new string[]
                {
                    "SIP/2.0 200 OK",
                    "Via: SIP/2.0/UDP proxy.biloxi.com:5060;branch=z9hG4bKnashds7",
                    "Via: SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds8;received=192.0.2.4",
                    "From: Bob <sip:bob@biloxi.com>;tag=456248",
                    "To: Bob <sip:bob@biloxi.com>;tag=2493k59kd",
                    "Call-ID: 843817637684230@998sdasdh09",
                    "CSeq: 1826 REGISTER",
                },
                Lines(response));
            Assert.IsFalse(response.IsRequest);
            Assert.AreEqual(0, response.Body.Length);
        }

        [TestMethod]
        public void Create_ToAlreadyTagged_LeftAsIs()
        {
            SipMessage request = Register();
            request.Headers.Set(SipHeaderNames.To, "Bob <sip:bob@biloxi.com>;TAG=existing");

            SipMessage response = SipResponseBuilder.Create(request, 481, "Call/Transaction Does Not Exist", "fresh");

            Assert.AreEqual("Bob <sip:bob@biloxi.com>;TAG=existing", response.Headers.Get(SipHeaderNames.To));
            Assert.AreEqual("Call/Transaction Does Not Exist", response.ReasonPhrase);
        }

        [TestMethod]
        public void Create_Trying_NoTagAndTimestampEchoed()
        {
            SipMessage response = SipResponseBuilder.Create(Register(), 100, "Trying", "2493k59kd");

            Assert.AreEqual("Bob <sip:bob@biloxi.com>", response.Headers.Get(SipHeaderNames.To));
            Assert.AreEqual("54", response.Headers.Get(SipHeaderNames.Timestamp));
        }

        [TestMethod]
        public void Create_OtherThanTrying_NoTimestamp()
        {
            SipMessage response = SipResponseBuilder.Create(Register(), 180, "Ringing", "t");

            Assert.IsNull(response.Headers.Get(SipHeaderNames.Timestamp));
            Assert.AreEqual("Bob <sip:bob@biloxi.com>;tag=t", response.Headers.Get(SipHeaderNames.To));
        }

        [TestMethod]
        public void Create_NoTagGiven_ToUnchanged()
        {
            SipMessage response = SipResponseBuilder.Create(Register(), 200, "OK");

            Assert.AreEqual("Bob <sip:bob@biloxi.com>", response.Headers.Get(SipHeaderNames.To));
        }

        [TestMethod]
        [DataRow("\"Bob;tag=x <y>\" <sip:bob@biloxi.com>", "\"Bob;tag=x <y>\" <sip:bob@biloxi.com>;tag=new")]
        [DataRow("<sip:bob@biloxi.com;tag=uriparam>", "<sip:bob@biloxi.com;tag=uriparam>;tag=new")]
        [DataRow("sip:bob@biloxi.com;tag=abc", "sip:bob@biloxi.com;tag=abc")]
        [DataRow("sip:bob@biloxi.com", "sip:bob@biloxi.com;tag=new")]
        [DataRow("<sip:bob@biloxi.com> ; tag = abc", "<sip:bob@biloxi.com> ; tag = abc")]
        [DataRow("Bob <sip:bob@biloxi.com", "Bob <sip:bob@biloxi.com")]
        public void Create_ToForms_TagDetectedOnlyInHeaderParameters(string to, string expected)
        {
            SipMessage request = Register();
            request.Headers.Set(SipHeaderNames.To, to);

            SipMessage response = SipResponseBuilder.Create(request, 200, "OK", "new");

            Assert.AreEqual(expected, response.Headers.Get(SipHeaderNames.To));
        }

        [TestMethod]
        public void Create_InvalidArguments_Rejected()
        {
            SipMessage response = SipMessage.CreateResponse(200, "OK");

            ThrowAssert.Throws(typeof(System.ArgumentException), () => SipResponseBuilder.Create(response, 200, "OK"));
            ThrowAssert.Throws(typeof(System.ArgumentOutOfRangeException), () => SipResponseBuilder.Create(Register(), 700, "No"));
            ThrowAssert.Throws(typeof(System.ArgumentOutOfRangeException), () => SipResponseBuilder.Create(Register(), 99, "No"));
            ThrowAssert.Throws(typeof(System.ArgumentException), () => SipResponseBuilder.Create(Register(), 200, "OK", "bad tag"));
            ThrowAssert.Throws(typeof(System.ArgumentNullException), () => SipResponseBuilder.Create(null, 200, "OK"));
        }
    }
}
