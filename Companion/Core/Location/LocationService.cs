using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Companion.Core.Location
{
    /// <summary>
    /// <see cref="ILocationService"/>: an in-memory table of AOR → contacts (what routing reads, with no database
    /// round trip per request) backed by <see cref="IBindingStore"/> through a group-committing writer. The Core
    /// is the only writer of the bindings table; the table is loaded from it at start.
    /// </summary>
    public sealed class LocationService : ILocationService, IAsyncDisposable
    {
        private readonly Dictionary<string, List<RegisteredContact>> _table = new(StringComparer.Ordinal);
        private readonly IBindingStore _store;
        private readonly BindingWriter _writer;
        private readonly TimeProvider _time;
        private readonly ILogger _logger;
        private readonly Action<Action> _post;
        private int _count;

        /// <summary>
        /// Creates the service over <paramref name="store"/>; <paramref name="maxCommitBatch"/> bounds a group commit,
        /// <paramref name="flushEachCommit"/> makes each wait for the disk, <paramref name="postToLoop"/> queues commit
        /// callbacks on the element's loop.
        /// </summary>
        public LocationService(IBindingStore store, int maxCommitBatch, bool flushEachCommit, Action<Action> postToLoop, TimeProvider time, ILogger logger)
        {
            _store = store;
            _time = time;
            _logger = logger;
            _post = postToLoop;
            _writer = new BindingWriter(store, maxCommitBatch, flushEachCommit, postToLoop, logger);
        }

        /// <inheritdoc/>
        public int Count => _count;

        private DateTimeOffset Now => _time.GetUtcNow();

        /// <inheritdoc/>
        public IReadOnlyList<RegisteredContact> Lookup(string aor)
        {
            if (!_table.TryGetValue(aor, out List<RegisteredContact>? contacts))
            {
                return [];
            }

            DateTimeOffset now = Now;
            bool allLive = true;
            bool ordered = true;
            for (int i = 0; i < contacts.Count; i++)
            {
                allLive &= contacts[i].Binding.IsLiveAt(now);
                ordered &= i == 0 || contacts[i - 1].EffectiveQ >= contacts[i].EffectiveQ;
            }

            if (allLive && ordered)
            {
                return contacts.ToArray();
            }

            // OrderByDescending is stable: equal q keeps registration order.
            return contacts.Where(c => c.Binding.IsLiveAt(now)).OrderByDescending(c => c.EffectiveQ).ToArray();
        }

        /// <inheritdoc/>
        public DateTimeOffset? LatestExpiry(string aor)
        {
            DateTimeOffset? latest = null;
            foreach (RegisteredContact contact in Lookup(aor))
            {
                if (latest is null || contact.Binding.ExpiresAt > latest)
                {
                    latest = contact.Binding.ExpiresAt;
                }
            }

            return latest;
        }

        /// <inheritdoc/>
        public void Commit(BindingChange change, Action<Exception?> completed) => _writer.Commit(change, completed);

        /// <inheritdoc/>
        public void Apply(BindingChange change)
        {
            if (!_table.TryGetValue(change.Aor, out List<RegisteredContact>? contacts))
            {
                contacts = [];
                _table[change.Aor] = contacts;
            }

            foreach (string removed in change.RemovedContactUris)
            {
                int at = contacts.FindIndex(c => c.Binding.ContactUri == removed);
                if (at >= 0)
                {
                    contacts.RemoveAt(at);
                    _count--;
                }
            }

            foreach (ContactBinding binding in change.Upserts)
            {
                if (!TryParse(binding, out RegisteredContact? contact))
                {
                    continue;
                }

                int at = contacts.FindIndex(c => c.Binding.ContactUri == binding.ContactUri);
                if (at >= 0)
                {
                    contacts[at] = contact;
                }
                else
                {
                    contacts.Add(contact);
                    _count++;
                }
            }

            if (contacts.Count == 0)
            {
                _table.Remove(change.Aor);
            }
        }

        /// <inheritdoc/>
        public void Resync(string aor)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    IReadOnlyList<ContactBinding> stored = await _store.ListLiveAsync(aor, Now).ConfigureAwait(false);
                    _post(() =>
                    {
                        _count -= _table.TryGetValue(aor, out List<RegisteredContact>? old) ? old.Count : 0;
                        _table.Remove(aor);
                        Apply(new BindingChange(aor, stored, []));
                    });
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "Could not reload the bindings of {Aor} from storage", aor);
                }
            });
        }

        /// <inheritdoc/>
        public int PurgeExpired()
        {
            DateTimeOffset now = Now;
            int purged = 0;
            var emptied = new List<string>();
            foreach ((string aor, List<RegisteredContact> contacts) in _table)
            {
                purged += contacts.RemoveAll(c => !c.Binding.IsLiveAt(now));
                if (contacts.Count == 0)
                {
                    emptied.Add(aor);
                }
            }

            foreach (string aor in emptied)
            {
                _table.Remove(aor);
            }

            _count -= purged;
            _ = Task.Run(async () =>
            {
                try
                {
                    await _store.PurgeExpiredAsync(now).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    _logger.LogWarning(e, "Purging expired bindings from storage failed; the next purge retries");
                }
            });
            return purged;
        }

        /// <inheritdoc/>
        public async Task LoadAsync()
        {
            IReadOnlyList<ContactBinding> live = await _store.ListAllLiveAsync(Now).ConfigureAwait(false);
            _table.Clear();
            _count = 0;
            foreach (ContactBinding binding in live)
            {
                if (!TryParse(binding, out RegisteredContact? contact))
                {
                    continue;
                }

                if (!_table.TryGetValue(binding.Aor, out List<RegisteredContact>? contacts))
                {
                    contacts = [];
                    _table[binding.Aor] = contacts;
                }

                contacts.Add(contact);
                _count++;
            }
        }

        /// <inheritdoc/>
        public ValueTask DisposeAsync() => _writer.DisposeAsync();

        private bool TryParse(ContactBinding binding, out RegisteredContact contact)
        {
            try
            {
                contact = new RegisteredContact(binding, SipUri.Parse(binding.ContactUri));
                return true;
            }
            catch (SipParseException e)
            {
                // Only the registrar writes bindings, so this means a hand-edited table: skip the row, say why.
                _logger.LogWarning("Ignoring binding {Contact} of {Aor}: {Reason}", binding.ContactUri, binding.Aor, e.Reason);
                contact = null!;
                return false;
            }
        }
    }
}
