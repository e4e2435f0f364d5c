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
        private const string Columns = "name, realm, ha1_md5, ha1_sha256, created_at";

        private readonly SqlDatabase _database;

        public SqlUserStore(SqlDatabase database)
        {
            _database = database;
        }

        public async Task<bool> AddAsync(UserAccount account, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(account);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"INSERT INTO users ({Columns}) VALUES (@name, @realm, @md5, @sha256, @createdAt) ON CONFLICT (name) DO NOTHING")
                .With("@name", account.Name)
                .With("@realm", account.Realm)
                .With("@md5", account.Ha1Md5)
                .With("@sha256", account.Ha1Sha256)
                .With("@createdAt", UnixTime.ToMilliseconds(account.CreatedAt));
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

        private static UserAccount Map(DbDataReader reader) => new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetTime(4));
    }
}
