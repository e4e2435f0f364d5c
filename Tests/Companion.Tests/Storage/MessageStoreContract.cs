using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Tests.Storage
{
    /// <summary>What every <see cref="IMessageStore"/> must do.</summary>
    public abstract class MessageStoreContract : StoreContractTestBase
    {
        private const string Bob = "sip:bob@simpleim.test";
        private const string Tom = "sip:tom@simpleim.test";

        private static NewDeferredMessage Message(string recipient, string key, int arrivalSecond = 0, string text = "hi", int lifetimeSeconds = 3600) => new()
        {
            Sender = "\"Tom\" <sip:tom@simpleim.test>",
            Recipient = recipient,
            ContentType = "text/plain",
            Body = System.Text.Encoding.UTF8.GetBytes(text),
            ArrivedAt = T0.AddSeconds(arrivalSecond),
            ExpiresAt = T0.AddSeconds(arrivalSecond + lifetimeSeconds),
            DedupKey = key,
        };

        private static string[] Texts(IEnumerable<DeferredMessage> messages) =>
            messages.Select(m => System.Text.Encoding.UTF8.GetString(m.Body)).ToArray();

        [TestMethod]
        public async Task Store_NewMessage_GetReturnsEveryFieldAndBodyBytesUnchanged()
        {
            byte[] body = [0x00, 0xFF, 0xC3, 0x28, 0x0D, 0x0A, 0x7F];
            NewDeferredMessage message = Message(Bob, MessageDedupKey.FromCallIdAndCSeq("c1@tom", 7)) with { Body = body, ContentType = "application/octet-stream" };

            MessageStoreResult result = await Storage.Messages.StoreAsync(message, quota: 10);

            Assert.AreEqual(MessageStoreOutcome.Stored, result.Outcome);
            DeferredMessage? stored = await Storage.Messages.GetAsync(result.MessageId);
            Assert.IsNotNull(stored);
            Assert.AreEqual(result.MessageId, stored.Id);
            Assert.AreEqual(message.Sender, stored.Sender);
            Assert.AreEqual(Bob, stored.Recipient);
            Assert.AreEqual("application/octet-stream", stored.ContentType);
            CollectionAssert.AreEqual(body, stored.Body);
            Assert.AreEqual(message.ArrivedAt, stored.ArrivedAt);
            Assert.AreEqual(message.ExpiresAt, stored.ExpiresAt);
            Assert.AreEqual("cid:7:c1@tom", stored.DedupKey);
            Assert.AreEqual(0, stored.Attempts);
            Assert.AreEqual(message.ArrivedAt, stored.NextAttemptAt);
        }

        [TestMethod]
        public async Task Store_SameKeyForSameRecipient_ReportsDuplicateOfTheFirstAndStoresOnce()
        {
            MessageStoreResult first = await Storage.Messages.StoreAsync(Message(Bob, "mid:1", text: "first"), quota: 10);

            MessageStoreResult again = await Storage.Messages.StoreAsync(Message(Bob, "mid:1", arrivalSecond: 5, text: "second"), quota: 10);

            Assert.AreEqual(MessageStoreOutcome.Duplicate, again.Outcome);
            Assert.AreEqual(first.MessageId, again.MessageId);
            CollectionAssert.AreEqual(new[] { "first" }, Texts(await Storage.Messages.ListAsync(Bob)));
        }

        [TestMethod]
        public async Task Store_SameKeyForOtherRecipient_StoresBoth()
        {
            await Storage.Messages.StoreAsync(Message(Bob, "mid:1"), quota: 10);

            MessageStoreResult result = await Storage.Messages.StoreAsync(Message(Tom, "mid:1"), quota: 10);

            Assert.AreEqual(MessageStoreOutcome.Stored, result.Outcome);
            Assert.AreEqual(1, await Storage.Messages.CountAsync(Bob));
            Assert.AreEqual(1, await Storage.Messages.CountAsync(Tom));
        }

        [TestMethod]
        public async Task Store_RecipientAtQuota_RefusesAndKeepsWhatIsStored()
        {
            for (int i = 0; i < 3; i++)
            {
                Assert.AreEqual(MessageStoreOutcome.Stored, (await Storage.Messages.StoreAsync(Message(Bob, "mid:" + i, i, "m" + i), quota: 3)).Outcome);
            }

            MessageStoreResult result = await Storage.Messages.StoreAsync(Message(Bob, "mid:x", 9, "over"), quota: 3);

            Assert.AreEqual(MessageStoreOutcome.QuotaExceeded, result.Outcome);
            Assert.AreEqual(0L, result.MessageId);
            CollectionAssert.AreEqual(new[] { "m0", "m1", "m2" }, Texts(await Storage.Messages.ListAsync(Bob)));
        }

        [TestMethod]
        public async Task Store_DuplicateWhileFull_ReportsDuplicateNotQuota()
        {
            MessageStoreResult first = await Storage.Messages.StoreAsync(Message(Bob, "mid:1"), quota: 1);

            MessageStoreResult again = await Storage.Messages.StoreAsync(Message(Bob, "mid:1"), quota: 1);

            Assert.AreEqual(new MessageStoreResult(MessageStoreOutcome.Duplicate, first.MessageId), again);
        }

        [TestMethod]
        public async Task Store_QuotaIsCountedPerRecipient()
        {
            await Storage.Messages.StoreAsync(Message(Bob, "mid:1"), quota: 1);

            Assert.AreEqual(MessageStoreOutcome.Stored, (await Storage.Messages.StoreAsync(Message(Tom, "mid:2"), quota: 1)).Outcome);
        }

        [TestMethod]
        public async Task Store_ConcurrentWritersAgainstQuota_NeverExceedTheQuota()
        {
            Task<MessageStoreResult>[] writers = Enumerable.Range(0, 16)
                .Select(i => Task.Run(() => Storage.Messages.StoreAsync(Message(Bob, "mid:" + i, i), quota: 5)))
                .ToArray();

            MessageStoreResult[] results = await Task.WhenAll(writers);

            Assert.AreEqual(5, results.Count(r => r.Outcome == MessageStoreOutcome.Stored));
            Assert.AreEqual(11, results.Count(r => r.Outcome == MessageStoreOutcome.QuotaExceeded));
            Assert.AreEqual(5, await Storage.Messages.CountAsync(Bob));
        }

        [TestMethod]
        public async Task Store_ConcurrentCopiesOfOneMessage_StoredOnce()
        {
            Task<MessageStoreResult>[] writers = Enumerable.Range(0, 12)
                .Select(_ => Task.Run(() => Storage.Messages.StoreAsync(Message(Bob, "mid:same"), quota: 100)))
                .ToArray();

            MessageStoreResult[] results = await Task.WhenAll(writers);

            Assert.AreEqual(1, results.Count(r => r.Outcome == MessageStoreOutcome.Stored));
            Assert.AreEqual(1, results.Select(r => r.MessageId).Distinct().Count());
            Assert.AreEqual(1, await Storage.Messages.CountAsync(Bob));
        }

        [TestMethod]
        public async Task List_ReturnsArrivalOrderThenStoreOrder()
        {
            await Storage.Messages.StoreAsync(Message(Bob, "mid:b", arrivalSecond: 2, text: "second"), quota: 10);
            await Storage.Messages.StoreAsync(Message(Bob, "mid:a", arrivalSecond: 1, text: "first"), quota: 10);
            await Storage.Messages.StoreAsync(Message(Bob, "mid:c", arrivalSecond: 2, text: "third"), quota: 10);
            await Storage.Messages.StoreAsync(Message(Tom, "mid:d", arrivalSecond: 0, text: "tom's"), quota: 10);

            CollectionAssert.AreEqual(new[] { "first", "second", "third" }, Texts(await Storage.Messages.ListAsync(Bob)));
        }

        [TestMethod]
        public async Task ListAll_OrdersByRecipientThenArrival()
        {
            await Storage.Messages.StoreAsync(Message(Tom, "mid:1", arrivalSecond: 0, text: "t0"), quota: 10);
            await Storage.Messages.StoreAsync(Message(Bob, "mid:2", arrivalSecond: 5, text: "b5"), quota: 10);
            await Storage.Messages.StoreAsync(Message(Bob, "mid:3", arrivalSecond: 1, text: "b1"), quota: 10);

            CollectionAssert.AreEqual(new[] { "b1", "b5", "t0" }, Texts(await Storage.Messages.ListAllAsync()));
            CollectionAssert.AreEqual(new[] { Bob, Tom }, (await Storage.Messages.ListRecipientsAsync()).ToArray());
        }

        [TestMethod]
        public async Task Ids_IncreaseWithArrival_EvenAfterTheNewestIsDeleted()
        {
            long first = (await Storage.Messages.StoreAsync(Message(Bob, "mid:1"), quota: 10)).MessageId;
            await Storage.Messages.DeleteAsync(first);

            long second = (await Storage.Messages.StoreAsync(Message(Bob, "mid:2"), quota: 10)).MessageId;

            Assert.IsTrue(second > first, $"{second} after {first}");
        }

        [TestMethod]
        public async Task Delete_RemovesOnlyThatMessage()
        {
            long keep = (await Storage.Messages.StoreAsync(Message(Bob, "mid:1", text: "keep"), quota: 10)).MessageId;
            long drop = (await Storage.Messages.StoreAsync(Message(Bob, "mid:2", text: "drop"), quota: 10)).MessageId;

            Assert.IsTrue(await Storage.Messages.DeleteAsync(drop));

            Assert.IsFalse(await Storage.Messages.DeleteAsync(drop));
            Assert.IsNull(await Storage.Messages.GetAsync(drop));
            Assert.IsNotNull(await Storage.Messages.GetAsync(keep));
        }

        [TestMethod]
        public async Task Delete_ThenSameKeyAgain_IsStoredAsNew()
        {
            long first = (await Storage.Messages.StoreAsync(Message(Bob, "mid:1"), quota: 10)).MessageId;
            await Storage.Messages.DeleteAsync(first);

            Assert.AreEqual(MessageStoreOutcome.Stored, (await Storage.Messages.StoreAsync(Message(Bob, "mid:1"), quota: 10)).Outcome);
        }

        [TestMethod]
        public async Task DeleteAll_RemovesTheRecipientsMessagesOnly()
        {
            await Storage.Messages.StoreAsync(Message(Bob, "mid:1"), quota: 10);
            await Storage.Messages.StoreAsync(Message(Bob, "mid:2"), quota: 10);
            await Storage.Messages.StoreAsync(Message(Tom, "mid:3"), quota: 10);

            Assert.AreEqual(2, await Storage.Messages.DeleteAllAsync(Bob));

            Assert.AreEqual(0, await Storage.Messages.CountAsync(Bob));
            Assert.AreEqual(1, await Storage.Messages.CountAsync(Tom));
        }

        [TestMethod]
        public async Task RecordFailedAttempt_CountsAttemptsAndMovesNextAttempt()
        {
            long id = (await Storage.Messages.StoreAsync(Message(Bob, "mid:1"), quota: 10)).MessageId;

            Assert.IsTrue(await Storage.Messages.RecordFailedAttemptAsync(id, T0.AddSeconds(30)));
            Assert.IsTrue(await Storage.Messages.RecordFailedAttemptAsync(id, T0.AddSeconds(90)));

            DeferredMessage stored = (await Storage.Messages.GetAsync(id))!;
            Assert.AreEqual(2, stored.Attempts);
            Assert.AreEqual(T0.AddSeconds(90), stored.NextAttemptAt);
            Assert.IsFalse(await Storage.Messages.RecordFailedAttemptAsync(id + 1000, T0));
        }

        [TestMethod]
        public async Task PurgeExpired_ReturnsExpiredInArrivalOrderExactlyOnce()
        {
            await Storage.Messages.StoreAsync(Message(Tom, "mid:1", arrivalSecond: 2, text: "tom old", lifetimeSeconds: 10), quota: 10);
            await Storage.Messages.StoreAsync(Message(Bob, "mid:2", arrivalSecond: 1, text: "bob old", lifetimeSeconds: 10), quota: 10);
            await Storage.Messages.StoreAsync(Message(Bob, "mid:3", arrivalSecond: 0, text: "bob young", lifetimeSeconds: 100), quota: 10);

            var purged = await Storage.Messages.PurgeExpiredAsync(T0.AddSeconds(12));

            CollectionAssert.AreEqual(new[] { "bob old", "tom old" }, Texts(purged));
            Assert.AreEqual(0, (await Storage.Messages.PurgeExpiredAsync(T0.AddSeconds(12))).Count);
            CollectionAssert.AreEqual(new[] { "bob young" }, Texts(await Storage.Messages.ListAllAsync()));
        }

        [TestMethod]
        public async Task Store_ThenReopen_MessageIsStillThere()
        {
            long id = (await Storage.Messages.StoreAsync(Message(Bob, "mid:1", text: "durable"), quota: 10)).MessageId;

            await ReopenAsync();

            CollectionAssert.AreEqual(new[] { "durable" }, Texts(await Storage.Messages.ListAsync(Bob)));
            Assert.AreEqual(MessageStoreOutcome.Duplicate, (await Storage.Messages.StoreAsync(Message(Bob, "mid:1"), quota: 10)).Outcome);
            Assert.AreEqual(id, (await Storage.Messages.ListAsync(Bob))[0].Id);
        }

        [TestMethod]
        public async Task StoreMany_MixedBatch_JudgesEachInOrderAndCommitsTogether()
        {
            await Storage.Messages.StoreAsync(Message(Bob, "mid:old", text: "old"), quota: 3);

            IReadOnlyList<MessageStoreResult> results = await Storage.Messages.StoreManyAsync(
            [
                Message(Bob, "mid:a", 1, "a"),
                Message(Bob, "mid:old", 2, "old again"),
                Message(Bob, "mid:a", 3, "a again"),
                Message(Tom, "mid:t", 4, "t"),
                Message(Bob, "mid:b", 5, "b"),
                Message(Bob, "mid:c", 6, "over"),
            ], quota: 3);

            CollectionAssert.AreEqual(
                new[] { MessageStoreOutcome.Stored, MessageStoreOutcome.Duplicate, MessageStoreOutcome.Duplicate, MessageStoreOutcome.Stored, MessageStoreOutcome.Stored, MessageStoreOutcome.QuotaExceeded },
                results.Select(r => r.Outcome).ToArray());
            Assert.AreEqual(results[0].MessageId, results[2].MessageId);
            CollectionAssert.AreEqual(new[] { "old", "a", "b" }, Texts(await Storage.Messages.ListAsync(Bob)));
            CollectionAssert.AreEqual(new[] { "t" }, Texts(await Storage.Messages.ListAsync(Tom)));
        }

        [TestMethod]
        public async Task StoreMany_EmptyBatch_ReturnsNoResults()
        {
            Assert.AreEqual(0, (await Storage.Messages.StoreManyAsync([], quota: 3)).Count);
        }

        [TestMethod]
        public async Task ListWithLimit_ReturnsTheOldestInArrivalOrder()
        {
            for (int i = 0; i < 5; i++)
            {
                await Storage.Messages.StoreAsync(Message(Bob, "mid:" + i, 10 - i, "m" + (10 - i)), quota: 10);
            }

            CollectionAssert.AreEqual(new[] { "m6", "m7" }, Texts(await Storage.Messages.ListAsync(Bob, limit: 2)));
        }

        [TestMethod]
        public async Task DeleteDelivered_RemovesMessagesAndLaterCopiesAreDuplicates()
        {
            long first = (await Storage.Messages.StoreAsync(Message(Bob, "mid:1", text: "one"), quota: 10)).MessageId;
            long second = (await Storage.Messages.StoreAsync(Message(Bob, "cid:1:x", text: "two"), quota: 10)).MessageId;
            long kept = (await Storage.Messages.StoreAsync(Message(Bob, "mid:3", text: "three"), quota: 10)).MessageId;

            Assert.AreEqual(2, await Storage.Messages.DeleteDeliveredAsync([first, second, first + 1000]));

            CollectionAssert.AreEqual(new[] { "three" }, Texts(await Storage.Messages.ListAsync(Bob)));
            Assert.AreEqual(new MessageStoreResult(MessageStoreOutcome.Duplicate, first), await Storage.Messages.StoreAsync(Message(Bob, "mid:1"), quota: 10));
            Assert.AreEqual(new MessageStoreResult(MessageStoreOutcome.Duplicate, second), await Storage.Messages.StoreAsync(Message(Bob, "cid:1:x"), quota: 10));
            Assert.AreEqual(MessageStoreOutcome.Stored, (await Storage.Messages.StoreAsync(Message(Tom, "mid:1"), quota: 10)).Outcome);
            Assert.AreNotEqual(0L, kept);
        }

        [TestMethod]
        public async Task DeleteDelivered_KeysDoNotCountAgainstTheQuota()
        {
            long id = (await Storage.Messages.StoreAsync(Message(Bob, "mid:1"), quota: 1)).MessageId;
            await Storage.Messages.DeleteDeliveredAsync([id]);

            Assert.AreEqual(MessageStoreOutcome.Stored, (await Storage.Messages.StoreAsync(Message(Bob, "mid:2"), quota: 1)).Outcome);
        }

        [TestMethod]
        public async Task PurgeExpired_ForgetsKeysOfDeliveredMessagesOnceTheyExpire()
        {
            long id = (await Storage.Messages.StoreAsync(Message(Bob, "mid:1", lifetimeSeconds: 10), quota: 10)).MessageId;
            await Storage.Messages.DeleteDeliveredAsync([id]);

            Assert.AreEqual(0, (await Storage.Messages.PurgeExpiredAsync(T0.AddSeconds(9))).Count);
            Assert.AreEqual(MessageStoreOutcome.Duplicate, (await Storage.Messages.StoreAsync(Message(Bob, "mid:1"), quota: 10)).Outcome);
            Assert.AreEqual(0, (await Storage.Messages.PurgeExpiredAsync(T0.AddSeconds(10))).Count);

            Assert.AreEqual(MessageStoreOutcome.Stored, (await Storage.Messages.StoreAsync(Message(Bob, "mid:1"), quota: 10)).Outcome);
        }

        [TestMethod]
        public async Task Registrations_SetReplaceRemoveAndExpire()
        {
            await Storage.Messages.SetRegistrationAsync(Tom, T0.AddSeconds(100));
            await Storage.Messages.SetRegistrationAsync(Bob, T0.AddSeconds(10));
            await Storage.Messages.SetRegistrationAsync(Bob, T0.AddSeconds(50));

            CollectionAssert.AreEqual(
                new[] { new ImRegistration(Bob, T0.AddSeconds(50)), new ImRegistration(Tom, T0.AddSeconds(100)) },
                (await Storage.Messages.ListRegistrationsAsync(T0)).ToArray());
            CollectionAssert.AreEqual(new[] { new ImRegistration(Tom, T0.AddSeconds(100)) }, (await Storage.Messages.ListRegistrationsAsync(T0.AddSeconds(50))).ToArray());

            Assert.IsTrue(await Storage.Messages.RemoveRegistrationAsync(Tom));
            Assert.IsFalse(await Storage.Messages.RemoveRegistrationAsync(Tom));
            Assert.AreEqual(0, (await Storage.Messages.ListRegistrationsAsync(T0)).Count);
        }

        [TestMethod]
        public async Task Registrations_SurviveReopen()
        {
            await Storage.Messages.SetRegistrationAsync(Bob, T0.AddSeconds(60));

            await ReopenAsync();

            CollectionAssert.AreEqual(new[] { new ImRegistration(Bob, T0.AddSeconds(60)) }, (await Storage.Messages.ListRegistrationsAsync(T0)).ToArray());
        }
    }
}
