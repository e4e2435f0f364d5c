#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Firmware.Tests.Ua.Fakes;
using SimpleImGateway.Firmware.Ua;
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Firmware.Tests.Ua
{
    [TestClass]
    public class PublicationClientTests
    {
        [TestMethod]
        public void Available_AfterRegistration_PublishesPidfOpenWithImServiceAvailable()
        {
            var h = new UaHarness();
            h.Create();
            h.Ua.SetAvailable(true);
            h.StartRegistered(3600);

            SipMessage publish = h.Take(SipMethods.Publish);

            Assert.AreEqual("PUBLISH sip:bob@simpleim.test SIP/2.0", publish.ToString());
            Assert.AreEqual("presence", publish.Headers.Get(SipHeaderNames.Event));
            Assert.AreEqual("3600", publish.Headers.Get(SipHeaderNames.Expires));
            Assert.AreEqual("application/pidf+xml", publish.Headers.Get(SipHeaderNames.ContentType));
            Assert.IsFalse(publish.Headers.Contains(SipHeaderNames.SipIfMatch));
            Assert.IsFalse(publish.Headers.Contains(SipHeaderNames.Authorization), "no credentials for a method the server never challenged");
            PresenceDocument document = PidfReader.Parse(publish.Body, 0, publish.Body.Length);
            Assert.AreEqual("sip:bob@simpleim.test", document.Entity);
            Assert.AreEqual(1, document.TupleCount);
            PresenceTuple tuple = document.GetTuple(0);
            Assert.AreEqual("esp32", tuple.Id);
            Assert.AreEqual(BasicStatus.Open, tuple.Basic);
            Assert.IsTrue(tuple.IsImService);
            Assert.AreEqual(BasicStatus.Open, tuple.Willingness);
            Assert.IsTrue(document.IsAvailableForIm);
        }

        [TestMethod]
        public void Available_BeforeRegistration_WaitsForIt()
        {
            var h = new UaHarness();
            h.Create();
            h.Ua.SetAvailable(true);
            h.Start();

            SipMessage first = h.Take();

            Assert.AreEqual(SipMethods.Register, first.Method);
            Assert.IsFalse(h.HasUntaken());
        }

        [TestMethod]
        public void Unavailable_PublishesNothing()
        {
            var h = new UaHarness();
            h.StartRegistered(3600);

            h.AdvanceBy(60000);

            Assert.IsFalse(h.HasUntaken());
            Assert.AreEqual(PublicationState.Idle, h.Ua.Publication.State);
        }

        [TestMethod]
        public void Published_Refresh_CarriesIfMatchAndNoBodyBeforeExpiry()
        {
            var h = Published(600, "etag-1");
            long publishedAt = h.Now;

            SipMessage refresh = h.AdvanceUntilRequest(600000);

            Assert.AreEqual(SipMethods.Publish, refresh.Method);
            long delay = h.LastTakenTime - publishedAt;
            Assert.IsTrue(delay >= 480000 && delay <= 510000, "refresh after " + delay + " ms");
            Assert.AreEqual("etag-1", refresh.Headers.Get(SipHeaderNames.SipIfMatch));
            Assert.AreEqual(0, refresh.Body.Length);
            Assert.IsFalse(refresh.Headers.Contains(SipHeaderNames.ContentType));
            Assert.AreEqual("presence", refresh.Headers.Get(SipHeaderNames.Event));
            Assert.AreEqual("3600", refresh.Headers.Get(SipHeaderNames.Expires));
        }

        [TestMethod]
        public void Refresh_Ok_KeepsTheNewEntityTag()
        {
            var h = Published(600, "etag-1");
            SipMessage refresh = h.AdvanceUntilRequest(600000);

            h.Reply(refresh, 200, "OK", "SIP-ETag: etag-2", "Expires: 600");
            SipMessage next = h.AdvanceUntilRequest(600000);

            Assert.AreEqual("etag-2", h.Ua.Publication.ETag);
            Assert.AreEqual("etag-2", next.Headers.Get(SipHeaderNames.SipIfMatch));
            Assert.AreEqual(1, h.CountEvents(UaEventKind.Published));
        }

        [TestMethod]
        public void Refresh_ConditionalRequestFailed412_PublishesAfreshWithBody()
        {
            var h = Published(600, "etag-1");
            SipMessage refresh = h.AdvanceUntilRequest(600000);

            h.Reply(refresh, 412, "Conditional Request Failed");
            SipMessage fresh = h.Take(SipMethods.Publish);
            h.Reply(fresh, 200, "OK", "SIP-ETag: etag-9", "Expires: 600");

            Assert.IsFalse(fresh.Headers.Contains(SipHeaderNames.SipIfMatch));
            Assert.AreEqual("application/pidf+xml", fresh.Headers.Get(SipHeaderNames.ContentType));
            Assert.IsTrue(fresh.Body.Length > 0);
            Assert.AreEqual("etag-9", h.Ua.Publication.ETag);
            Assert.AreEqual(0, h.CountEvents(UaEventKind.PublicationFailed));
        }

        [TestMethod]
        public void SetAvailableFalse_RemovesThePublicationWithExpiresZero()
        {
            var h = Published(3600, "etag-1");

            h.Ua.SetAvailable(false);
            h.Run();
            SipMessage removal = h.Take(SipMethods.Publish);
            h.Reply(removal, 200, "OK");

            Assert.AreEqual("0", removal.Headers.Get(SipHeaderNames.Expires));
            Assert.AreEqual("etag-1", removal.Headers.Get(SipHeaderNames.SipIfMatch));
            Assert.AreEqual(0, removal.Body.Length);
            Assert.IsNull(h.Ua.Publication.ETag);
            Assert.AreEqual(PublicationState.Idle, h.Ua.Publication.State);
            Assert.IsNotNull(h.FindEvent(UaEventKind.PublicationRemoved));
            h.AdvanceBy(3600000);
            while (h.HasUntaken())
            {
                Assert.AreEqual(SipMethods.Register, h.Take().Method, "only registration refreshes follow");
            }
        }

        [TestMethod]
        public void SetAvailableFalse_WhilePublishInFlight_RemovesAfterTheAnswer()
        {
            var h = new UaHarness();
            h.Create();
            h.Ua.SetAvailable(true);
            h.StartRegistered(3600);
            SipMessage publish = h.Take(SipMethods.Publish);

            h.Ua.SetAvailable(false);
            h.Run();
            Assert.IsFalse(h.HasUntaken());
            h.Reply(publish, 200, "OK", "SIP-ETag: e1", "Expires: 3600");
            SipMessage removal = h.Take(SipMethods.Publish);

            Assert.AreEqual("0", removal.Headers.Get(SipHeaderNames.Expires));
            Assert.AreEqual("e1", removal.Headers.Get(SipHeaderNames.SipIfMatch));
        }

        [TestMethod]
        public void Shutdown_RemovesThePublicationAndUnregisters()
        {
            var h = Published(3600, "etag-1");

            h.Ua.Shutdown();
            h.Run();
            SipMessage first = h.Take();
            SipMessage second = h.Take();
            SipMessage removal = first.Method == SipMethods.Publish ? first : second;
            SipMessage unregister = first.Method == SipMethods.Register ? first : second;
            h.Reply(removal, 200, "OK");
            Assert.IsFalse(h.Ua.IsStopped);
            h.Reply(unregister, 200, "OK");

            Assert.AreEqual("0", removal.Headers.Get(SipHeaderNames.Expires));
            Assert.AreEqual("etag-1", removal.Headers.Get(SipHeaderNames.SipIfMatch));
            Assert.AreEqual("0", unregister.Headers.Get(SipHeaderNames.Expires));
            Assert.IsTrue(h.Ua.IsStopped);
        }

        [TestMethod]
        public void IntervalTooBrief423_PublishesAgainWithMinExpires()
        {
            var h = new UaHarness();
            h.Create();
            h.Ua.SetAvailable(true);
            h.StartRegistered(3600);

            h.Reply(h.Take(SipMethods.Publish), 423, "Interval Too Brief", "Min-Expires: 7200");
            SipMessage again = h.Take(SipMethods.Publish);

            Assert.AreEqual("7200", again.Headers.Get(SipHeaderNames.Expires));
            Assert.IsTrue(again.Body.Length > 0);
        }

        [TestMethod]
        public void BadEvent489_DisablesPublicationWithoutRetries()
        {
            var h = new UaHarness();
            h.Create();
            h.Ua.SetAvailable(true);
            h.StartRegistered(3600);

            h.Reply(h.Take(SipMethods.Publish), 489, "Bad Event");
            h.AdvanceBy(600000);

            Assert.AreEqual(PublicationState.Disabled, h.Ua.Publication.State);
            Assert.IsFalse(h.HasUntaken());
            Assert.AreEqual(489, h.FindEvent(UaEventKind.PublicationFailed).StatusCode);
        }

        [TestMethod]
        public void ServerError_RetriesAfterBackoff()
        {
            var h = new UaHarness();
            h.Create();
            h.Ua.SetAvailable(true);
            h.StartRegistered(3600);

            h.Reply(h.Take(SipMethods.Publish), 500, "Server Internal Error");
            long failedAt = h.Now;
            SipMessage retry = h.AdvanceUntilRequest(10000);

            Assert.AreEqual(SipMethods.Publish, retry.Method);
            Assert.IsTrue(h.LastTakenTime - failedAt >= 2000 && h.LastTakenTime - failedAt <= 4000);
            Assert.IsTrue(retry.Body.Length > 0);
        }

        [TestMethod]
        public void Challenge401_PublishRetriedWithCredentials()
        {
            var h = new UaHarness();
            h.Create();
            h.Ua.SetAvailable(true);
            h.StartRegistered(3600);
            SipMessage publish = h.Take(SipMethods.Publish);

            h.Reply(publish, 401, "Unauthorized", UaHarness.Challenge("pubnonce", "MD5", false));
            SipMessage again = h.Take(SipMethods.Publish);

            Assert.AreEqual(publish.CallId, again.CallId);
            Assert.IsTrue(again.Headers.Get(SipHeaderNames.Authorization).IndexOf("nonce=\"pubnonce\"") > 0);
            Assert.IsTrue(again.Body.Length > 0);
            h.Reply(again, 200, "OK", "SIP-ETag: e1", "Expires: 600");
            SipMessage refresh = h.AdvanceUntilRequest(600000);
            Assert.AreEqual(SipMethods.Publish, refresh.Method);
            Assert.IsTrue(refresh.Headers.Get(SipHeaderNames.Authorization).IndexOf("nonce=\"pubnonce\", uri=\"sip:bob@simpleim.test\"") > 0, "credentials up front once PUBLISH was challenged");
        }

        private static UaHarness Published(int expires, string etag)
        {
            var h = new UaHarness();
            h.Create();
            h.Ua.SetAvailable(true);
            h.StartRegistered(3600);
            h.Reply(h.Take(SipMethods.Publish), 200, "OK", "SIP-ETag: " + etag, "Expires: " + expires);
            Assert.AreEqual(PublicationState.Published, h.Ua.Publication.State);
            return h;
        }
    }
}
