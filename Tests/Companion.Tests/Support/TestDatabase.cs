using System;
using System.Threading.Tasks;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Tests.Support
{
    /// <summary>A database for tests on one provider; dropped on dispose.</summary>
    public abstract class TestDatabase : IAsyncDisposable
    {
        private const string ClearSql =
            "DELETE FROM users; DELETE FROM bindings; DELETE FROM deferred_messages; DELETE FROM delivered_message_keys; DELETE FROM im_registrations; " +
            "DELETE FROM presence_publications; DELETE FROM presence_subscriptions; DELETE FROM watcher_rules; DELETE FROM presence_registrations";

        /// <summary>A new provider on this database (several may be opened in turn, as after a restart).</summary>
        public abstract IStorageProvider OpenProvider();

        /// <summary>Runs raw SQL against the database, bypassing the stores.</summary>
        public abstract Task ExecuteAsync(string sql);

        /// <summary>Deletes every row the stores keep; the schema stays.</summary>
        public Task ClearAsync() => ExecuteAsync(ClearSql);

        public abstract ValueTask DisposeAsync();
    }
}
