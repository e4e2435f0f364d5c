using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Core.Location
{
    /// <summary>
    /// The location service (RFC 3261 §10): the live contacts of each address-of-record, kept in memory for
    /// routing and written through to <see cref="IBindingStore"/>. Every member but <see cref="LoadAsync"/> runs on
    /// the element's loop thread.
    /// </summary>
    public interface ILocationService
    {
        /// <summary>How many live bindings are held, over all AORs.</summary>
        int Count { get; }

        /// <summary>The live contacts of <paramref name="aor"/>, highest q first (no q counts as 1.0), then oldest first.</summary>
        IReadOnlyList<RegisteredContact> Lookup(string aor);

        /// <summary>The latest expiry over the live contacts of <paramref name="aor"/>, or null when it has none.</summary>
        DateTimeOffset? LatestExpiry(string aor);

        /// <summary>
        /// Stores one REGISTER's change durably, batched with others into one transaction; <paramref name="completed"/>
        /// runs on the loop afterwards with null, or with the error. Changes are committed in the order of the calls.
        /// </summary>
        void Commit(BindingChange change, Action<Exception?> completed);

        /// <summary>Applies a change to the in-memory table (before or after it is committed).</summary>
        void Apply(BindingChange change);

        /// <summary>Replaces the AOR's contacts in memory by what storage holds (after a failed commit).</summary>
        void Resync(string aor);

        /// <summary>Drops expired contacts from memory now and from storage in the background; returns how many left memory.</summary>
        int PurgeExpired();

        /// <summary>Reads the live bindings from storage into memory (at start, before any request is handled).</summary>
        Task LoadAsync();
    }
}
