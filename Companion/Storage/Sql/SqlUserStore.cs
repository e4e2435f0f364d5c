using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace SimpleImGateway.Companion.Storage.Sql
{
    /// <summary><see cref="IUserStore"/> over the <c>users</c> table.</summary>
    internal sealed class SqlUserStore : IUserStore
    {
        private const string Columns = "name, realm, ha1_md5, ha1_sha256, created_at, pending_ha1_md5, pending_ha1_sha256, pending_issued_at, paired_at";

        private readonly SqlDatabase _database;

        public SqlUserStore(SqlDatabase database)
        {
            _database = database;
        }

        public async Task<bool> AddAsync(UserAccount account, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(account);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(
                    connection,
                    $"INSERT INTO users ({Columns}) VALUES (@name, @realm, @md5, @sha256, @createdAt, @pendingMd5, @pendingSha256, @pendingIssuedAt, @pairedAt) ON CONFLICT (name) DO NOTHING")
                .With("@name", account.Name)
                .With("@realm", account.Realm)
                .With("@md5", account.Ha1Md5)
                .With("@sha256", account.Ha1Sha256)
                .With("@createdAt", UnixTime.ToMilliseconds(account.CreatedAt))
                .With("@pendingMd5", account.Pending?.Ha1Md5)
                .With("@pendingSha256", account.Pending?.Ha1Sha256)
                .With("@pendingIssuedAt", account.Pending is { } pending ? UnixTime.ToMilliseconds(pending.IssuedAt) : null)
                .With("@pairedAt", account.PairedAt is { } pairedAt ? UnixTime.ToMilliseconds(pairedAt) : null);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        public async Task<UserAccount?> GetAsync(string name, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(name);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"SELECT {Columns} FROM users WHERE name = @name")
                .With("@name", name);
            return await command.ReadFirstOrDefaultAsync(Map, cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default)
        {
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"SELECT {Columns} FROM users ORDER BY name{_database.OrdinalCollation}");
            return await command.ReadAllAsync(Map, cancellationToken).ConfigureAwait(false);
        }

        public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(name);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, "DELETE FROM users WHERE name = @name")
                .With("@name", name);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        public async Task<bool> SetPendingCredentialsAsync(string name, PendingCredentials pending, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(name);
            ArgumentNullException.ThrowIfNull(pending);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(
                    connection,
                    "UPDATE users SET pending_ha1_md5 = @md5, pending_ha1_sha256 = @sha256, pending_issued_at = @issuedAt WHERE name = @name")
                .With("@name", name)
                .With("@md5", pending.Ha1Md5)
                .With("@sha256", pending.Ha1Sha256)
                .With("@issuedAt", UnixTime.ToMilliseconds(pending.IssuedAt));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        public async Task<bool> PromotePendingCredentialsAsync(string name, string pendingHa1Md5, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(name);
            ArgumentNullException.ThrowIfNull(pendingHa1Md5);

            // One statement: the swap is atomic in both providers, and the condition makes a concurrent rotation win.
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(
                    connection,
                    """
                    UPDATE users SET ha1_md5 = pending_ha1_md5, ha1_sha256 = pending_ha1_sha256,
                        pending_ha1_md5 = NULL, pending_ha1_sha256 = NULL, pending_issued_at = NULL
                    WHERE name = @name AND pending_ha1_md5 = @md5 AND pending_ha1_sha256 IS NOT NULL
                    """)
                .With("@name", name)
                .With("@md5", pendingHa1Md5);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        private static UserAccount Map(DbDataReader reader) => new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetTime(4))
        {
            Pending = reader.IsDBNull(5) || reader.IsDBNull(6) || reader.IsDBNull(7)
                ? null
                : new PendingCredentials(reader.GetString(5), reader.GetString(6), reader.GetTime(7)),
            PairedAt = reader.IsDBNull(8) ? null : reader.GetTime(8),
        };
    }
}
