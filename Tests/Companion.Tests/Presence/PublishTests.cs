using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.TestSupport;
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Message;
using static SimpleImGateway.Companion.Tests.Presence.PresenceTestServer;

namespace SimpleImGateway.Companion.Tests.Presence
{
    /// <summary>PUBLISH (RFC 3903) through real loopback sockets.</summary>
    [TestClass]
    public sealed class PublishTests
    {
        private PresenceTestServer _server = null!;
        private TestUserAgent _bob = null!;

        [TestInitialize]
        public async Task StartAsync()
        {
            _server = await PresenceTestServer.StartAsync(o => { o.MinExpires = 30; o.MaxExpires = 900; o.DefaultExpires = 300; });
            _bob = TestUserAgent.Start(Bob);
        }

        [TestCleanup]
        public async Task StopAsync()
        {
            await _bob.DisposeAsync();
            await _server.DisposeAsync();
        }

        [TestMethod]
        public async Task InitialPublish_Pidf_200WithETagAndGrantedExpires()
        {
            SipMessage response = await _server.PublishAsync(_bob, Pidf(Bob, open: true), expires: 600);

            Assert.AreEqual(200, response.StatusCode, response.ReasonPhrase);
            Assert.AreEqual("600", response.Headers.Get(SipHeaderNames.Expires));
            string etag = response.Headers.Get(SipHeaderNames.SipETag)!;
            Assert.IsFalse(string.IsNullOrEmpty(etag));
            await _server.Element.FlushAsync();
            PresencePublication? stored = await _server.Store.GetPublicationAsync(etag);
            Assert.IsNotNull(stored);
            Assert.AreEqual(Bob, stored.Presentity);
        }

        [TestMethod]
        public async Task InitialPublish_ExpiresAboveMax_CappedAtMax()
        {
            SipMessage response = await _server.PublishAsync(_bob, Pidf(Bob, open: true), expires: 100_000);

            Assert.AreEqual(200, response.StatusCode);
            Assert.AreEqual("900", response.Headers.Get(SipHeaderNames.Expires));
        }

        [TestMethod]
        public async Task InitialPublish_NoExpires_GetsTheDefault()
        {
            SipMessage response = await _server.PublishAsync(_bob, Pidf(Bob, open: true), expires: null);

            Assert.AreEqual(200, response.StatusCode);
            Assert.AreEqual("300", response.Headers.Get(SipHeaderNames.Expires));
        }

        [TestMethod]
        public async Task Publish_ExpiresBelowMin_423WithMinExpires()
        {
            SipMessage response = await _server.PublishAsync(_bob, Pidf(Bob, open: true), expires: 5);

            Assert.AreEqual(423, response.StatusCode);
            Assert.AreEqual("30", response.Headers.Get(SipHeaderNames.MinExpires));
        }

        [TestMethod]
        public async Task Refresh_IfMatchNoBody_NewETagReplacesTheOldOneWithoutDuplicate()
        {
            string first = (await _server.PublishAsync(_bob, Pidf(Bob, open: true))).Headers.Get(SipHeaderNames.SipETag)!;

            SipMessage refresh = await _server.PublishAsync(_bob, null, expires: 600, ifMatch: first);

            Assert.AreEqual(200, refresh.StatusCode, refresh.ReasonPhrase);
            string second = refresh.Headers.Get(SipHeaderNames.SipETag)!;
            Assert.AreNotEqual(first, second);
            await _server.Element.FlushAsync();
            var live = await _server.Store.ListPublicationsAsync(Bob, "presence", System.DateTimeOffset.UtcNow);
            CollectionAssert.AreEqual(new[] { second }, live.Select(p => p.ETag).ToArray());
            Assert.AreEqual(412, (await _server.PublishAsync(_bob, null, expires: 600, ifMatch: first)).StatusCode);
        }

        [TestMethod]
        public async Task Modify_IfMatchWithBody_WatcherSeesTheNewState()
        {
            await _server.RegisterAsync(_bob, Bob, 600);
            string etag = (await _server.PublishAsync(_bob, Pidf(Bob, open: false))).Headers.Get(SipHeaderNames.SipETag)!;
            var (_, _, first) = await _server.SubscribeAsync(_bob, Bob);
            Assert.IsFalse(IsOpen(first!));

            SipMessage modify = await _server.PublishAsync(_bob, Pidf(Bob, open: true), ifMatch: etag);

            Assert.AreEqual(200, modify.StatusCode, modify.ReasonPhrase);
            Assert.AreNotEqual(etag, modify.Headers.Get(SipHeaderNames.SipETag));
            Assert.IsTrue(IsOpen(await _bob.NextRequestAsync(SipMethods.Notify)));
        }

