using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SimpleImGateway.Companion.Storage.Sql;

namespace SimpleImGateway.Companion.Storage.Postgres
{
    /// <summary>
    /// A PostgreSQL database reached through one pooled <see cref="NpgsqlDataSource"/>. Writers that must
    /// not interleave take a transaction-scoped advisory lock on a hash of their lock key.
    /// </summary>
    internal sealed class PostgresDatabase : SqlDatabase
    {
        private readonly NpgsqlDataSource _dataSource;

        public PostgresDatabase(string connectionString)
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            string schema = string.IsNullOrEmpty(builder.SearchPath) ? string.Empty : $" (search path {builder.SearchPath})";
            Description = $"PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}{schema}";
            _dataSource = NpgsqlDataSource.Create(builder);
        }

        public override string Description { get; }

        // Without it, ORDER BY follows the database's locale collation, which differs from SQLite's order.
        public override string OrdinalCollation => " COLLATE \"C\"";

        public override IReadOnlyList<SchemaMigration> Migrations => PostgresMigrations.All;

        public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
            await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, string lockKey, CancellationToken cancellationToken)
        {
            DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await using DbCommand command = Command(connection, "SELECT pg_advisory_xact_lock(hashtextextended(@lockKey, 0))", transaction)
                    .With("@lockKey", lockKey);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return transaction;
            }
            catch
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, string lockKey, bool flushToDisk, CancellationToken cancellationToken)
        {
            DbTransaction transaction = await BeginWriteAsync(connection, lockKey, cancellationToken).ConfigureAwait(false);
            if (!flushToDisk)
            {
                try
                {
                    // Only this transaction's commit stops waiting for the WAL flush.
                    await using DbCommand command = Command(connection, "SET LOCAL synchronous_commit TO OFF", transaction);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await transaction.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }

            return transaction;
        }

        public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
    }
}
