#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Firmware.Tests.Ua.Fakes;
using SimpleImGateway.Firmware.Ua;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Firmware.Tests.Ua
{
    [TestClass]
    public class RegistrationClientTests
    {
        [TestMethod]
        public void Start_FirstRegister_CarriesRportContactExpiresAndNoCredentials()
        {
            var h = new UaHarness();

            h.Start();
            SipMessage register = h.Take(SipMethods.Register);

            Assert.AreEqual("REGISTER sip:simpleim.test SIP/2.0", register.ToString());
            string via = register.Headers.Get(SipHeaderNames.Via);
            Assert.IsTrue(via.StartsWith("SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bK"), via);
            Assert.IsTrue(via.EndsWith(";rport"), via);
            Assert.AreEqual("<sip:bob@simpleim.test>", register.Headers.Get(SipHeaderNames.To));
            Assert.IsTrue(register.Headers.Get(SipHeaderNames.From).StartsWith("<sip:bob@simpleim.test>;tag="));
            Assert.AreEqual("<sip:bob@192.0.2.10:5070>", register.Headers.Get(SipHeaderNames.Contact));
            Assert.AreEqual("3600", register.Headers.Get(SipHeaderNames.Expires));
            Assert.AreEqual("1 REGISTER", register.Headers.Get(SipHeaderNames.CSeq));
            Assert.AreEqual("70", register.Headers.Get(SipHeaderNames.MaxForwards));
            Assert.IsFalse(register.Headers.Contains(SipHeaderNames.Authorization));
            Assert.AreEqual(RegistrationState.Registering, h.Ua.Registration.State);
        }

        [TestMethod]
        public void Start_OverTcp_ContactAndViaNameTcp()
        {
            var h = new UaHarness(SipTransport.Tcp);

            h.Start();
            SipMessage register = h.Take(SipMethods.Register);

            Assert.IsTrue(register.Headers.Get(SipHeaderNames.Via).StartsWith("SIP/2.0/TCP 192.0.2.10:5070;branch="));
            Assert.AreEqual("<sip:bob@192.0.2.10:5070;transport=tcp>", register.Headers.Get(SipHeaderNames.Contact));
        }

        [TestMethod]
        public void Challenge401_ThenOk_IsRegisteredWithSameCallIdAndNextCSeq()
        {
            var h = new UaHarness();
            h.Start();
            SipMessage first = h.Take(SipMethods.Register);

            h.Reply(first, 401, "Unauthorized", UaHarness.Challenge("abc", "MD5", false));
            SipMessage second = h.Take(SipMethods.Register);
            h.Reply(second, 200, "OK", "Contact: <sip:bob@192.0.2.10:5070>;expires=600");

            Assert.AreEqual(first.CallId, second.CallId);
            Assert.AreEqual("2 REGISTER", second.Headers.Get(SipHeaderNames.CSeq));
            Assert.AreEqual(1, second.Headers.CountOf(SipHeaderNames.Via));
            Assert.AreNotEqual(first.Headers.Get(SipHeaderNames.Via), second.Headers.Get(SipHeaderNames.Via));
            Assert.AreEqual(RegistrationState.Registered, h.Ua.Registration.State);
            Assert.AreEqual(600L, h.Ua.Registration.GrantedExpiresSeconds);
            Assert.AreEqual(UaEventKind.Registered, h.FindEvent(UaEventKind.Registered).Kind);
            Assert.AreEqual("198.51.100.7:?", h.Ua.Registration.PublicAddress);
            Assert.IsTrue(h.Log.Contains("registered sip:bob@simpleim.test"));
        }

        [TestMethod]
        public void Ok_ContactExpiresParameter_WinsOverExpiresHeader()
        {
            var h = new UaHarness();
            h.Start();
            SipMessage register = h.Take(SipMethods.Register);

            h.Reply(register, 200, "OK", "Contact: <sip:other@203.0.113.9:5060>;expires=30", "Contact: <sip:bob@192.0.2.10:5070>;expires=900", "Expires: 3600");

            Assert.AreEqual(900L, h.Ua.Registration.GrantedExpiresSeconds);
        }

        [TestMethod]
        public void Ok_WithoutContactExpires_UsesExpiresHeader()
        {
            var h = new UaHarness();
            h.Start();
            SipMessage register = h.Take(SipMethods.Register);

            h.Reply(register, 200, "OK", "Expires: 120");

            Assert.AreEqual(120L, h.Ua.Registration.GrantedExpiresSeconds);
        }

        [TestMethod]
        public void Registered_Refresh_GoesBetween80And85PercentOfGrantedExpiry()
        {
            var h = new UaHarness();
            h.StartRegistered(600);
            long registeredAt = h.Now;

            SipMessage refresh = h.AdvanceUntilRequest(600000);

            Assert.IsNotNull(refresh);
            Assert.AreEqual(SipMethods.Register, refresh.Method);
            long delay = h.LastTakenTime - registeredAt;
            Assert.IsTrue(delay >= 480000 && delay <= 510000, "refresh after " + delay + " ms");
            Assert.AreEqual("3 REGISTER", refresh.Headers.Get(SipHeaderNames.CSeq));
            Assert.AreEqual(RegistrationState.Registered, h.Ua.Registration.State);
        }

        [TestMethod]
        public void Registered_RefreshDelays_AreJitteredAndRepeatable()
        {
            long a = RefreshDelayWithSeed(11);
            long b = RefreshDelayWithSeed(11);
            long c = RefreshDelayWithSeed(12345);

            Assert.AreEqual(a, b);
            Assert.AreNotEqual(a, c);
        }

        [TestMethod]
        public void Refresh_AnsweredOk_SchedulesTheNextOne()
        {
            var h = new UaHarness();
            h.StartRegistered(100);

            SipMessage refresh = h.AdvanceUntilRequest(100000);
            h.Reply(refresh, 200, "OK", "Contact: <sip:bob@192.0.2.10:5070>;expires=100");
            long refreshedAt = h.Now;
            SipMessage next = h.AdvanceUntilRequest(100000);

            Assert.IsNotNull(next);
            long delay = h.LastTakenTime - refreshedAt;
            Assert.IsTrue(delay >= 80000 && delay <= 85000, "second refresh after " + delay + " ms");
            Assert.AreEqual(1, h.CountEvents(UaEventKind.Registered));
        }

        [TestMethod]
        public void IntervalTooBrief423_RegistersAgainWithMinExpires()
        {
            var h = new UaHarness();
            h.Settings.RegisterExpiresSeconds = 60;
            h.Start();
            SipMessage first = h.Take(SipMethods.Register);

            h.Reply(first, 423, "Interval Too Brief", "Min-Expires: 1800");
            SipMessage second = h.Take(SipMethods.Register);
            h.Reply(second, 200, "OK", "Expires: 1800");

            Assert.AreEqual("60", first.Headers.Get(SipHeaderNames.Expires));
            Assert.AreEqual("1800", second.Headers.Get(SipHeaderNames.Expires));
            Assert.AreEqual("2 REGISTER", second.Headers.Get(SipHeaderNames.CSeq));
            Assert.AreEqual(RegistrationState.Registered, h.Ua.Registration.State);
            Assert.AreEqual(0, h.CountEvents(UaEventKind.RegistrationFailed));
        }

        [TestMethod]
        public void IntervalTooBrief423_WithoutMinExpires_IsAFailure()
        {
            var h = new UaHarness();
            h.Start();
            SipMessage first = h.Take(SipMethods.Register);

            h.Reply(first, 423, "Interval Too Brief");

            Assert.AreEqual(RegistrationState.RetryWait, h.Ua.Registration.State);
            Assert.AreEqual(423, h.FindEvent(UaEventKind.RegistrationFailed).StatusCode);
            Assert.IsFalse(h.HasUntaken());
        }

        [TestMethod]
        public void Forbidden403_StopsAndNeverRetries()
        {
            var h = new UaHarness();
            h.Start();
            SipMessage first = h.Take(SipMethods.Register);

            h.Reply(first, 403, "Account Disabled");
            h.AdvanceBy(24L * 3600 * 1000);

            Assert.AreEqual(RegistrationState.Forbidden, h.Ua.Registration.State);
            Assert.IsFalse(h.HasUntaken());
            Assert.AreEqual(403, h.FindEvent(UaEventKind.RegistrationForbidden).StatusCode);
            Assert.IsTrue(h.Log.Contains("403 Account Disabled"));
            Assert.IsTrue(h.Log.Contains("registration stopped"));
        }

        [TestMethod]
        public void Forbidden403_Restart_RegistersAgain()
        {
            var h = new UaHarness();
            h.Start();
            h.Reply(h.Take(SipMethods.Register), 403, "Forbidden");

            h.Ua.Restart();
            h.Run();

            Assert.AreEqual(SipMethods.Register, h.Take().Method);
        }

        [TestMethod]
        public void ServerErrors_BackOffExponentiallyWithJitterUpToTheCap()
        {
            var h = new UaHarness();
            h.Settings.RetryBaseMilliseconds = 4000;
            h.Settings.RetryCapMilliseconds = 30000;
            h.Start();
            SipMessage register = h.Take(SipMethods.Register);
            long[] expectedCeilings = { 4000, 8000, 16000, 30000, 30000, 30000 };

            for (int i = 0; i < expectedCeilings.Length; i++)
            {
                h.Reply(register, 500, "Server Internal Error");
                long failedAt = h.Now;
                register = h.AdvanceUntilRequest(60000);
                long wait = h.LastTakenTime - failedAt;

                Assert.IsTrue(wait >= expectedCeilings[i] / 2 && wait <= expectedCeilings[i], "wait " + i + " was " + wait + " ms");
                Assert.AreEqual(i + 1, h.Ua.Registration.ConsecutiveFailures);
            }

            h.Reply(register, 200, "OK", "Expires: 3600");
            Assert.AreEqual(0, h.Ua.Registration.ConsecutiveFailures);
            Assert.AreEqual(6, h.CountEvents(UaEventKind.RegistrationFailed));
        }

        [TestMethod]
        public void ServiceUnavailable503_HonoursLongerRetryAfter()
        {
            var h = new UaHarness();
            h.Start();
            h.Reply(h.Take(SipMethods.Register), 503, "Service Unavailable", "Retry-After: 120 (maintenance)");
            long failedAt = h.Now;

            SipMessage retry = h.AdvanceUntilRequest(300000);

            Assert.IsNotNull(retry);
            Assert.AreEqual(120000L, h.LastTakenTime - failedAt);
        }

        [TestMethod]
        public void NoResponse_TimesOutAs408AndRetries()
        {
            var h = new UaHarness();
            h.Start();
            h.Take(SipMethods.Register);

            h.AdvanceBy(32000);

            UaEvent failed = h.FindEvent(UaEventKind.RegistrationFailed);
            Assert.IsNotNull(failed);
            Assert.AreEqual(408, failed.StatusCode);
            Assert.AreEqual(RegistrationState.RetryWait, h.Ua.Registration.State);
        }

        [TestMethod]
        public void ChannelThatCannotOpen_IsAFailureWithBackoff()
        {
            var h = new UaHarness();
            h.Channel.FailOpen = true;

            h.Start();

            Assert.AreEqual(RegistrationState.RetryWait, h.Ua.Registration.State);
            Assert.AreEqual(503, h.FindEvent(UaEventKind.RegistrationFailed).StatusCode);
            h.Channel.FailOpen = false;
            SipMessage register = h.AdvanceUntilRequest(10000);
            Assert.IsNotNull(register);
        }

        [TestMethod]
        public void KeepAlive_Udp_SendsDoubleCrlfEvery25To30SecondsWhileRegistered()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);
            int before = h.Channel.SentCount;

            h.AdvanceBy(300000);

            long last = h.Channel[before - 1].Time;
            int keepAlives = 0;
            for (int i = before; i < h.Channel.SentCount; i++)
            {
                SentData sent = h.Channel[i];
                Assert.IsTrue(sent.IsKeepAlive, "only keep-alives while idle");
                Assert.AreEqual(4, sent.Bytes.Length);
                long gap = sent.Time - last;
                Assert.IsTrue(gap >= 25000 && gap <= 30000, "gap " + gap);
                last = sent.Time;
                keepAlives++;
            }

            Assert.IsTrue(keepAlives >= 10 && keepAlives <= 12, keepAlives + " keep-alives in 5 minutes");
        }

        [TestMethod]
        public void KeepAlive_Tcp_SendsSingleCrlf()
        {
            var h = new UaHarness(SipTransport.Tcp);
            h.StartRegistered(3600);
            int before = h.Channel.SentCount;

            h.AdvanceBy(31000);

            Assert.AreEqual(before + 1, h.Channel.SentCount);
            CollectionAssert.AreEqual(new byte[] { 13, 10 }, h.Channel[before].Bytes);
        }

        [TestMethod]
        public void KeepAlive_NotSentBeforeRegistration()
        {
            var h = new UaHarness();
            h.Start();
            h.Take(SipMethods.Register); // never answered: retransmissions only

            h.AdvanceBy(31000);

            for (int i = 0; i < h.Channel.SentCount; i++)
            {
                Assert.IsFalse(h.Channel[i].IsKeepAlive);
            }
        }

        [TestMethod]
        public void KeepAlive_OtherTrafficPostponesIt()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);
            h.AdvanceBy(20000);
            h.Ua.SendText("sip:alice@simpleim.test", "hi");
            h.Run();
            long messageAt = h.Now;
            h.Reply(h.Take(SipMethods.Message), 202, "Accepted");
            int before = h.Channel.SentCount;

            h.AdvanceBy(24000);

            Assert.AreEqual(before, h.Channel.SentCount);
            h.AdvanceBy(6001);
            Assert.IsTrue(h.Channel[h.Channel.SentCount - 1].IsKeepAlive);
            Assert.IsTrue(h.Channel[h.Channel.SentCount - 1].Time - messageAt >= 25000);
        }

        [TestMethod]
        public void Shutdown_SendsExpiresZeroWithCredentialsThenStops()
        {
            var h = new UaHarness();
            h.Settings.PublishPresence = false;
            h.StartRegistered(3600);

            h.Ua.Shutdown();
            h.Run();
            SipMessage removal = h.Take(SipMethods.Register);
            h.Reply(removal, 200, "OK");

            Assert.AreEqual("0", removal.Headers.Get(SipHeaderNames.Expires));
            Assert.AreEqual("<sip:bob@192.0.2.10:5070>", removal.Headers.Get(SipHeaderNames.Contact));
            Assert.AreEqual("3 REGISTER", removal.Headers.Get(SipHeaderNames.CSeq));
            Assert.IsTrue(removal.Headers.Contains(SipHeaderNames.Authorization));
            Assert.IsTrue(h.Ua.IsStopped);
            Assert.AreEqual(RegistrationState.Unregistered, h.Ua.Registration.State);
            Assert.IsNotNull(h.FindEvent(UaEventKind.Unregistered));
            Assert.IsNotNull(h.FindEvent(UaEventKind.Stopped));
            Assert.IsFalse(h.Channel.IsConnected);
        }

        [TestMethod]
        public void Shutdown_UnansweredRemoval_StopsAtTheShutdownTimeout()
        {
            var h = new UaHarness();
            h.Settings.PublishPresence = false;
            h.StartRegistered(3600);

            h.Ua.Shutdown();
            h.Run();
            h.Take(SipMethods.Register);
            h.AdvanceBy(4999);
            Assert.IsFalse(h.Ua.IsStopped);
            h.AdvanceBy(1);

            Assert.IsTrue(h.Ua.IsStopped);
            Assert.IsTrue(h.Log.Contains("shutdown timed out"));
        }

        [TestMethod]
        public void Shutdown_WhileRegisterInFlight_UnregistersAfterTheAnswer()
        {
            var h = new UaHarness();
            h.Settings.PublishPresence = false;
            h.Start();
            SipMessage register = h.Take(SipMethods.Register);

            h.Ua.Shutdown();
            h.Run();
            Assert.IsFalse(h.HasUntaken());
            h.Reply(register, 200, "OK", "Expires: 3600");
            SipMessage removal = h.Take(SipMethods.Register);

            Assert.AreEqual("0", removal.Headers.Get(SipHeaderNames.Expires));
        }

        [TestMethod]
        public void Shutdown_TcpConnectionLostMeanwhile_StopsAtOnce()
        {
            var h = new UaHarness(SipTransport.Tcp);
            h.StartRegistered(3600);
            h.Ua.Shutdown();
            h.Run();
            h.Take(SipMethods.Register);

            h.Channel.Drop();
            h.Run();

            Assert.IsTrue(h.Ua.IsStopped);
            Assert.IsTrue(h.Log.Contains("the channel went down during shutdown"));
            Assert.AreEqual(1, h.Channel.OpenCount, "no reconnect while stopping");
        }

        [TestMethod]
        public void Shutdown_NeverRegistered_StopsWithoutSending()
        {
            var h = new UaHarness();
            h.Channel.FailOpen = true;
            h.Start();

            h.Ua.Shutdown();
            h.Run();

            Assert.IsTrue(h.Ua.IsStopped);
            Assert.AreEqual(0, h.Channel.SentCount);
        }

        [TestMethod]
        public void TcpConnectionLost_RegistersAgainOnANewConnection()
        {
            var h = new UaHarness(SipTransport.Tcp);
            h.StartRegistered(3600);

            h.Channel.Drop();
            h.Run();
            SipMessage again = h.AdvanceUntilRequest(10000);

            Assert.IsNotNull(again);
            Assert.AreEqual(SipMethods.Register, again.Method);
            Assert.AreEqual(2, h.Channel.OpenCount);
        }

        private static long RefreshDelayWithSeed(uint seed)
        {
            var h = new UaHarness(SipTransport.Udp, new SimpleImGateway.Firmware.Tests.Fakes.MemoryFileStorage(), seed);
            h.Settings.PublishPresence = false;
            h.StartRegistered(3600);
            long registeredAt = h.Now;
            h.AdvanceUntilRequest(3600000);
            return h.LastTakenTime - registeredAt;
        }
    }
}
