using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>
    /// The IM Server's deferred messages. Every write is committed durably before the returned task
    /// completes, so a 202 Accepted may be sent as soon as <see cref="StoreAsync"/> returns.
    /// </summary>
    public interface IMessageStore
    {
        /// <summary>
        /// Stores a message unless its dedup key is already stored for the recipient (a duplicate) or the
        /// recipient already has <paramref name="quota"/> messages. The checks and the insert are atomic,
        /// also against concurrent callers, and a duplicate is reported even when the store is full.
        /// </summary>
        Task<MessageStoreResult> StoreAsync(NewDeferredMessage message, int quota, CancellationToken cancellationToken = default);

        /// <summary>
        /// Stores several messages in one transaction (one durable commit for all, which is how the IM Server
        /// groups concurrent arrivals), each judged as <see cref="StoreAsync"/> would in list order: a later copy
        /// of an earlier message of the same call is a duplicate of it. Returns one result per message, in order.
        /// </summary>
        Task<IReadOnlyList<MessageStoreResult>> StoreManyAsync(IReadOnlyList<NewDeferredMessage> messages, int quota, CancellationToken cancellationToken = default);

        /// <summary>The message with that id, or null.</summary>
        Task<DeferredMessage?> GetAsync(long id, CancellationToken cancellationToken = default);

        /// <summary>The recipient's messages in arrival order.</summary>
        Task<IReadOnlyList<DeferredMessage>> ListAsync(string recipient, CancellationToken cancellationToken = default);

        /// <summary>The recipient's first <paramref name="limit"/> messages in arrival order (a page of the delivery queue).</summary>
        Task<IReadOnlyList<DeferredMessage>> ListAsync(string recipient, int limit, CancellationToken cancellationToken = default);

        /// <summary>Every stored message, by recipient and then in arrival order.</summary>
        Task<IReadOnlyList<DeferredMessage>> ListAllAsync(CancellationToken cancellationToken = default);

        /// <summary>The recipients that have stored messages, ordered (ordinal).</summary>
        Task<IReadOnlyList<string>> ListRecipientsAsync(CancellationToken cancellationToken = default);

        /// <summary>How many messages the recipient has stored (what the quota counts).</summary>
        Task<int> CountAsync(string recipient, CancellationToken cancellationToken = default);

        /// <summary>Deletes a message, after its delivery got a 2xx; false when it was not stored.</summary>
        Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default);

        /// <summary>
        /// Deletes messages whose delivery got a 2xx, in one transaction, and remembers each one's dedup key for
        /// its recipient until the message would have expired, so a copy the sender re-sends later is still a
        /// <see cref="MessageStoreOutcome.Duplicate"/> instead of a second delivery. Returns how many were deleted.
        /// </summary>
        Task<int> DeleteDeliveredAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default);

        /// <summary>Deletes every message of the recipient; returns how many there were.</summary>
        Task<int> DeleteAllAsync(string recipient, CancellationToken cancellationToken = default);

        /// <summary>Counts a failed delivery attempt and sets the time of the next one; false when the message is gone.</summary>
        Task<bool> RecordFailedAttemptAsync(long id, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default);

        /// <summary>
        /// Deletes the messages expired at <paramref name="now"/> and returns them in arrival order, so each is reported once.
        /// Remembered keys of delivered messages (see <see cref="DeleteDeliveredAsync"/>) that expired go too.
        /// </summary>
        Task<IReadOnlyList<DeferredMessage>> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

        /// <summary>
        /// Records that <paramref name="aor"/> is registered until <paramref name="expiresAt"/> (the IM Server's view from
        /// third-party REGISTER), replacing an earlier record, so a restarted IM Server watches the user again.
        /// </summary>
        Task SetRegistrationAsync(string aor, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

        /// <summary>Forgets the registration of <paramref name="aor"/>; false when none was recorded.</summary>
        Task<bool> RemoveRegistrationAsync(string aor, CancellationToken cancellationToken = default);

        /// <summary>The recorded registrations still live at <paramref name="now"/>, ordered by AOR (ordinal); expired ones are deleted.</summary>
        Task<IReadOnlyList<ImRegistration>> ListRegistrationsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
    }
}
