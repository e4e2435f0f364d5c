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

        private readonly SqlDatabase _database;

        public SqlMessageStore(SqlDatabase database)
        {
            _database = database;
        }

        public async Task<MessageStoreResult> StoreAsync(NewDeferredMessage message, int quota, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(message);
            ArgumentOutOfRangeException.ThrowIfNegative(quota);

            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);

            // One writer per recipient at a time, so the duplicate check, the quota count and the insert agree.
            await using DbTransaction transaction = await _database.BeginWriteAsync(connection, "recipient:" + message.Recipient, cancellationToken).ConfigureAwait(false);

            await using (DbCommand find = SqlDatabase.Command(connection, "SELECT id FROM deferred_messages WHERE recipient = @recipient AND dedup_key = @dedupKey", transaction)
                .With("@recipient", message.Recipient)
                .With("@dedupKey", message.DedupKey))
            {
                object? existing = await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                if (existing is not null and not DBNull)
                {
                    return new MessageStoreResult(MessageStoreOutcome.Duplicate, Convert.ToInt64(existing, CultureInfo.InvariantCulture));
                }
            }

            if (await CountAsync(connection, transaction, message.Recipient, cancellationToken).ConfigureAwait(false) >= quota)
            {
                return new MessageStoreResult(MessageStoreOutcome.QuotaExceeded, 0);
            }

            long id;
            await using (DbCommand insert = SqlDatabase.Command(
                connection,
                "INSERT INTO deferred_messages (sender, recipient, content_type, body, arrived_at, expires_at, dedup_key, attempts, next_attempt_at) " +
                "VALUES (@sender, @recipient, @contentType, @body, @arrivedAt, @expiresAt, @dedupKey, 0, @arrivedAt) RETURNING id",
                transaction)
                .With("@sender", message.Sender)
                .With("@recipient", message.Recipient)
                .With("@contentType", message.ContentType)
                .With("@body", message.Body)
                .With("@arrivedAt", UnixTime.ToMilliseconds(message.ArrivedAt))
                .With("@expiresAt", UnixTime.ToMilliseconds(message.ExpiresAt))
                .With("@dedupKey", message.DedupKey))
            {
                id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new MessageStoreResult(MessageStoreOutcome.Stored, id);
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

            // RETURNING has no ORDER BY; report in arrival order.
            purged.Sort(static (a, b) =>
            {
                int byArrival = a.ArrivedAt.CompareTo(b.ArrivedAt);
                return byArrival != 0 ? byArrival : a.Id.CompareTo(b.Id);
            });
            return purged;
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
