using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Cli;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Support;
using SimpleImGateway.Companion.Tests.TestSupport;
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Message;
using static SimpleImGateway.Companion.Tests.Presence.PresenceTestServer;

namespace SimpleImGateway.Companion.Tests.Presence
{
    /// <summary>Watcher authorization: rules, trusted application servers, and rule changes on live subscriptions.</summary>
    [TestClass]
    public sealed class AuthorizationTests
    {
        private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

        private PresenceTestServer _server = null!;
        private TestUserAgent _bob = null!;
        private TestUserAgent _tom = null!;

        [TestInitialize]
        public async Task StartAsync()
        {
            _server = await PresenceTestServer.StartAsync();
            _bob = TestUserAgent.Start(Bob);
            _tom = TestUserAgent.Start(Tom);
            await _server.RegisterAsync(_bob, Bob, 600);
            await _server.PublishAsync(_bob, Pidf(Bob, open: true));
        }

        [TestCleanup]
        public async Task StopAsync()
        {
            await _bob.DisposeAsync();
            await _tom.DisposeAsync();
            await _server.DisposeAsync();
        }

        [TestMethod]
        public async Task UnknownWatcher_PendingNotifyWithoutState()
        {
            var (_, response, notify) = await _server.SubscribeAsync(_tom, Bob);

            Assert.AreEqual(200, response.StatusCode);
            Assert.IsTrue(State(notify!).IsPending);
            Assert.AreEqual(0, notify!.Body.Length);
            Assert.IsNull(notify.Headers.Get(SipHeaderNames.ContentType));
        }

        [TestMethod]
        public async Task PendingWatcher_NeverReceivesStateChanges()
        {
            await _server.SubscribeAsync(_tom, Bob);

            await _server.PublishAsync(_bob, Pidf(Bob, open: false, tupleId: "t2"));

            Assert.IsNull(await _tom.TryNextRequestAsync(SipMethods.Notify, Quiet));
        }

        [TestMethod]
        public async Task AllowedWatcher_ActiveWithTheState()
        {
            await _server.Element.SetWatcherRuleAsync(Bob, Tom, WatcherDecision.Allow);

            var (_, _, notify) = await _server.SubscribeAsync(_tom, Bob);

            Assert.IsTrue(State(notify!).IsActive);
            Assert.IsTrue(IsOpen(notify!));
        }

        [TestMethod]
        public async Task BlockedWatcher_SubscribeRejected403()
        {
            await _server.Element.SetWatcherRuleAsync(Bob, Tom, WatcherDecision.Block);

            var (_, response, _) = await _server.SubscribeAsync(_tom, Bob);

            Assert.AreEqual(403, response.StatusCode);
            Assert.AreEqual(0, await _server.SubscriptionCountAsync());
        }

        [TestMethod]
        public async Task PoliteBlockedWatcher_ActiveButOnlyEverSeesClosed()
        {
            await _server.Element.SetWatcherRuleAsync(Bob, Tom, WatcherDecision.PoliteBlock);

            var (_, response, notify) = await _server.SubscribeAsync(_tom, Bob);

            Assert.AreEqual(200, response.StatusCode);
            Assert.IsTrue(State(notify!).IsActive);
            PresenceDocument document = Document(notify!);
            Assert.AreEqual(1, document.TupleCount);
            Assert.AreEqual(BasicStatus.Closed, document.GetTuple(0).Basic);
            Assert.AreEqual(0, document.NoteCount);
            CollectionAssert.AreEqual(PidfWriter.Write(ClosedDocument()), notify!.Body);
        }

        [TestMethod]
        public async Task TrustedApplicationServer_AllowedWithoutRule()
        {
            await using TestUserAgent im = TestUserAgent.Start(ImServer);

            var (_, _, notify) = await _server.SubscribeAsync(im, Bob);

            Assert.IsTrue(State(notify!).IsActive);
            Assert.IsTrue(IsOpen(notify!));
        }

        [TestMethod]
        public async Task TrustedApplicationServer_AllowedEvenWhenARuleBlocksIt()
        {
            await using TestUserAgent im = TestUserAgent.Start(ImServer);
            await _server.Element.SetWatcherRuleAsync(Bob, ImServer, WatcherDecision.Block);

            var (_, response, notify) = await _server.SubscribeAsync(im, Bob);

            Assert.AreEqual(200, response.StatusCode);
            Assert.IsTrue(IsOpen(notify!));
        }

