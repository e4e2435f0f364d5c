using System;
using System.Threading;
using System.Threading.Tasks;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>
    /// One database holding all stores. <see cref="MigrateAsync"/> must have completed before a store is used.
    /// </summary>
    public interface IStorageProvider : IAsyncDisposable
    {
        /// <summary>A description for logs: the provider and where the data is, never a password.</summary>
        string Description { get; }

        /// <summary>The users of the domain.</summary>
        IUserStore Users { get; }

        /// <summary>The registrar's bindings.</summary>
        IBindingStore Bindings { get; }

        /// <summary>The IM Server's deferred messages.</summary>
        IMessageStore Messages { get; }

        /// <summary>The Presence Server's publications, subscriptions and watcher rules.</summary>
        IPresenceStore Presence { get; }

        /// <summary>
        /// Creates the schema or upgrades it to the version this build knows; safe to call repeatedly and from
        /// several processes. Throws <see cref="StorageUnavailableException"/> when the database cannot be
        /// opened or holds a newer schema.
        /// </summary>
        Task MigrateAsync(CancellationToken cancellationToken = default);
    }
}
