using System.Threading;
using System.Threading.Tasks;

namespace SimpleImGateway.Companion.Storage.Sql
{
    /// <summary>The stores of one relational database.</summary>
    internal sealed class SqlStorageProvider : IStorageProvider
    {
        private readonly SqlDatabase _database;

        public SqlStorageProvider(SqlDatabase database)
        {
            _database = database;
            Users = new SqlUserStore(database);
            Bindings = new SqlBindingStore(database);
            Messages = new SqlMessageStore(database);
            Presence = new SqlPresenceStore(database);
        }

        public string Description => _database.Description;

        public IUserStore Users { get; }

        public IBindingStore Bindings { get; }

        public IMessageStore Messages { get; }

        public IPresenceStore Presence { get; }

        public Task MigrateAsync(CancellationToken cancellationToken = default) => _database.MigrateAsync(cancellationToken);

        public ValueTask DisposeAsync() => _database.DisposeAsync();
    }
}