        [TestMethod]
        public async Task ConfiguredTrustedWatcher_ReplacesTheDefault()
        {
            await using PresenceTestServer server = await PresenceTestServer.StartAsync(o => o.TrustedWatchers = ["sip:im@as.simpleim.test"]);
            await using TestUserAgent defaultIm = TestUserAgent.Start(ImServer);
            await using TestUserAgent configuredIm = TestUserAgent.Start("sip:im@as.simpleim.test");

            Assert.IsTrue(State((await server.SubscribeAsync(configuredIm, Bob)).Notify!).IsActive);
            Assert.IsTrue(State((await server.SubscribeAsync(defaultIm, Bob)).Notify!).IsPending);
        }

        [TestMethod]
        public async Task RuleChange_PendingToAllow_ActiveNotifyWithState()
        {
            await _server.SubscribeAsync(_tom, Bob);

            await _server.Element.SetWatcherRuleAsync(Bob, Tom, WatcherDecision.Allow);

            SipMessage notify = await _tom.NextRequestAsync(SipMethods.Notify);
            Assert.IsTrue(State(notify).IsActive);
            Assert.IsTrue(IsOpen(notify));
        }

        [TestMethod]
        public async Task RuleChange_ActiveToBlock_TerminatedRejectedWithoutState()
        {
            await _server.Element.SetWatcherRuleAsync(Bob, Tom, WatcherDecision.Allow);
            await _server.SubscribeAsync(_tom, Bob);

            await _server.Element.SetWatcherRuleAsync(Bob, Tom, WatcherDecision.Block);

            SipMessage notify = await _tom.NextRequestAsync(SipMethods.Notify);
            Assert.AreEqual("terminated;reason=rejected", notify.Headers.Get(SipHeaderNames.SubscriptionState));
            Assert.AreEqual(0, notify.Body.Length);
            Assert.AreEqual(0, await _server.SubscriptionCountAsync());
        }

        [TestMethod]
        public async Task RuleChange_AllowToPoliteBlock_NextNotifyIsClosed()
        {
            await _server.Element.SetWatcherRuleAsync(Bob, Tom, WatcherDecision.Allow);
            await _server.SubscribeAsync(_tom, Bob);

            await _server.Element.SetWatcherRuleAsync(Bob, Tom, WatcherDecision.PoliteBlock);

            SipMessage notify = await _tom.NextRequestAsync(SipMethods.Notify);
            Assert.IsTrue(State(notify).IsActive);
            Assert.IsFalse(IsOpen(notify));
        }

        [TestMethod]
        public async Task RuleRemoved_ActiveBecomesPendingWithoutState()
        {
            await _server.Element.SetWatcherRuleAsync(Bob, Tom, WatcherDecision.Allow);
            await _server.SubscribeAsync(_tom, Bob);

            await _server.Element.SetWatcherRuleAsync(Bob, Tom, null);

            SipMessage notify = await _tom.NextRequestAsync(SipMethods.Notify);
            Assert.IsTrue(State(notify).IsPending);
            Assert.AreEqual(0, notify.Body.Length);
        }

        [TestMethod]
        public async Task CliAllow_OnTheServersDataDirectory_PendingWatcherBecomesActive()
        {
            await _server.SubscribeAsync(_tom, Bob);
            string dataDir = Path.GetDirectoryName(_server.Database.DatabasePath)!;

            CliResult result = await CliRunner.RunAsync("watchers", "allow", Bob, Tom, "--data-dir", dataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            SipMessage notify = await _tom.NextRequestAsync(SipMethods.Notify);
            Assert.IsTrue(State(notify).IsActive);
            Assert.IsTrue(IsOpen(notify));
        }

        [TestMethod]
        public async Task CliBlock_OnTheServersDataDirectory_ActiveWatcherIsTerminated()
        {
            await _server.Element.SetWatcherRuleAsync(Bob, Tom, WatcherDecision.Allow);
            await _server.SubscribeAsync(_tom, Bob);
            string dataDir = Path.GetDirectoryName(_server.Database.DatabasePath)!;

            CliResult result = await CliRunner.RunAsync("watchers", "block", Bob, Tom, "--data-dir", dataDir);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            SipMessage notify = await _tom.NextRequestAsync(SipMethods.Notify);
            Assert.AreEqual("terminated;reason=rejected", notify.Headers.Get(SipHeaderNames.SubscriptionState));
        }

        private static PresenceDocument ClosedDocument() => SimpleImGateway.Companion.Presence.PresencePackage.ClosedDocument(Bob);
    }
}
