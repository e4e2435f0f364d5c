using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace SimpleImGateway.Companion.Storage.Sql
{
    /// <summary>
    /// What differs between the relational providers: how to open a connection, how to take a write lock,
    /// the DDL and a few dialect details. The stores above it are written once in SQL both providers accept.
    /// </summary>
    internal abstract class SqlDatabase : IAsyncDisposable
    {
        /// <summary>A description for logs: the provider and where the data is, never a password.</summary>
        public abstract string Description { get; }

        /// <summary>Appended to a text column in ORDER BY so that text sorts by code point in every provider.</summary>
        public abstract string OrdinalCollation { get; }

        /// <summary>The provider's schema history, ascending by version.</summary>
        public abstract IReadOnlyList<SchemaMigration> Migrations { get; }

        /// <summary>Opens a connection configured for durable writes.</summary>
        public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

        /// <summary>
        /// Begins a write transaction. Writers passing the same <paramref name="lockKey"/> run one after the other
        /// until commit; a provider may serialize more than that (SQLite has one writer at a time).
        /// </summary>
        public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, string lockKey, CancellationToken cancellationToken);

        /// <summary>
        /// Begins a write transaction whose commit, with <paramref name="flushToDisk"/> false, need not wait for the
        /// disk: it survives a crash of the process but not of the machine. The base implementation always flushes.
        /// </summary>
        public virtual Task<DbTransaction> BeginWriteAsync(DbConnection connection, string lockKey, bool flushToDisk, CancellationToken cancellationToken)
            => BeginWriteAsync(connection, lockKey, cancellationToken);

        /// <inheritdoc/>
        public abstract ValueTask DisposeAsync();

        /// <summary>Creates a command on the connection, enlisted in the transaction when one is given.</summary>
        public static DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction = null)
        {
            DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            return command;
        }

        /// <summary>Creates or upgrades the schema, then reports the version reached.</summary>
        public async Task<int> MigrateAsync(CancellationToken cancellationToken)
        {
            try
            {
                await PrepareAsync(cancellationToken).ConfigureAwait(false);
                await using DbConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                await using DbTransaction transaction = await BeginWriteAsync(connection, "schema", cancellationToken).ConfigureAwait(false);

                await using (DbCommand create = Command(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)", transaction))
                {
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                int current;
                await using (DbCommand read = Command(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction))
                {
                    current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
                }

                int latest = Migrations.Count == 0 ? 0 : Migrations[Migrations.Count - 1].Version;
                if (current > latest)
                {
                    throw new StorageUnavailableException($"{Description} has schema version {current}, newer than the {latest} this build knows");
                }

                foreach (SchemaMigration migration in Migrations)
                {
                    if (migration.Version <= current)
                    {
                        continue;
                    }

                    foreach (string statement in migration.Statements)
                    {
                        await using DbCommand ddl = Command(connection, statement, transaction);
                        await ddl.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await using DbCommand record = Command(connection, "INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, @appliedAt)", transaction)
                        .With("@version", migration.Version)
                        .With("@description", migration.Description)
                        .With("@appliedAt", UnixTime.ToMilliseconds(DateTimeOffset.UtcNow));
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return latest;
            }
            catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or SocketException or TimeoutException)
            {
                throw new StorageUnavailableException($"cannot open {Description}: {OneLine(e.Message)}", e);
            }
        }

        /// <summary>Work before the first connection, such as creating the data directory.</summary>
        protected virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
    }
}
