using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>
    /// The registrar's location service: the contacts bound to each address-of-record. A binding is
    /// live while its expiry time lies after "now"; expired bindings stay until <see cref="PurgeExpiredAsync"/>.
    /// </summary>
    public interface IBindingStore
    {
        /// <summary>Adds the binding or replaces the one with the same AOR and contact URI.</summary>
        Task UpsertAsync(ContactBinding binding, CancellationToken cancellationToken = default);

        /// <summary>
        /// Applies one REGISTER's changes to an AOR at once: either all upserts and removals are stored or none
        /// (RFC 3261 §10.3 step 8). Every upserted binding must belong to <paramref name="aor"/>.
        /// </summary>
        Task ApplyAsync(string aor, IReadOnlyCollection<ContactBinding> upserts, IReadOnlyCollection<string> removedContactUris, CancellationToken cancellationToken = default);

        /// <summary>
        /// Applies the changes of several REGISTERs, possibly to different AORs, in one transaction: all of them
        /// are stored or none. Changes apply in list order. A registrar uses it to commit many registrations
        /// with one disk flush (group commit). With <paramref name="flushToDisk"/> false the commit does not wait
        /// for the disk (SQLite <c>synchronous=NORMAL</c> in WAL mode, PostgreSQL <c>synchronous_commit=off</c>):
        /// it survives a crash of the server process but not of the machine.
        /// </summary>
        Task ApplyBatchAsync(IReadOnlyList<BindingChange> changes, bool flushToDisk = true, CancellationToken cancellationToken = default);

        /// <summary>Removes one binding; false when there was none.</summary>
        Task<bool> RemoveAsync(string aor, string contactUri, CancellationToken cancellationToken = default);

        /// <summary>Removes every binding of an AOR (a <c>Contact: *</c> unregister); returns how many there were.</summary>
        Task<int> RemoveAllAsync(string aor, CancellationToken cancellationToken = default);

        /// <summary>The live bindings of an AOR, highest q first (no q counts as 1.0), then by contact URI.</summary>
        Task<IReadOnlyList<ContactBinding>> ListLiveAsync(string aor, DateTimeOffset now, CancellationToken cancellationToken = default);

        /// <summary>Every live binding, ordered by AOR and then as in <see cref="ListLiveAsync"/>.</summary>
        Task<IReadOnlyList<ContactBinding>> ListAllLiveAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

        /// <summary>Deletes the bindings expired at <paramref name="now"/> and returns them, ordered by AOR and contact URI.</summary>
        Task<IReadOnlyList<ContactBinding>> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
    }
}