        [TestMethod]
        public async Task Remove_ExpiresZero_200AndTheStateIsGone()
        {
            await _server.RegisterAsync(_bob, Bob, 600);
            string etag = (await _server.PublishAsync(_bob, Pidf(Bob, open: true))).Headers.Get(SipHeaderNames.SipETag)!;
            var (_, _, first) = await _server.SubscribeAsync(_bob, Bob);
            Assert.IsTrue(IsOpen(first!));

            SipMessage remove = await _server.PublishAsync(_bob, null, expires: 0, ifMatch: etag);

            Assert.AreEqual(200, remove.StatusCode, remove.ReasonPhrase);
            Assert.AreEqual("0", remove.Headers.Get(SipHeaderNames.Expires));
            Assert.IsFalse(IsOpen(await _bob.NextRequestAsync(SipMethods.Notify)));
            await _server.Element.FlushAsync();
            Assert.IsNull(await _server.Store.GetPublicationAsync(etag));
        }

        [TestMethod]
        public async Task Publish_UnknownETag_412()
        {
            SipMessage response = await _server.PublishAsync(_bob, null, expires: 600, ifMatch: "no-such-tag");

            Assert.AreEqual(412, response.StatusCode);
        }

        [TestMethod]
        public async Task Publish_UnknownEvent_489WithAllowEvents()
        {
            SipMessage publish = _server.CreatePublish(_bob, Pidf(Bob, open: true), eventType: "dialog");

            SipMessage response = await _bob.SendAsync(publish, _server.EndPoint);

            Assert.AreEqual(489, response.StatusCode);
            Assert.AreEqual("presence", response.Headers.Get(SipHeaderNames.AllowEvents));
        }

        [TestMethod]
        public async Task Publish_NoEventHeader_489()
        {
            SipMessage publish = _server.CreatePublish(_bob, Pidf(Bob, open: true));
            publish.Headers.Remove(SipHeaderNames.Event);

            Assert.AreEqual(489, (await _bob.SendAsync(publish, _server.EndPoint)).StatusCode);
        }

        [TestMethod]
        public async Task Publish_BodyNotPidf_415WithAccept()
        {
            SipMessage publish = _server.CreatePublish(_bob, Encoding.UTF8.GetBytes("hello"), contentType: "text/plain");

            SipMessage response = await _bob.SendAsync(publish, _server.EndPoint);

            Assert.AreEqual(415, response.StatusCode);
            Assert.AreEqual("application/pidf+xml", response.Headers.Get(SipHeaderNames.Accept));
        }

        [TestMethod]
        public async Task Publish_MalformedPidf_400WithTheReaderReason()
        {
            byte[] body = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\"><tuple id=\"a\"><status><basic>open</basic></status></tuple></presence>");
            string expectedReason;
            try
            {
                PidfReader.Parse(body, 0, body.Length);
                Assert.Fail("the document was meant to be invalid");
                return;
            }
            catch (SipParseException e)
            {
                expectedReason = e.Reason;
            }

            SipMessage response = await _bob.SendAsync(_server.CreatePublish(_bob, body), _server.EndPoint);

            Assert.AreEqual(400, response.StatusCode);
            Assert.AreEqual("Malformed PIDF: " + expectedReason, response.ReasonPhrase);
        }

        [TestMethod]
        public async Task Publish_NotWellFormedXml_400AndNothingStored()
        {
            SipMessage response = await _bob.SendAsync(_server.CreatePublish(_bob, Encoding.UTF8.GetBytes("<presence")), _server.EndPoint);

            Assert.AreEqual(400, response.StatusCode);
            StringAssert.StartsWith(response.ReasonPhrase, "Malformed PIDF: ");
            await _server.Element.FlushAsync();
            Assert.AreEqual(0, (await _server.Store.ListAllPublicationsAsync(System.DateTimeOffset.UtcNow)).Count);
        }

        [TestMethod]
        public async Task InitialPublish_NoBody_400()
        {
            Assert.AreEqual(400, (await _server.PublishAsync(_bob, null)).StatusCode);
        }

