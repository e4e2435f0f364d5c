#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Firmware.Tests.Ua.Fakes;
using SimpleImGateway.Firmware.Ua;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Firmware.Tests.Ua
{
    [TestClass]
    public class ChannelTransportTests
    {
        [TestMethod]
        public void Tcp_ResponseSplitAcrossChunks_IsReassembled()
        {
            var h = new UaHarness(SipTransport.Tcp);
            h.Start();
            SipMessage register = h.Take(SipMethods.Register);
            byte[] bytes = Utf8.Encode(UaHarness.Response(register, 200, "OK", new string[] { "Expires: 300" }));

            h.Channel.Deliver(bytes, 0, 10);
            h.Run();
            Assert.AreEqual(RegistrationState.Registering, h.Ua.Registration.State);
            h.Channel.Deliver(bytes, 10, bytes.Length - 10);
            h.Run();

            Assert.AreEqual(RegistrationState.Registered, h.Ua.Registration.State);
            Assert.AreEqual(300L, h.Ua.Registration.GrantedExpiresSeconds);
        }

        [TestMethod]
        public void Tcp_TwoMessagesInOneChunk_AreBothHandled()
        {
            var h = new UaHarness(SipTransport.Tcp);
            h.StartRegistered(3600);
            h.Ua.SendText("sip:alice@simpleim.test", "x");
            h.Run();
            SipMessage message = h.Take(SipMethods.Message);
            string both = UaHarness.Response(message, 100, "Trying", new string[0]) + UaHarness.Response(message, 202, "Accepted", new string[0]);

            h.Deliver(both);

            Assert.AreEqual(0, h.Ua.Outbox.Count);
        }

        [TestMethod]
        public void Tcp_ServerPing_IsAnsweredWithCrlfPong()
        {
            var h = new UaHarness(SipTransport.Tcp);
            h.StartRegistered(3600);
            int before = h.Channel.SentCount;

            h.Deliver("\r\n\r\n");

            Assert.AreEqual(before + 1, h.Channel.SentCount);
            CollectionAssert.AreEqual(new byte[] { 13, 10 }, h.Channel[before].Bytes);
        }

        [TestMethod]
        public void Tcp_UnframableStream_ClosesAndReconnects()
        {
            var h = new UaHarness(SipTransport.Tcp);
            h.StartRegistered(3600);

            h.Deliver("SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP x;branch=z9hG4bK1\r\n\r\n");

            Assert.AreEqual(1, h.Channel.CloseCount);
            Assert.AreEqual(1, h.Ua.DroppedCount);
            SipMessage again = h.AdvanceUntilRequest(10000);
            Assert.AreEqual(SipMethods.Register, again.Method);
            Assert.AreEqual(2, h.Channel.OpenCount);
        }

        [TestMethod]
        public void Udp_GarbageDatagram_IsDroppedAndTheUaCarriesOn()
        {
            var h = new UaHarness();
            h.Start();
            SipMessage register = h.Take(SipMethods.Register);

            h.Deliver("this is not SIP\r\n\r\n");
            h.Reply(register, 200, "OK", "Expires: 3600");

            Assert.AreEqual(1, h.Ua.DroppedCount);
            Assert.AreEqual(RegistrationState.Registered, h.Ua.Registration.State);
            Assert.IsTrue(h.Log.Contains("unparsable datagram"));
        }

        [TestMethod]
        public void Udp_KeepAlivePong_IsIgnored()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);

            h.Deliver("\r\n");

            Assert.AreEqual(0, h.Ua.DroppedCount);
            Assert.IsFalse(h.HasUntaken());
        }

        [TestMethod]
        public void Udp_ResponseFromAnotherTransaction_IsDiscarded()
        {
            var h = new UaHarness();
            h.Start();
            SipMessage register = h.Take(SipMethods.Register);
            string stray = UaHarness.Response(register, 200, "OK", new string[0]);
            int branch = stray.IndexOf("z9hG4bK") + 7;

            h.Deliver(stray.Substring(0, branch) + "X" + stray.Substring(branch + 1));

            Assert.AreEqual(RegistrationState.Registering, h.Ua.Registration.State);
        }

        [TestMethod]
        public void SendFails_IsATransportErrorWithBackoff()
        {
            var h = new UaHarness();
            h.Channel.FailSend = true;

            h.Start();

            UaEvent failed = h.FindEvent(UaEventKind.RegistrationFailed);
            Assert.IsNotNull(failed);
            Assert.AreEqual(503, failed.StatusCode);
            Assert.IsTrue(failed.Text.IndexOf("could not send") >= 0, failed.Text);
        }

        [TestMethod]
        public void ReceiveQueue_HoldsAFixedNumberOfMessages()
        {
            var h = new UaHarness();
            h.Start();
            SipMessage register = h.Take(SipMethods.Register);
            byte[] bytes = Utf8.Encode(UaHarness.Response(register, 100, "Trying", new string[0]));

            for (int i = 0; i < 20; i++)
            {
                h.Channel.Deliver(bytes, 0, bytes.Length);
            }

            Assert.AreEqual(12, h.Ua.DroppedCount);
            h.Run();
            Assert.AreEqual(RegistrationState.Registering, h.Ua.Registration.State);
        }
    }
}
