using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace SimpleImGateway.Companion.Storage.Sql
{
    /// <summary>
    /// <see cref="IMessageStore"/> over the <c>deferred_messages</c> table. The table's identity column gives
    /// arrival order; UNIQUE (recipient, dedup_key) backs duplicate detection.
    /// </summary>
    internal sealed class SqlMessageStore : IMessageStore
    {
        private const string Columns = "id, sender, recipient, content_type, body, arrived_at, expires_at, dedup_key, attempts, next_attempt_at";
        private const string ArrivalOrder = "arrived_at, id";

        private const string WriteLock = "deferred_messages";

        private readonly SqlDatabase _database;

        public SqlMessageStore(SqlDatabase database)
        {
            _database = database;
        }

        public async Task<MessageStoreResult> StoreAsync(NewDeferredMessage message, int quota, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(message);
            IReadOnlyList<MessageStoreResult> results = await StoreManyAsync([message], quota, cancellationToken).ConfigureAwait(false);
            return results[0];
        }

        public async Task<IReadOnlyList<MessageStoreResult>> StoreManyAsync(IReadOnlyList<NewDeferredMessage> messages, int quota, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(messages);
            ArgumentOutOfRangeException.ThrowIfNegative(quota);
            foreach (NewDeferredMessage message in messages)
            {
                ArgumentNullException.ThrowIfNull(message, nameof(messages));
            }

            var results = new MessageStoreResult[messages.Count];
            if (messages.Count == 0)
            {
                return results;
            }

            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Every writer of deferred messages takes the same lock, so the duplicate check, the quota count and the
            // insert agree for all recipients of a batch (SQLite serializes writers anyway).
            await using DbTransaction transaction = await _database.BeginWriteAsync(connection, WriteLock, cancellationToken).ConfigureAwait(false);

            // The commands are built once and run per message with new values: one prepared statement each.
            await using DbCommand find = SqlDatabase.Command(
                connection,
                "SELECT id FROM deferred_messages WHERE recipient = @recipient AND dedup_key = @dedupKey " +
                "UNION ALL SELECT message_id FROM delivered_message_keys WHERE recipient = @recipient AND dedup_key = @dedupKey",
                transaction)
                .With("@recipient", string.Empty)
                .With("@dedupKey", string.Empty);
            await using DbCommand count = SqlDatabase.Command(connection, "SELECT COUNT(*) FROM deferred_messages WHERE recipient = @recipient", transaction)
                .With("@recipient", string.Empty);
            await using DbCommand insert = SqlDatabase.Command(
                connection,
                "INSERT INTO deferred_messages (sender, recipient, content_type, body, arrived_at, expires_at, dedup_key, attempts, next_attempt_at) " +
                "VALUES (@sender, @recipient, @contentType, @body, @arrivedAt, @expiresAt, @dedupKey, 0, @arrivedAt) RETURNING id",
                transaction)
                .With("@sender", string.Empty)
                .With("@recipient", string.Empty)
                .With("@contentType", string.Empty)
                .With("@body", Array.Empty<byte>())
                .With("@arrivedAt", 0L)
                .With("@expiresAt", 0L)
                .With("@dedupKey", string.Empty);

            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < messages.Count; i++)
            {
                NewDeferredMessage message = messages[i];
                find.Parameters["@recipient"].Value = message.Recipient;
                find.Parameters["@dedupKey"].Value = message.DedupKey;
                object? existing = await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                if (existing is not null and not DBNull)
                {
                    results[i] = new MessageStoreResult(MessageStoreOutcome.Duplicate, Convert.ToInt64(existing, CultureInfo.InvariantCulture));
                    continue;
                }

                if (!counts.TryGetValue(message.Recipient, out int stored))
                {
                    count.Parameters["@recipient"].Value = message.Recipient;
                    stored = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                }

                if (stored >= quota)
                {
                    counts[message.Recipient] = stored;
                    results[i] = new MessageStoreResult(MessageStoreOutcome.QuotaExceeded, 0);
                    continue;
                }

                insert.Parameters["@sender"].Value = message.Sender;
                insert.Parameters["@recipient"].Value = message.Recipient;
                insert.Parameters["@contentType"].Value = message.ContentType;
                insert.Parameters["@body"].Value = message.Body;
                insert.Parameters["@arrivedAt"].Value = UnixTime.ToMilliseconds(message.ArrivedAt);
                insert.Parameters["@expiresAt"].Value = UnixTime.ToMilliseconds(message.ExpiresAt);
                insert.Parameters["@dedupKey"].Value = message.DedupKey;
                long id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                counts[message.Recipient] = stored + 1;
                results[i] = new MessageStoreResult(MessageStoreOutcome.Stored, id);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return results;
        }

        public async Task<DeferredMessage?> GetAsync(long id, CancellationToken cancellationToken = default)
        {
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"SELECT {Columns} FROM deferred_messages WHERE id = @id")
                .With("@id", id);
            return await command.ReadFirstOrDefaultAsync(Map, cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<DeferredMessage>> ListAsync(string recipient, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(recipient);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"SELECT {Columns} FROM deferred_messages WHERE recipient = @recipient ORDER BY {ArrivalOrder}")
                .With("@recipient", recipient);
            return await command.ReadAllAsync(Map, cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<DeferredMessage>> ListAsync(string recipient, int limit, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(recipient);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"SELECT {Columns} FROM deferred_messages WHERE recipient = @recipient ORDER BY {ArrivalOrder} LIMIT @limit")
                .With("@recipient", recipient)
                .With("@limit", limit);
            return await command.ReadAllAsync(Map, cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<DeferredMessage>> ListAllAsync(CancellationToken cancellationToken = default)
        {
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"SELECT {Columns} FROM deferred_messages ORDER BY recipient{_database.OrdinalCollation}, {ArrivalOrder}");
            return await command.ReadAllAsync(Map, cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<string>> ListRecipientsAsync(CancellationToken cancellationToken = default)
        {
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"SELECT recipient FROM deferred_messages GROUP BY recipient ORDER BY recipient{_database.OrdinalCollation}");
            return await command.ReadAllAsync(static reader => reader.GetString(0), cancellationToken).ConfigureAwait(false);
        }

        public async Task<int> CountAsync(string recipient, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(recipient);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await CountAsync(connection, null, recipient, cancellationToken).ConfigureAwait(false);
        }

        public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
        {
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, "DELETE FROM deferred_messages WHERE id = @id")
                .With("@id", id);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        public async Task<int> DeleteDeliveredAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(ids);
            if (ids.Count == 0)
            {
                return 0;
            }

            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbTransaction transaction = await _database.BeginWriteAsync(connection, WriteLock, cancellationToken).ConfigureAwait(false);

            // The key is kept until the message would have expired: as long as a sender could still re-send it.
            await using DbCommand remember = SqlDatabase.Command(
                connection,
                "INSERT INTO delivered_message_keys (recipient, dedup_key, message_id, expires_at) " +
                "SELECT recipient, dedup_key, id, expires_at FROM deferred_messages WHERE id = @id " +
                "ON CONFLICT (recipient, dedup_key) DO NOTHING",
                transaction)
                .With("@id", 0L);
            await using DbCommand delete = SqlDatabase.Command(connection, "DELETE FROM deferred_messages WHERE id = @id", transaction)
                .With("@id", 0L);
            int deleted = 0;
            foreach (long id in ids)
            {
                remember.Parameters["@id"].Value = id;
                await remember.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                delete.Parameters["@id"].Value = id;
                deleted += await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return deleted;
        }

        public async Task<int> DeleteAllAsync(string recipient, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(recipient);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, "DELETE FROM deferred_messages WHERE recipient = @recipient")
                .With("@recipient", recipient);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task<bool> RecordFailedAttemptAsync(long id, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default)
        {
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, "UPDATE deferred_messages SET attempts = attempts + 1, next_attempt_at = @nextAttemptAt WHERE id = @id")
                .With("@id", id)
                .With("@nextAttemptAt", UnixTime.ToMilliseconds(nextAttemptAt));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        public async Task<IReadOnlyList<DeferredMessage>> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"DELETE FROM deferred_messages WHERE expires_at <= @now RETURNING {Columns}")
                .With("@now", UnixTime.ToMilliseconds(now));
            List<DeferredMessage> purged = await command.ReadAllAsync(Map, cancellationToken).ConfigureAwait(false);

            await using (DbCommand keys = SqlDatabase.Command(connection, "DELETE FROM delivered_message_keys WHERE expires_at <= @now")
                .With("@now", UnixTime.ToMilliseconds(now)))
            {
                await keys.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // RETURNING has no ORDER BY; report in arrival order.
            purged.Sort(static (a, b) =>
            {
                int byArrival = a.ArrivedAt.CompareTo(b.ArrivedAt);
                return byArrival != 0 ? byArrival : a.Id.CompareTo(b.Id);
            });
            return purged;
        }

        public async Task SetRegistrationAsync(string aor, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(aor);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(
                connection,
                "INSERT INTO im_registrations (aor, expires_at) VALUES (@aor, @expiresAt) " +
                "ON CONFLICT (aor) DO UPDATE SET expires_at = excluded.expires_at")
                .With("@aor", aor)
                .With("@expiresAt", UnixTime.ToMilliseconds(expiresAt));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task<bool> RemoveRegistrationAsync(string aor, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(aor);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, "DELETE FROM im_registrations WHERE aor = @aor")
                .With("@aor", aor);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        public async Task<IReadOnlyList<ImRegistration>> ListRegistrationsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (DbCommand expired = SqlDatabase.Command(connection, "DELETE FROM im_registrations WHERE expires_at <= @now")
                .With("@now", UnixTime.ToMilliseconds(now)))
            {
                await expired.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using DbCommand command = SqlDatabase.Command(connection, $"SELECT aor, expires_at FROM im_registrations ORDER BY aor{_database.OrdinalCollation}");
            return await command.ReadAllAsync(static reader => new ImRegistration(reader.GetString(0), reader.GetTime(1)), cancellationToken).ConfigureAwait(false);
        }

        private static async Task<int> CountAsync(DbConnection connection, DbTransaction? transaction, string recipient, CancellationToken cancellationToken)
        {
            await using DbCommand count = SqlDatabase.Command(connection, "SELECT COUNT(*) FROM deferred_messages WHERE recipient = @recipient", transaction)
                .With("@recipient", recipient);
            return Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        private static DeferredMessage Map(DbDataReader reader) => new()
        {
            Id = reader.GetInt64(0),
            Sender = reader.GetString(1),
            Recipient = reader.GetString(2),
            ContentType = reader.GetString(3),
            Body = reader.GetBytes(4),
            ArrivedAt = reader.GetTime(5),
            ExpiresAt = reader.GetTime(6),
            DedupKey = reader.GetString(7),
            Attempts = reader.GetInt32(8),
            NextAttemptAt = reader.GetTime(9),
        };
    }
}
