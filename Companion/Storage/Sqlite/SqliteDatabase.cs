using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SimpleImGateway.Companion.Storage.Sql;

namespace SimpleImGateway.Companion.Storage.Sqlite
{
    /// <summary>
    /// A SQLite database file in WAL mode. Every connection runs with <c>synchronous=FULL</c>, so a committed
    /// transaction has reached the disk before the call returns, as the IM Server's 202 requires.
    /// </summary>
    internal sealed class SqliteDatabase : SqlDatabase
    {
        private readonly string _path;
        private readonly string _connectionString;

        public SqliteDatabase(string databasePath)
        {
            _path = System.IO.Path.GetFullPath(databasePath);
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = _path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Cache = SqliteCacheMode.Private,
                Pooling = true,

                // Also how long a writer waits for the file's write lock held by another connection.
                DefaultTimeout = 30,
            }.ToString();
        }

        public override string Description => $"SQLite database {_path}";

        // SQLite compares TEXT with BINARY by default, which orders UTF-8 by code point already.
        public override string OrdinalCollation => string.Empty;

        public override IReadOnlyList<SchemaMigration> Migrations => SqliteMigrations.All;

        public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
        {
            var connection = new SqliteConnection(_connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using DbCommand pragma = Command(connection, "PRAGMA synchronous = FULL");
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return connection;
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, string lockKey, CancellationToken cancellationToken)
        {
            // BEGIN IMMEDIATE takes the database's single write lock up front, which serializes every writer
            // (any lock key included) and avoids the deadlock of two readers upgrading to writers.
            DbTransaction transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
            return Task.FromResult(transaction);
        }

        public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, string lockKey, bool flushToDisk, CancellationToken cancellationToken)
        {
            if (!flushToDisk)
            {
                // WAL with synchronous=NORMAL: a commit is in the log (safe from a process crash) without an fsync;
                // the next OpenAsync of this pooled connection sets FULL again.
                await using DbCommand pragma = Command(connection, "PRAGMA synchronous = NORMAL");
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return await BeginWriteAsync(connection, lockKey, cancellationToken).ConfigureAwait(false);
        }

        public override ValueTask DisposeAsync()
        {
            // Pooled connections keep the file open; release them with the provider.
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
            return ValueTask.CompletedTask;
        }

        protected override async Task PrepareAsync(CancellationToken cancellationToken)
        {
            string? directory = System.IO.Path.GetDirectoryName(_path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            // The journal mode is stored in the file; it cannot change inside a transaction.
            await using DbConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand wal = Command(connection, "PRAGMA journal_mode = WAL");
            string? mode = Convert.ToString(await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new StorageUnavailableException($"{Description} could not switch to WAL journal mode (it reports '{mode}')");
            }
        }
    }
}
