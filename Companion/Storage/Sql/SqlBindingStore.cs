using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SimpleImGateway.Companion.Storage.Sql
{
    /// <summary><see cref="IBindingStore"/> over the <c>bindings</c> table, keyed by AOR and contact URI.</summary>
    internal sealed class SqlBindingStore : IBindingStore
    {
        private const string Columns = "aor, contact_uri, q, expires_at, call_id, cseq, source, transport, path, instance_id, reg_id";

        private const string UpsertSql =
            $"INSERT INTO bindings ({Columns}) VALUES (@aor, @contactUri, @q, @expiresAt, @callId, @cseq, @source, @transport, @path, @instanceId, @regId) " +
            "ON CONFLICT (aor, contact_uri) DO UPDATE SET q = excluded.q, expires_at = excluded.expires_at, call_id = excluded.call_id, " +
            "cseq = excluded.cseq, source = excluded.source, transport = excluded.transport, path = excluded.path, " +
            "instance_id = excluded.instance_id, reg_id = excluded.reg_id";

        // Values of the right types, so every provider infers the parameter types before Prepare.
        private static readonly ContactBinding s_placeholder = new()
        {
            Aor = string.Empty,
            ContactUri = string.Empty,
            Q = 1.0,
            ExpiresAt = DateTimeOffset.UnixEpoch,
            CallId = string.Empty,
            CSeq = 0,
            Source = string.Empty,
            Transport = string.Empty,
            Path = string.Empty,
            InstanceId = string.Empty,
            RegId = 0,
        };

        private readonly SqlDatabase _database;
        private readonly string _order;

        public SqlBindingStore(SqlDatabase database)
        {
            _database = database;
            _order = $"COALESCE(q, 1.0) DESC, contact_uri{database.OrdinalCollation}";
        }

        public async Task UpsertAsync(ContactBinding binding, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(binding);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = Upsert(connection, null, binding);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task ApplyAsync(string aor, IReadOnlyCollection<ContactBinding> upserts, IReadOnlyCollection<string> removedContactUris, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(aor);
            ArgumentNullException.ThrowIfNull(upserts);
            ArgumentNullException.ThrowIfNull(removedContactUris);
            if (upserts.Any(b => b.Aor != aor))
            {
                throw new ArgumentException($"every upserted binding must belong to {aor}", nameof(upserts));
            }

            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbTransaction transaction = await _database.BeginWriteAsync(connection, "aor:" + aor, cancellationToken).ConfigureAwait(false);
            foreach (string contactUri in removedContactUris)
            {
                await using DbCommand delete = SqlDatabase.Command(connection, "DELETE FROM bindings WHERE aor = @aor AND contact_uri = @contactUri", transaction)
                    .With("@aor", aor)
                    .With("@contactUri", contactUri);
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (ContactBinding binding in upserts)
            {
                await using DbCommand upsert = Upsert(connection, transaction, binding);
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task ApplyBatchAsync(IReadOnlyList<BindingChange> changes, bool flushToDisk = true, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(changes);
            foreach (BindingChange change in changes)
            {
                ArgumentNullException.ThrowIfNull(change);
                if (change.Upserts.Any(b => b.Aor != change.Aor))
                {
                    throw new ArgumentException($"every upserted binding must belong to {change.Aor}", nameof(changes));
                }
            }

            if (changes.Count == 0)
            {
                return;
            }

            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbTransaction transaction = await _database.BeginWriteAsync(connection, "bindings", flushToDisk, cancellationToken).ConfigureAwait(false);

            // One prepared statement of each kind, rebound per row: a batch of hundreds parses SQL twice.
            await using DbCommand delete = SqlDatabase.Command(connection, "DELETE FROM bindings WHERE aor = @aor AND contact_uri = @contactUri", transaction)
                .With("@aor", string.Empty)
                .With("@contactUri", string.Empty);
            await using DbCommand upsert = Upsert(connection, transaction, s_placeholder);
            bool deletePrepared = false, upsertPrepared = false;
            foreach (BindingChange change in changes)
            {
                foreach (string contactUri in change.RemovedContactUris)
                {
                    if (!deletePrepared)
                    {
                        await delete.PrepareAsync(cancellationToken).ConfigureAwait(false);
                        deletePrepared = true;
                    }

                    Set(delete, "@aor", change.Aor);
                    Set(delete, "@contactUri", contactUri);
                    await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                foreach (ContactBinding binding in change.Upserts)
                {
                    if (!upsertPrepared)
                    {
                        await upsert.PrepareAsync(cancellationToken).ConfigureAwait(false);
                        upsertPrepared = true;
                    }

                    Bind(upsert, binding);
                    await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task<bool> RemoveAsync(string aor, string contactUri, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(aor);
            ArgumentNullException.ThrowIfNull(contactUri);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, "DELETE FROM bindings WHERE aor = @aor AND contact_uri = @contactUri")
                .With("@aor", aor)
                .With("@contactUri", contactUri);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        public async Task<int> RemoveAllAsync(string aor, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(aor);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, "DELETE FROM bindings WHERE aor = @aor")
                .With("@aor", aor);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<ContactBinding>> ListLiveAsync(string aor, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(aor);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"SELECT {Columns} FROM bindings WHERE aor = @aor AND expires_at > @now ORDER BY {_order}")
                .With("@aor", aor)
                .With("@now", UnixTime.ToMilliseconds(now));
            return await command.ReadAllAsync(Map, cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<ContactBinding>> ListAllLiveAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"SELECT {Columns} FROM bindings WHERE expires_at > @now ORDER BY aor{_database.OrdinalCollation}, {_order}")
                .With("@now", UnixTime.ToMilliseconds(now));
            return await command.ReadAllAsync(Map, cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<ContactBinding>> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"DELETE FROM bindings WHERE expires_at <= @now RETURNING {Columns}")
                .With("@now", UnixTime.ToMilliseconds(now));
            List<ContactBinding> purged = await command.ReadAllAsync(Map, cancellationToken).ConfigureAwait(false);

            // RETURNING has no ORDER BY; sort here so callers see a stable order.
            purged.Sort(static (a, b) =>
            {
                int byAor = string.CompareOrdinal(a.Aor, b.Aor);
                return byAor != 0 ? byAor : string.CompareOrdinal(a.ContactUri, b.ContactUri);
            });
            return purged;
        }

        private static DbCommand Upsert(DbConnection connection, DbTransaction? transaction, ContactBinding binding) =>
            SqlDatabase.Command(connection, UpsertSql, transaction)
                .With("@aor", binding.Aor)
                .With("@contactUri", binding.ContactUri)
                .With("@q", binding.Q)
                .With("@expiresAt", UnixTime.ToMilliseconds(binding.ExpiresAt))
                .With("@callId", binding.CallId)
                .With("@cseq", binding.CSeq)
                .With("@source", binding.Source)
                .With("@transport", binding.Transport)
                .With("@path", binding.Path)
                .With("@instanceId", binding.InstanceId)
                .With("@regId", binding.RegId);

        private static void Bind(DbCommand command, ContactBinding binding)
        {
            Set(command, "@aor", binding.Aor);
            Set(command, "@contactUri", binding.ContactUri);
            Set(command, "@q", binding.Q);
            Set(command, "@expiresAt", UnixTime.ToMilliseconds(binding.ExpiresAt));
            Set(command, "@callId", binding.CallId);
            Set(command, "@cseq", binding.CSeq);
            Set(command, "@source", binding.Source);
            Set(command, "@transport", binding.Transport);
            Set(command, "@path", binding.Path);
            Set(command, "@instanceId", binding.InstanceId);
            Set(command, "@regId", binding.RegId);
        }

        // As With does: null becomes SQL NULL, so a NOT NULL column refuses it with a database error.
        private static void Set(DbCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;

        private static ContactBinding Map(DbDataReader reader) => new()
        {
            Aor = reader.GetString(0),
            ContactUri = reader.GetString(1),
            Q = reader.IsDBNull(2) ? null : reader.GetDouble(2),
            ExpiresAt = reader.GetTime(3),
            CallId = reader.GetString(4),
            CSeq = reader.GetInt64(5),
            Source = reader.GetNullableString(6),
            Transport = reader.GetNullableString(7),
            Path = reader.GetNullableString(8),
            InstanceId = reader.GetNullableString(9),
            RegId = reader.IsDBNull(10) ? null : reader.GetInt32(10),
        };
    }
}