        [TestMethod]
        public async Task InitialPublish_ExpiresZeroWithoutIfMatch_400()
        {
            Assert.AreEqual(400, (await _server.PublishAsync(_bob, Pidf(Bob, open: true), expires: 0)).StatusCode);
        }

        [TestMethod]
        public async Task Publish_ForSomeoneElse_403()
        {
            await using TestUserAgent tom = TestUserAgent.Start(Tom);
            SipMessage publish = _server.CreatePublish(tom, Pidf(Bob, open: true));
            publish.RequestUri = Bob;
            publish.Headers.Set(SipHeaderNames.To, $"<{Bob}>");

            Assert.AreEqual(403, (await tom.SendAsync(publish, _server.EndPoint)).StatusCode);
        }

        [TestMethod]
        public async Task TwoPublications_ComposedIntoOneDocumentWithBothTuples()
        {
            await _server.RegisterAsync(_bob, Bob, 600);
            await _server.PublishAsync(_bob, Pidf(Bob, open: true, tupleId: "phone"));
            await _server.PublishAsync(_bob, Pidf(Bob, open: false, tupleId: "laptop"));

            var (_, _, notify) = await _server.SubscribeAsync(_bob, Bob);

            PresenceDocument document = Document(notify!);
            Assert.AreEqual(Bob, document.Entity);
            Assert.AreEqual(2, document.TupleCount);
            Assert.AreEqual(BasicStatus.Open, document.FindTuple("phone").Basic);
            Assert.AreEqual(BasicStatus.Closed, document.FindTuple("laptop").Basic);
        }

        [TestMethod]
        public async Task Publication_Expires_WatcherGetsClosed()
        {
            await using PresenceTestServer server = await PresenceTestServer.StartAsync();
            await server.RegisterAsync(_bob, Bob, 600);
            await server.PublishAsync(_bob, Pidf(Bob, open: true), expires: 1);
            var (_, _, first) = await server.SubscribeAsync(_bob, Bob);
            Assert.IsTrue(IsOpen(first!));

            SipMessage after = await _bob.NextRequestAsync(SipMethods.Notify);

            Assert.IsFalse(IsOpen(after));
            await server.Element.FlushAsync();
            Assert.AreEqual(0, (await server.Store.ListAllPublicationsAsync(System.DateTimeOffset.UtcNow)).Count);
        }

        [TestMethod]
        public async Task Publish_ViaTheCore_PresentityFromToAndResponseBackThroughTheCore()
        {
            await using TestUserAgent core = TestUserAgent.Start("sip:core@simpleim.test");
            SipMessage publish = _server.CreatePublish(_bob, Pidf(Bob, open: true));
            _bob.AddVia(publish);
            publish.RequestUri = $"sip:{_server.EndPoint}"; // the Core forwarded it to this server's address

            SipMessage response = await core.SendAsync(publish, _server.EndPoint);

            Assert.AreEqual(200, response.StatusCode, response.ReasonPhrase);
            Assert.AreEqual(2, response.Headers.CountOf(SipHeaderNames.Via));
            await _server.Element.FlushAsync();
            Assert.AreEqual(Bob, (await _server.Store.GetPublicationAsync(response.Headers.Get(SipHeaderNames.SipETag)!))!.Presentity);
        }

        [TestMethod]
        public async Task UnsupportedMethod_405WithAllow()
        {
            SipMessage response = await _bob.SendAsync(_bob.CreateRequest(SipMethods.Message, Bob), _server.EndPoint);

            Assert.AreEqual(405, response.StatusCode);
            CollectionAssert.AreEqual(new[] { "PUBLISH", "SUBSCRIBE", "REGISTER", "OPTIONS" }, response.Headers.GetAll(SipHeaderNames.Allow));
        }

        [TestMethod]
        public async Task RequireOfAnExtension_420WithUnsupported()
        {
            SipMessage publish = _server.CreatePublish(_bob, Pidf(Bob, open: true));
            publish.Headers.Add(SipHeaderNames.Require, "100rel");

            SipMessage response = await _bob.SendAsync(publish, _server.EndPoint);

            Assert.AreEqual(420, response.StatusCode);
            Assert.AreEqual("100rel", response.Headers.Get(SipHeaderNames.Unsupported));
        }
    }
}
