using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Tests.Storage
{
    /// <summary>What every <see cref="IPresenceStore"/> must do.</summary>
    public abstract class PresenceStoreContract : StoreContractTestBase
    {
        private const string Bob = "sip:bob@simpleim.test";
        private const string Tom = "sip:tom@simpleim.test";
        private const string Im = "sip:im.simpleim.test";

        private static PresencePublication Publication(string etag, string presentity = Bob, int expiresInSeconds = 3600, int publishedSecond = 0, string text = "<presence/>") => new()
        {
            ETag = etag,
            Presentity = presentity,
            EventPackage = "presence",
            ExpiresAt = T0.AddSeconds(expiresInSeconds),
            ContentType = "application/pidf+xml",
            Body = Encoding.UTF8.GetBytes(text),
            PublishedAt = T0.AddSeconds(publishedSecond),
        };

        private static SubscriptionKey Key(string callId, string eventPackage = "presence", string eventId = "") =>
            new(new DialogId(callId, "local-" + callId, "remote-" + callId), eventPackage, eventId);

        private static PresenceSubscription Subscription(SubscriptionKey key, string watcher = Tom, string presentity = Bob, int expiresInSeconds = 3600) => new()
        {
            Key = key,
            Watcher = watcher,
            Presentity = presentity,
            ExpiresAt = T0.AddSeconds(expiresInSeconds),
            State = SubscriptionState.Active,
            RouteSet = ["<sip:core.simpleim.test;lr>"],
            RemoteTarget = "sip:tom@192.0.2.7:5062",
            LocalCSeq = 1,
            RemoteCSeq = 1,
            Version = 4,
        };

        private static PresenceRegistration Registration(string aor = Bob, int expiresInSeconds = 600, long cseq = 7) => new()
        {
            Aor = aor,
            Contact = "sip:127.0.0.1:5060",
            ExpiresAt = T0.AddSeconds(expiresInSeconds),
            RegisteredAt = T0.AddSeconds(-30),
            CallId = "reg-" + aor,
            CSeq = cseq,
        };

        private static void AssertSame(PresencePublication expected, PresencePublication? actual)
        {
            Assert.IsNotNull(actual);
            Assert.AreEqual(expected with { Body = [] }, actual with { Body = [] });
            CollectionAssert.AreEqual(expected.Body, actual.Body);
        }

        private static void AssertSame(PresenceSubscription expected, PresenceSubscription? actual)
        {
            Assert.IsNotNull(actual);
            Assert.AreEqual(expected with { RouteSet = [] }, actual with { RouteSet = [] });
            CollectionAssert.AreEqual(expected.RouteSet.ToArray(), actual.RouteSet.ToArray());
        }

        private static string[] ETags(IEnumerable<PresencePublication> publications) => publications.Select(p => p.ETag).ToArray();

        private static string[] CallIds(IEnumerable<PresenceSubscription> subscriptions) => subscriptions.Select(s => s.Key.Dialog.CallId).ToArray();

        [TestMethod]
        public async Task AddPublication_ThenGet_ReturnsEveryField()
        {
            PresencePublication publication = Publication("e1", text: "<presence entity=\"sip:bob@simpleim.test\"><tuple id=\"t1\"/></presence>");

            Assert.IsTrue(await Storage.Presence.AddPublicationAsync(publication));

            AssertSame(publication, await Storage.Presence.GetPublicationAsync("e1"));
        }

        [TestMethod]
        public async Task AddPublication_ETagInUse_ReturnsFalseAndKeepsTheFirst()
        {
            await Storage.Presence.AddPublicationAsync(Publication("e1", text: "first"));

            Assert.IsFalse(await Storage.Presence.AddPublicationAsync(Publication("e1", presentity: Tom, text: "second")));

            AssertSame(Publication("e1", text: "first"), await Storage.Presence.GetPublicationAsync("e1"));
        }

        [TestMethod]
        public async Task GetPublication_UnknownETag_ReturnsNull()
        {
            Assert.IsNull(await Storage.Presence.GetPublicationAsync("nope"));
        }

        [TestMethod]
        public async Task ReplacePublication_NewETag_OldTagIsUnknownAndNothingIsDuplicated()
        {
            await Storage.Presence.AddPublicationAsync(Publication("e1", text: "open"));

            Assert.IsTrue(await Storage.Presence.ReplacePublicationAsync("e1", Publication("e2", expiresInSeconds: 7200, publishedSecond: 5, text: "closed")));

            Assert.IsNull(await Storage.Presence.GetPublicationAsync("e1"));
            AssertSame(Publication("e2", expiresInSeconds: 7200, publishedSecond: 5, text: "closed"), await Storage.Presence.GetPublicationAsync("e2"));
            CollectionAssert.AreEqual(new[] { "e2" }, ETags(await Storage.Presence.ListPublicationsAsync(Bob, "presence", T0)));
        }

        [TestMethod]
        public async Task ReplacePublication_SameETag_UpdatesInPlace()
        {
            await Storage.Presence.AddPublicationAsync(Publication("e1", expiresInSeconds: 60));

            Assert.IsTrue(await Storage.Presence.ReplacePublicationAsync("e1", Publication("e1", expiresInSeconds: 600)));

            Assert.AreEqual(T0.AddSeconds(600), (await Storage.Presence.GetPublicationAsync("e1"))!.ExpiresAt);
        }

        [TestMethod]
        public async Task ReplacePublication_UnknownETag_ReturnsFalseAndAddsNothing()
        {
            Assert.IsFalse(await Storage.Presence.ReplacePublicationAsync("e1", Publication("e2")));

            Assert.IsNull(await Storage.Presence.GetPublicationAsync("e2"));
        }

        [TestMethod]
        public async Task ReplacePublication_NewETagTaken_ThrowsAndKeepsBoth()
        {
            await Storage.Presence.AddPublicationAsync(Publication("e1", text: "one"));
            await Storage.Presence.AddPublicationAsync(Publication("e2", presentity: Tom, text: "two"));

            await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => Storage.Presence.ReplacePublicationAsync("e1", Publication("e2", text: "three")));

            AssertSame(Publication("e1", text: "one"), await Storage.Presence.GetPublicationAsync("e1"));
            AssertSame(Publication("e2", presentity: Tom, text: "two"), await Storage.Presence.GetPublicationAsync("e2"));
        }

        [TestMethod]
        public async Task RemovePublication_KnownAndUnknownETags()
        {
            await Storage.Presence.AddPublicationAsync(Publication("e1"));

            Assert.IsTrue(await Storage.Presence.RemovePublicationAsync("e1"));

            Assert.IsFalse(await Storage.Presence.RemovePublicationAsync("e1"));
            Assert.IsNull(await Storage.Presence.GetPublicationAsync("e1"));
        }

        [TestMethod]
        public async Task ListPublications_LiveOnesOfThePresentityAndEvent_OldestPublishedFirst()
        {
            await Storage.Presence.AddPublicationAsync(Publication("late", publishedSecond: 9));
            await Storage.Presence.AddPublicationAsync(Publication("early", publishedSecond: 1));
            await Storage.Presence.AddPublicationAsync(Publication("expired", expiresInSeconds: -1));
            await Storage.Presence.AddPublicationAsync(Publication("toms", presentity: Tom));
            await Storage.Presence.AddPublicationAsync(Publication("other-event") with { EventPackage = "dialog" });

            CollectionAssert.AreEqual(new[] { "early", "late" }, ETags(await Storage.Presence.ListPublicationsAsync(Bob, "presence", T0)));
        }

        [TestMethod]
        public async Task PurgeExpiredPublications_DeletesAndReturnsTheExpired()
        {
            await Storage.Presence.AddPublicationAsync(Publication("b", presentity: Tom, expiresInSeconds: 0));
            await Storage.Presence.AddPublicationAsync(Publication("a", expiresInSeconds: -5));
            await Storage.Presence.AddPublicationAsync(Publication("live", expiresInSeconds: 5));

            CollectionAssert.AreEqual(new[] { "a", "b" }, ETags(await Storage.Presence.PurgeExpiredPublicationsAsync(T0)));

            Assert.IsNull(await Storage.Presence.GetPublicationAsync("a"));
            Assert.IsNotNull(await Storage.Presence.GetPublicationAsync("live"));
        }

        [TestMethod]
        public async Task UpsertSubscription_ThenGet_ReturnsEveryField()
        {
            PresenceSubscription subscription = Subscription(Key("c1", eventId: "7")) with
            {
                State = SubscriptionState.Pending,
                RouteSet = ["<sip:p1.simpleim.test;lr>", "\"Edge, Inc\" <sip:p2.example.org;lr;x=\"a,b\">"],
                LocalCSeq = 42,
                RemoteCSeq = 17,
            };

            await Storage.Presence.UpsertSubscriptionAsync(subscription);

            AssertSame(subscription, await Storage.Presence.GetSubscriptionAsync(Key("c1", eventId: "7")));
        }

        [TestMethod]
        public async Task UpsertSubscription_EmptyRouteSet_RoundTrips()
        {
            PresenceSubscription subscription = Subscription(Key("c1")) with { RouteSet = [] };

            await Storage.Presence.UpsertSubscriptionAsync(subscription);

            Assert.AreEqual(0, (await Storage.Presence.GetSubscriptionAsync(Key("c1")))!.RouteSet.Count);
        }

        [TestMethod]
        public async Task UpsertSubscription_SameKey_ReplacesState()
        {
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c1")) with { State = SubscriptionState.Pending });

            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c1")) with { State = SubscriptionState.Terminated, LocalCSeq = 3 });

            PresenceSubscription stored = (await Storage.Presence.GetSubscriptionAsync(Key("c1")))!;
            Assert.AreEqual(SubscriptionState.Terminated, stored.State);
            Assert.AreEqual(3L, stored.LocalCSeq);
            Assert.AreEqual(1, (await Storage.Presence.ListAllSubscriptionsAsync(T0)).Count);
        }

        [TestMethod]
        public async Task UpsertSubscription_SameDialogOtherEvent_IsASecondSubscription()
        {
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c1", "presence")));
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c1", "reg")));
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c1", "presence", "2")));

            Assert.AreEqual(3, (await Storage.Presence.ListAllSubscriptionsAsync(T0)).Count);
            Assert.IsNull(await Storage.Presence.GetSubscriptionAsync(Key("c1", "dialog")));
        }

        [TestMethod]
        public async Task RemoveSubscription_KnownAndUnknownKeys()
        {
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c1")));
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c2")));

            Assert.IsTrue(await Storage.Presence.RemoveSubscriptionAsync(Key("c1")));

            Assert.IsFalse(await Storage.Presence.RemoveSubscriptionAsync(Key("c1")));
            CollectionAssert.AreEqual(new[] { "c2" }, CallIds(await Storage.Presence.ListAllSubscriptionsAsync(T0)));
        }

        [TestMethod]
        public async Task ListSubscriptions_LiveWatchersOfThePresentityAndEvent_OrderedByWatcher()
        {
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c1"), watcher: Tom));
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c2"), watcher: Im));
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c3"), watcher: "sip:zed@simpleim.test", expiresInSeconds: -1));
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c4"), presentity: Tom, watcher: Bob));
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c5", "reg"), watcher: Im));

            CollectionAssert.AreEqual(new[] { "c2", "c1" }, CallIds(await Storage.Presence.ListSubscriptionsAsync(Bob, "presence", T0)));
        }

        [TestMethod]
        public async Task ListAllSubscriptions_LiveOnes_OrderedByPresentityThenWatcher()
        {
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c1"), presentity: Tom, watcher: Bob));
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c2"), presentity: Bob, watcher: Tom));
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c3"), presentity: Bob, watcher: Im));
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c4"), expiresInSeconds: 0));

            CollectionAssert.AreEqual(new[] { "c3", "c2", "c1" }, CallIds(await Storage.Presence.ListAllSubscriptionsAsync(T0)));
        }

        [TestMethod]
        public async Task PurgeExpiredSubscriptions_DeletesAndReturnsTheExpired()
        {
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c1"), expiresInSeconds: -1));
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c2"), expiresInSeconds: 1));

            var purged = await Storage.Presence.PurgeExpiredSubscriptionsAsync(T0);

            CollectionAssert.AreEqual(new[] { "c1" }, CallIds(purged));
            AssertSame(Subscription(Key("c1"), expiresInSeconds: -1), purged[0]);
            Assert.IsNull(await Storage.Presence.GetSubscriptionAsync(Key("c1")));
            Assert.IsNotNull(await Storage.Presence.GetSubscriptionAsync(Key("c2")));
        }

        [TestMethod]
        public async Task SetWatcherRule_ThenGet_ReturnsIt()
        {
            await Storage.Presence.SetWatcherRuleAsync(new WatcherRule(Bob, Tom, WatcherDecision.PoliteBlock));

            Assert.AreEqual(new WatcherRule(Bob, Tom, WatcherDecision.PoliteBlock), await Storage.Presence.GetWatcherRuleAsync(Bob, Tom));
            Assert.IsNull(await Storage.Presence.GetWatcherRuleAsync(Tom, Bob));
        }

        [TestMethod]
        public async Task SetWatcherRule_Again_ReplacesTheDecision()
        {
            await Storage.Presence.SetWatcherRuleAsync(new WatcherRule(Bob, Tom, WatcherDecision.Block));

            await Storage.Presence.SetWatcherRuleAsync(new WatcherRule(Bob, Tom, WatcherDecision.Allow));

            CollectionAssert.AreEqual(new[] { new WatcherRule(Bob, Tom, WatcherDecision.Allow) }, (await Storage.Presence.ListWatcherRulesAsync(Bob)).ToArray());
        }

        [TestMethod]
        public async Task ListWatcherRules_ThePresentitysRules_OrderedByWatcher()
        {
            await Storage.Presence.SetWatcherRuleAsync(new WatcherRule(Bob, Tom, WatcherDecision.Allow));
            await Storage.Presence.SetWatcherRuleAsync(new WatcherRule(Bob, Im, WatcherDecision.Block));
            await Storage.Presence.SetWatcherRuleAsync(new WatcherRule(Tom, Bob, WatcherDecision.Allow));

            CollectionAssert.AreEqual(
                new[] { new WatcherRule(Bob, Im, WatcherDecision.Block), new WatcherRule(Bob, Tom, WatcherDecision.Allow) },
                (await Storage.Presence.ListWatcherRulesAsync(Bob)).ToArray());
        }

        [TestMethod]
        public async Task RemoveWatcherRule_KnownAndUnknown()
        {
            await Storage.Presence.SetWatcherRuleAsync(new WatcherRule(Bob, Tom, WatcherDecision.Allow));

            Assert.IsTrue(await Storage.Presence.RemoveWatcherRuleAsync(Bob, Tom));

            Assert.IsFalse(await Storage.Presence.RemoveWatcherRuleAsync(Bob, Tom));
            Assert.IsNull(await Storage.Presence.GetWatcherRuleAsync(Bob, Tom));
        }

        [TestMethod]
        public async Task PresenceState_ThenReopen_IsStillThere()
        {
            await Storage.Presence.AddPublicationAsync(Publication("e1"));
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c1")));
            await Storage.Presence.SetWatcherRuleAsync(new WatcherRule(Bob, Tom, WatcherDecision.Allow));

            await ReopenAsync();

            AssertSame(Publication("e1"), await Storage.Presence.GetPublicationAsync("e1"));
            AssertSame(Subscription(Key("c1")), await Storage.Presence.GetSubscriptionAsync(Key("c1")));
            Assert.IsNotNull(await Storage.Presence.GetWatcherRuleAsync(Bob, Tom));
        }

        [TestMethod]
        public async Task ListAllPublications_LiveOnesOfEveryPresentity_ByPresentityThenOldestFirst()
        {
            await Storage.Presence.AddPublicationAsync(Publication("t1", presentity: Tom, publishedSecond: 1));
            await Storage.Presence.AddPublicationAsync(Publication("b2", publishedSecond: 2));
            await Storage.Presence.AddPublicationAsync(Publication("b1", publishedSecond: 1));
            await Storage.Presence.AddPublicationAsync(Publication("old", expiresInSeconds: -1));

            CollectionAssert.AreEqual(new[] { "b1", "b2", "t1" }, ETags(await Storage.Presence.ListAllPublicationsAsync(T0)));
        }

        [TestMethod]
        public async Task SaveSubscriptions_UpsertsAndRemovals_AppliedTogether()
        {
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c1")));
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c2")));
            PresenceSubscription bumped = Subscription(Key("c1")) with { LocalCSeq = 9, Version = 12 };

            await Storage.Presence.SaveSubscriptionsAsync([bumped, Subscription(Key("c3"))], [Key("c2"), Key("unknown")]);

            AssertSame(bumped, await Storage.Presence.GetSubscriptionAsync(Key("c1")));
            Assert.IsNull(await Storage.Presence.GetSubscriptionAsync(Key("c2")));
            CollectionAssert.AreEqual(new[] { "c1", "c3" }, CallIds(await Storage.Presence.ListAllSubscriptionsAsync(T0)));
        }

        [TestMethod]
        public async Task SaveSubscriptions_NothingToDo_ChangesNothing()
        {
            await Storage.Presence.UpsertSubscriptionAsync(Subscription(Key("c1")));

            await Storage.Presence.SaveSubscriptionsAsync([], []);

            CollectionAssert.AreEqual(new[] { "c1" }, CallIds(await Storage.Presence.ListAllSubscriptionsAsync(T0)));
        }

        [TestMethod]
        public async Task ListAllWatcherRules_EveryPresentity_OrderedByPresentityThenWatcher()
        {
            await Storage.Presence.SetWatcherRuleAsync(new WatcherRule(Tom, Bob, WatcherDecision.Allow));
            await Storage.Presence.SetWatcherRuleAsync(new WatcherRule(Bob, Tom, WatcherDecision.PoliteBlock));
            await Storage.Presence.SetWatcherRuleAsync(new WatcherRule(Bob, Im, WatcherDecision.Block));

            CollectionAssert.AreEqual(
                new[] { new WatcherRule(Bob, Im, WatcherDecision.Block), new WatcherRule(Bob, Tom, WatcherDecision.PoliteBlock), new WatcherRule(Tom, Bob, WatcherDecision.Allow) },
                (await Storage.Presence.ListAllWatcherRulesAsync()).ToArray());
        }

        [TestMethod]
        public async Task SetRegistration_ThenGet_ReturnsEveryField()
        {
            await Storage.Presence.SetRegistrationAsync(Registration());

            Assert.AreEqual(Registration(), await Storage.Presence.GetRegistrationAsync(Bob));
            Assert.IsNull(await Storage.Presence.GetRegistrationAsync(Tom));
        }

        [TestMethod]
        public async Task SetRegistration_Again_ReplacesIt()
        {
            await Storage.Presence.SetRegistrationAsync(Registration());

            await Storage.Presence.SetRegistrationAsync(Registration(expiresInSeconds: 1200, cseq: 8));

            Assert.AreEqual(Registration(expiresInSeconds: 1200, cseq: 8), await Storage.Presence.GetRegistrationAsync(Bob));
        }

        [TestMethod]
        public async Task RemoveRegistration_KnownAndUnknown()
        {
            await Storage.Presence.SetRegistrationAsync(Registration());

            Assert.IsTrue(await Storage.Presence.RemoveRegistrationAsync(Bob));

            Assert.IsFalse(await Storage.Presence.RemoveRegistrationAsync(Bob));
            Assert.IsNull(await Storage.Presence.GetRegistrationAsync(Bob));
        }

        [TestMethod]
        public async Task ListRegistrations_LiveOnes_OrderedByAor()
        {
            await Storage.Presence.SetRegistrationAsync(Registration(Tom));
            await Storage.Presence.SetRegistrationAsync(Registration(Bob));
            await Storage.Presence.SetRegistrationAsync(Registration(Im, expiresInSeconds: 0));

            CollectionAssert.AreEqual(new[] { Bob, Tom }, (await Storage.Presence.ListRegistrationsAsync(T0)).Select(r => r.Aor).ToArray());
        }
    }
}
