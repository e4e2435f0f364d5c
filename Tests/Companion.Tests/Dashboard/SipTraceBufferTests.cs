using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Dashboard.Tracing;
using SimpleImGateway.Companion.Transport;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Tests.Dashboard
{
    [TestClass]
    public sealed class SipTraceBufferTests
    {
        private const string CoreAddress = "127.0.0.1:5060";
        private const string PresenceAddress = "127.0.0.1:5070";
        private static readonly DateTimeOffset s_t0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
        private static readonly SipEndPoint s_bob = new("127.0.0.1", 5062, SipTransportType.Udp);
        private static readonly SipEndPoint s_presence = new("127.0.0.1", 5070, SipTransportType.Udp);
        private static readonly SipEndPoint s_core = new("127.0.0.1", 5060, SipTransportType.Udp);

        [TestMethod]
        public void Record_MoreThanCapacity_KeepsTheNewestInOrderAndNumbersOn()
        {
            var buffer = new SipTraceBuffer(capacity: 5);

            for (int i = 1; i <= 12; i++)
            {
                buffer.Record(In(Request("OPTIONS", "c" + i), s_bob));
            }

            Assert.AreEqual(12, buffer.LastSequence);
            CollectionAssert.AreEqual(new long[] { 8, 9, 10, 11, 12 }, buffer.Snapshot().Select(e => e.Sequence).ToArray());
            CollectionAssert.AreEqual(new[] { "c8", "c9", "c10", "c11", "c12" }, buffer.Snapshot().Select(e => e.CallId).ToArray());
        }

        [TestMethod]
        public void Snapshot_After_ReturnsOnlyNewerEntries()
        {
            var buffer = new SipTraceBuffer(capacity: 10);
            for (int i = 1; i <= 4; i++)
            {
                buffer.Record(In(Request("OPTIONS", "c" + i), s_bob));
            }

            CollectionAssert.AreEqual(new long[] { 3, 4 }, buffer.Snapshot(after: 2).Select(e => e.Sequence).ToArray());
            Assert.AreEqual(0, buffer.Snapshot(after: 4).Count);
            Assert.AreEqual(0, buffer.Snapshot(after: 99).Count);
        }

        [TestMethod]
        public void Record_RequestFromDevice_NamesItsAddressAfterTheUserFromThenOn()
        {
            var buffer = new SipTraceBuffer();
            buffer.AddElement("core", CoreAddress, local: true);

            buffer.Record(In(Request("REGISTER", "r1"), s_bob));
            buffer.Record(Out(Response(Request("REGISTER", "r1"), 200, "OK"), s_bob));

            LadderEntry[] entries = buffer.Snapshot().ToArray();
            Assert.AreEqual("bob", entries[0].From);
            Assert.AreEqual("core", entries[0].To);
            Assert.AreEqual("127.0.0.1:5062", entries[0].FromAddress);
            Assert.AreEqual(CoreAddress, entries[0].ToAddress);
            Assert.AreEqual("in", entries[0].Direction);
            Assert.AreEqual("core", entries[1].From);
            Assert.AreEqual("bob", entries[1].To);
            Assert.AreEqual("out", entries[1].Direction);
            Assert.AreEqual("200 OK", entries[1].Label);
            Assert.AreEqual("REGISTER", entries[1].Method);
            Assert.AreEqual(200, entries[1].Status);
            Assert.AreEqual("2 REGISTER", entries[1].CSeq);
        }

        [TestMethod]
        public void Record_MessageBetweenTwoLocalElements_IsRecordedOnceFromTheSender()
        {
            var buffer = new SipTraceBuffer();
            buffer.AddElement("core", CoreAddress, local: true);
            buffer.AddElement("presence", PresenceAddress, local: true);
            SipMessage register = Request("REGISTER", "third-party");

            buffer.Record(Out(register, s_presence, element: "core", local: CoreAddress));
            buffer.Record(In(register, s_core, element: "presence", local: PresenceAddress));

            LadderEntry only = buffer.Snapshot().Single();
            Assert.AreEqual("core", only.From);
            Assert.AreEqual("presence", only.To);
            Assert.AreEqual(1, buffer.Duplicates);
        }

        [TestMethod]
        public void Record_RemoteElement_IsNamedButItsMessagesAreKept()
        {
            // Role presence: the Core runs elsewhere; what arrives from it is not recorded by anyone else.
            var buffer = new SipTraceBuffer();
            buffer.AddElement("core", CoreAddress, local: false);

            buffer.Record(In(Request("PUBLISH", "p1"), s_core, element: "presence", local: PresenceAddress));

            LadderEntry entry = buffer.Snapshot().Single();
            Assert.AreEqual("core", entry.From, "a known element keeps its name even though the request's From is bob");
            Assert.AreEqual(0, buffer.Duplicates);
        }

        [TestMethod]
        public void Record_Register2xxWithContact_IsTheLastRegistrationOfTheAor()
        {
            var buffer = new SipTraceBuffer();
            SipMessage register = Request("REGISTER", "r1");
            SipMessage ok = Response(register, 200, "OK");
            ok.Headers.Add(SipHeaderNames.Contact, "<sip:bob@127.0.0.1:5062>;expires=3600");

            buffer.Record(Out(Response(register, 401, "Unauthorized"), s_bob, at: s_t0));
            Assert.IsNull(buffer.LastRegistration("sip:bob@simpleim.test"), "a challenge is no registration");
            buffer.Record(Out(ok, s_bob, at: s_t0.AddSeconds(1)));
            buffer.Record(Out(Response(register, 200, "OK"), s_bob, at: s_t0.AddSeconds(2)));

            Assert.AreEqual(s_t0.AddSeconds(1), buffer.LastRegistration("sip:bob@SIMPLEIM.test"), "an unregister's 200 without contacts does not count");
            Assert.IsNull(buffer.LastRegistration("sip:tom@simpleim.test"));
        }

        [TestMethod]
        public void Record_Publish_SummarizesUsersEventExpiryAndPidfState()
        {
            var buffer = new SipTraceBuffer();
            SipMessage publish = Request("PUBLISH", "p1");
            publish.Headers.Add(SipHeaderNames.Event, "presence");
            publish.Headers.Add(SipHeaderNames.Expires, "3600");
            publish.Headers.Add(SipHeaderNames.ContentType, "application/pidf+xml");
            publish.Body = Sip.Bodies.Pidf.PidfWriter.Write(
                Sip.Bodies.Pidf.PresenceDocument.CreateForDevice("sip:bob@simpleim.test", "t1", true, true, null, null));

            buffer.Record(In(publish, s_bob));

            Assert.AreEqual(
                $"bob → bob · Event presence · Expires 3600 · application/pidf+xml {publish.Body.Length} B (open, available for IM)",
                buffer.Snapshot().Single().Summary);
        }

        [TestMethod]
        public void Record_NotifyResponseAndBrokenBody_SummarizeWithoutThrowing()
        {
            var buffer = new SipTraceBuffer();
            SipMessage notify = Request("NOTIFY", "n1");
            notify.Headers.Add(SipHeaderNames.SubscriptionState, "active;expires=599");
            notify.Headers.Add(SipHeaderNames.ContentType, "application/pidf+xml");
            notify.Body = Encoding.UTF8.GetBytes("<presence");
            SipMessage accepted = Response(Request("MESSAGE", "m1"), 202, "Accepted");
            accepted.Headers.Set(SipHeaderNames.CSeq, "not a cseq");

            buffer.Record(Out(notify, s_bob));
            buffer.Record(Out(accepted, s_bob));

            LadderEntry[] entries = buffer.Snapshot().ToArray();
            Assert.AreEqual("bob → bob · State active;expires=599 · application/pidf+xml 9 B (unreadable PIDF)", entries[0].Summary);
            Assert.AreEqual("202 Accepted", entries[1].Label);
            Assert.IsNull(entries[1].Method, "a CSeq that cannot be read gives no method");
            Assert.AreEqual(0, buffer.Failures);
        }

        [TestMethod]
        public void Record_LongSummary_IsCut()
        {
            var buffer = new SipTraceBuffer();
            SipMessage subscribe = Request("SUBSCRIBE", "s1");
            subscribe.Headers.Add(SipHeaderNames.Event, "presence;" + new string('x', 400));

            buffer.Record(In(subscribe, s_bob));

            string summary = buffer.Snapshot().Single().Summary;
            Assert.AreEqual(160, summary.Length);
            StringAssert.EndsWith(summary, "…");
        }

        [TestMethod]
        public async Task Record_ConcurrentElements_KeepsSequenceDenseAndBufferBounded()
        {
            var buffer = new SipTraceBuffer(capacity: 100);

            await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
            {
                for (int i = 0; i < 500; i++)
                {
                    buffer.Record(In(Request("MESSAGE", $"t{thread}-{i}"), new SipEndPoint("127.0.0.1", 6000 + thread, SipTransportType.Udp)));
                }
            })));

            Assert.AreEqual(2000, buffer.LastSequence);
            CollectionAssert.AreEqual(Enumerable.Range(1901, 100).Select(i => (long)i).ToArray(), buffer.Snapshot().Select(e => e.Sequence).ToArray());
        }

        private static SipMessage Request(string method, string callId)
        {
            SipMessage request = SipMessage.CreateRequest(method, "sip:bob@simpleim.test");
            request.Headers.Add(SipHeaderNames.Via, "SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK" + callId);
            request.Headers.Add(SipHeaderNames.From, "<sip:bob@simpleim.test>;tag=1");
            request.Headers.Add(SipHeaderNames.To, "<sip:bob@simpleim.test>");
            request.Headers.Add(SipHeaderNames.CallId, callId);
            request.Headers.Add(SipHeaderNames.CSeq, "2 " + method);
            return request;
        }

        private static SipMessage Response(SipMessage request, int status, string reason) => SipResponseBuilder.Create(request, status, reason);

        private static SipTraceEvent In(SipMessage message, SipEndPoint peer, string element = "core", string local = CoreAddress) =>
            new(element, false, message, peer, local, s_t0);

        private static SipTraceEvent Out(SipMessage message, SipEndPoint peer, string element = "core", string local = CoreAddress, DateTimeOffset? at = null) =>
            new(element, true, message, peer, local, at ?? s_t0);
    }
}
