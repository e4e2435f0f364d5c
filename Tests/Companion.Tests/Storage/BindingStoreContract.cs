using System;
using System.Data.Common;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Tests.Storage
{
    /// <summary>What every <see cref="IBindingStore"/> must do.</summary>
    public abstract class BindingStoreContract : StoreContractTestBase
    {
        private const string Bob = "sip:bob@simpleim.test";
        private const string Tom = "sip:tom@simpleim.test";

        private static ContactBinding Binding(string aor, string contact, double? q = null, int expiresInSeconds = 3600, long cseq = 1) => new()
        {
            Aor = aor,
            ContactUri = contact,
            Q = q,
            ExpiresAt = T0.AddSeconds(expiresInSeconds),
            CallId = "call-" + contact,
            CSeq = cseq,
        };

        private static string[] Contacts(System.Collections.Generic.IEnumerable<ContactBinding> bindings) =>
            bindings.Select(b => b.ContactUri).ToArray();

        [TestMethod]
        public async Task Upsert_NewBinding_ListLiveReturnsEveryField()
        {
            var binding = new ContactBinding
            {
                Aor = Bob,
                ContactUri = "sip:bob@192.0.2.4:5062;transport=tcp",
                Q = 0.7,
                ExpiresAt = T0.AddSeconds(3600),
                CallId = "a84b4c76e66710@pc33",
                CSeq = 314159,
                Source = "192.0.2.4:5062",
                Transport = "tcp",
                Path = "<sip:edge.simpleim.test;lr>",
                InstanceId = "<urn:uuid:00000000-0000-1000-8000-000A95A0E128>",
                RegId = 1,
            };

            await Storage.Bindings.UpsertAsync(binding);

            var live = await Storage.Bindings.ListLiveAsync(Bob, T0);
            Assert.AreEqual(1, live.Count);
            Assert.AreEqual(binding, live[0]);
        }

        [TestMethod]
        public async Task Upsert_SameContact_ReplacesTheBinding()
        {
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@h1", q: 0.5, expiresInSeconds: 60, cseq: 1));

            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@h1", q: null, expiresInSeconds: 7200, cseq: 2));

            var live = await Storage.Bindings.ListLiveAsync(Bob, T0);
            Assert.AreEqual(1, live.Count);
            Assert.AreEqual(2L, live[0].CSeq);
            Assert.IsNull(live[0].Q);
            Assert.AreEqual(T0.AddSeconds(7200), live[0].ExpiresAt);
        }

        [TestMethod]
        public async Task ListLive_ExcludesExpiredBindingsAndOtherAors()
        {
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@live", expiresInSeconds: 1));
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@expired", expiresInSeconds: -1));
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@now", expiresInSeconds: 0));
            await Storage.Bindings.UpsertAsync(Binding(Tom, "sip:tom@live"));

            CollectionAssert.AreEqual(new[] { "sip:bob@live" }, Contacts(await Storage.Bindings.ListLiveAsync(Bob, T0)));
        }

        [TestMethod]
        public async Task ListLive_OrdersByQDescendingWithMissingQAsOne()
        {
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@d", q: 0.5));
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@c", q: null));
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@b", q: 0.9));
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@a", q: 1.0));
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@e", q: 0.0));

            CollectionAssert.AreEqual(
                new[] { "sip:bob@a", "sip:bob@c", "sip:bob@b", "sip:bob@d", "sip:bob@e" },
                Contacts(await Storage.Bindings.ListLiveAsync(Bob, T0)));
        }

        [TestMethod]
        public async Task ListAllLive_SeveralAors_OrderedByAorThenQ()
        {
            await Storage.Bindings.UpsertAsync(Binding(Tom, "sip:tom@x"));
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@low", q: 0.1));
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@high", q: 0.8));
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@gone", expiresInSeconds: -5));

            CollectionAssert.AreEqual(
                new[] { "sip:bob@high", "sip:bob@low", "sip:tom@x" },
                Contacts(await Storage.Bindings.ListAllLiveAsync(T0)));
        }

        [TestMethod]
        public async Task Remove_OneContact_LeavesTheOthers()
        {
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@h1"));
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@h2"));

            Assert.IsTrue(await Storage.Bindings.RemoveAsync(Bob, "sip:bob@h1"));

            CollectionAssert.AreEqual(new[] { "sip:bob@h2" }, Contacts(await Storage.Bindings.ListLiveAsync(Bob, T0)));
        }

        [TestMethod]
        public async Task Remove_UnknownContact_ReturnsFalse()
        {
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@h1"));

            Assert.IsFalse(await Storage.Bindings.RemoveAsync(Bob, "sip:bob@h9"));
            Assert.IsFalse(await Storage.Bindings.RemoveAsync(Tom, "sip:bob@h1"));
        }

        [TestMethod]
        public async Task RemoveAll_ReturnsCountAndClearsOnlyThatAor()
        {
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@h1"));
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@h2", expiresInSeconds: -1));
            await Storage.Bindings.UpsertAsync(Binding(Tom, "sip:tom@h1"));

            Assert.AreEqual(2, await Storage.Bindings.RemoveAllAsync(Bob));

            Assert.AreEqual(0, (await Storage.Bindings.ListLiveAsync(Bob, T0.AddDays(-1))).Count);
            Assert.AreEqual(1, (await Storage.Bindings.ListLiveAsync(Tom, T0)).Count);
        }

        [TestMethod]
        public async Task Apply_UpsertsAndRemovals_AllTakeEffect()
        {
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@old"));
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@kept", cseq: 1));

            await Storage.Bindings.ApplyAsync(
                Bob,
                [Binding(Bob, "sip:bob@new"), Binding(Bob, "sip:bob@kept", cseq: 2)],
                ["sip:bob@old"]);

            var live = await Storage.Bindings.ListLiveAsync(Bob, T0);
            CollectionAssert.AreEqual(new[] { "sip:bob@kept", "sip:bob@new" }, Contacts(live));
            Assert.AreEqual(2L, live[0].CSeq);
        }

        [TestMethod]
        public async Task Apply_FailingMidway_ChangesNothing()
        {
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@old"));
            ContactBinding broken = Binding(Bob, "sip:bob@broken") with { CallId = null! };

            await Assert.ThrowsExactlyAsync<ArgumentException>(() => Storage.Bindings.ApplyAsync(Bob, [Binding(Tom, "sip:tom@x")], []));
            Exception? failure = null;
            try
            {
                await Storage.Bindings.ApplyAsync(Bob, [Binding(Bob, "sip:bob@new"), broken], ["sip:bob@old"]);
            }
            catch (DbException e)
            {
                failure = e;
            }

            Assert.IsNotNull(failure, "a NULL Call-ID must violate NOT NULL");
            CollectionAssert.AreEqual(new[] { "sip:bob@old" }, Contacts(await Storage.Bindings.ListLiveAsync(Bob, T0)));
            Assert.AreEqual(0, (await Storage.Bindings.ListLiveAsync(Tom, T0)).Count);
        }

        [TestMethod]
        public async Task ApplyBatch_SeveralAors_AllChangesInOrder()
        {
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@old"));
            ContactBinding full = Binding(Tom, "sip:tom@full", q: 0.5) with
            {
                Source = "192.0.2.7:5070",
                Transport = "udp",
                Path = "<sip:edge;lr>",
                InstanceId = "<urn:uuid:1>",
                RegId = 2,
            };

            await Storage.Bindings.ApplyBatchAsync(
            [
                new BindingChange(Bob, [Binding(Bob, "sip:bob@new", cseq: 2)], ["sip:bob@old"]),
                new BindingChange(Tom, [full, Binding(Tom, "sip:tom@later", cseq: 1)], []),
                new BindingChange(Tom, [Binding(Tom, "sip:tom@later", cseq: 3)], []),
                new BindingChange(Bob, [], ["sip:bob@never-bound"]),
            ]);

            CollectionAssert.AreEqual(new[] { "sip:bob@new" }, Contacts(await Storage.Bindings.ListLiveAsync(Bob, T0)));
            var tom = await Storage.Bindings.ListLiveAsync(Tom, T0);
            CollectionAssert.AreEqual(new[] { "sip:tom@later", "sip:tom@full" }, Contacts(tom));
            Assert.AreEqual(3L, tom[0].CSeq, "the later change of the same contact wins");
            Assert.AreEqual(full, tom[1]);
        }

        [TestMethod]
        public async Task ApplyBatch_FailingMidway_ChangesNothing()
        {
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@old"));
            ContactBinding broken = Binding(Tom, "sip:tom@broken") with { CallId = null! };

            await Assert.ThrowsExactlyAsync<ArgumentException>(() => Storage.Bindings.ApplyBatchAsync([new BindingChange(Bob, [Binding(Tom, "sip:tom@x")], [])]));
            Exception? failure = null;
            try
            {
                await Storage.Bindings.ApplyBatchAsync(
                [
                    new BindingChange(Bob, [Binding(Bob, "sip:bob@new")], ["sip:bob@old"]),
                    new BindingChange(Tom, [broken], []),
                ]);
            }
            catch (DbException e)
            {
                failure = e;
            }

            Assert.IsNotNull(failure, "a NULL Call-ID must violate NOT NULL");
            CollectionAssert.AreEqual(new[] { "sip:bob@old" }, Contacts(await Storage.Bindings.ListLiveAsync(Bob, T0)));
            Assert.AreEqual(0, (await Storage.Bindings.ListLiveAsync(Tom, T0)).Count);
        }

        [TestMethod]
        public async Task ApplyBatch_WithoutFlushToDisk_IsStoredAndSurvivesReopening()
        {
            await Storage.Bindings.ApplyBatchAsync([new BindingChange(Bob, [Binding(Bob, "sip:bob@lazy", q: 0.5)], [])], flushToDisk: false);
            await Storage.Bindings.UpsertAsync(Binding(Tom, "sip:tom@after"));

            await ReopenAsync();

            Assert.AreEqual(Binding(Bob, "sip:bob@lazy", q: 0.5), (await Storage.Bindings.ListLiveAsync(Bob, T0)).Single());
            Assert.AreEqual(1, (await Storage.Bindings.ListLiveAsync(Tom, T0)).Count, "later writes on the pooled connection still work");
        }

        [TestMethod]
        public async Task ApplyBatch_Empty_ChangesNothing()
        {
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@h1"));

            await Storage.Bindings.ApplyBatchAsync([]);

            CollectionAssert.AreEqual(new[] { "sip:bob@h1" }, Contacts(await Storage.Bindings.ListLiveAsync(Bob, T0)));
        }

        [TestMethod]
        public async Task PurgeExpired_DeletesAndReturnsOnlyExpiredBindings()
        {
            await Storage.Bindings.UpsertAsync(Binding(Tom, "sip:tom@old", expiresInSeconds: -10));
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@z-old", expiresInSeconds: 0));
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@a-old", expiresInSeconds: -1));
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@live", expiresInSeconds: 1));

            var purged = await Storage.Bindings.PurgeExpiredAsync(T0);

            CollectionAssert.AreEqual(new[] { "sip:bob@a-old", "sip:bob@z-old", "sip:tom@old" }, Contacts(purged));
            Assert.AreEqual(T0.AddSeconds(-1), purged[0].ExpiresAt);
            CollectionAssert.AreEqual(new[] { "sip:bob@live" }, Contacts(await Storage.Bindings.ListAllLiveAsync(T0.AddDays(-1))));
            Assert.AreEqual(0, (await Storage.Bindings.PurgeExpiredAsync(T0)).Count);
        }

        [TestMethod]
        public async Task Upsert_ThenReopen_BindingIsStillThere()
        {
            await Storage.Bindings.UpsertAsync(Binding(Bob, "sip:bob@h1", q: 0.25));

            await ReopenAsync();

            Assert.AreEqual(Binding(Bob, "sip:bob@h1", q: 0.25), (await Storage.Bindings.ListLiveAsync(Bob, T0)).Single());
        }
    }
}
