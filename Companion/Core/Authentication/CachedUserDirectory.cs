using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Core.Authentication
{
    /// <summary>
    /// <see cref="IUserDirectory"/> over the user store with a short-lived cache of answers, unknown users
    /// included, so a burst of requests from one user reads the database once. A user added or removed with the
    /// <c>users</c> command is seen by a running server within the cache lifetime.
    /// </summary>
    public sealed class CachedUserDirectory : IUserDirectory
    {
        private const int MaxEntries = 100_000;

        private readonly IUserStore _store;
        private readonly TimeProvider _time;
        private readonly long _lifetimeTicks;
        private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

        /// <summary>Creates the directory; a <paramref name="lifetime"/> of zero disables the cache.</summary>
        public CachedUserDirectory(IUserStore store, TimeSpan lifetime, TimeProvider? time = null)
        {
            _store = store;
            _time = time ?? TimeProvider.System;
            _lifetimeTicks = (long)(lifetime.TotalSeconds * _time.TimestampFrequency);
        }

        /// <inheritdoc/>
        public ValueTask<UserAccount?> FindAsync(string name, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(name);
            if (_lifetimeTicks > 0 && _cache.TryGetValue(name, out Entry? entry) && _time.GetTimestamp() < entry.ExpiresAt)
            {
                return ValueTask.FromResult(entry.Account);
            }

            return new ValueTask<UserAccount?>(LoadAsync(name, cancellationToken));
        }

        /// <inheritdoc/>
        public async Task PromotePendingAsync(string name, string pendingHa1Md5, CancellationToken cancellationToken = default)
        {
            await _store.PromotePendingCredentialsAsync(name, pendingHa1Md5, cancellationToken).ConfigureAwait(false);
            _cache.TryRemove(name, out _);
        }

        private async Task<UserAccount?> LoadAsync(string name, CancellationToken cancellationToken)
        {
            UserAccount? account = await _store.GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (_lifetimeTicks > 0)
            {
                if (_cache.Count >= MaxEntries)
                {
                    _cache.Clear(); // bounded memory: a flood of invented names must not grow the cache forever
                }

                _cache[name] = new Entry(account, _time.GetTimestamp() + _lifetimeTicks);
            }

            return account;
        }

        private sealed record Entry(UserAccount? Account, long ExpiresAt);
    }
}
