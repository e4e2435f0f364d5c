using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Presence.Events;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Presence
{
    /// <summary>
    /// Writes the Presence Server's state to <see cref="IPresenceStore"/> behind the loop, which keeps the
    /// authoritative copy in memory. Writes run one at a time in the order they were asked for; subscription
    /// records coalesce per key, so a fan-out of a thousand NOTIFYs (each bumping a CSeq) costs one transaction.
    /// A failed write is logged and dropped: the server keeps running on its memory.
    /// </summary>
    public sealed class PresenceStateWriter : ISubscriptionPersistence, IAsyncDisposable
    {
        private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Dictionary<SubscriptionKey, PresenceSubscription?> _dirty = new();
        private readonly IPresenceStore _store;
        private readonly ILogger _logger;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _runner;

        /// <summary>Starts the writer.</summary>
        public PresenceStateWriter(IPresenceStore store, ILogger logger)
        {
            _store = store;
            _logger = logger;
            _runner = Task.Run(RunAsync);
        }

        /// <inheritdoc/>
        public void Save(PresenceSubscription subscription) => MarkDirty(subscription.Key, subscription);

        /// <inheritdoc/>
        public void Remove(SubscriptionKey key) => MarkDirty(key, null);

        /// <summary>Queues a write, run after every write queued before it.</summary>
        public void Enqueue(string what, Func<IPresenceStore, CancellationToken, Task> write) =>
            _work.Writer.TryWrite(async ct =>
            {
                try
                {
                    await write(_store, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogError(e, "Presence storage failed while {What}", what);
                }
            });

        /// <summary>Completes when everything queued so far has been written.</summary>
        public Task FlushAsync()
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_work.Writer.TryWrite(_ =>
            {
                done.SetResult();
                return Task.CompletedTask;
            }))
            {
                done.SetResult();
            }

            return done.Task;
        }

        /// <inheritdoc/>
        public async ValueTask DisposeAsync()
        {
            _work.Writer.TryComplete();
            try
            {
                await _runner.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _logger.LogWarning("Presence storage writes still pending at shutdown were abandoned");
                _stop.Cancel();
            }

            _stop.Dispose();
        }

        private void MarkDirty(SubscriptionKey key, PresenceSubscription? record)
        {
            bool first;
            lock (_dirty)
            {
                first = _dirty.Count == 0;
                _dirty[key] = record;
            }

            if (first)
            {
                Enqueue("saving subscriptions", (store, ct) => FlushSubscriptionsAsync(store, ct));
            }
        }

        private Task FlushSubscriptionsAsync(IPresenceStore store, CancellationToken cancellationToken)
        {
            var upserts = new List<PresenceSubscription>();
            var removals = new List<SubscriptionKey>();
            lock (_dirty)
            {
                foreach ((SubscriptionKey key, PresenceSubscription? record) in _dirty)
                {
                    if (record is null)
                    {
                        removals.Add(key);
                    }
                    else
                    {
                        upserts.Add(record);
                    }
                }

                _dirty.Clear();
            }

            return store.SaveSubscriptionsAsync(upserts, removals, cancellationToken);
        }

        private async Task RunAsync()
        {
            await foreach (Func<CancellationToken, Task> write in _work.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await write(_stop.Token).ConfigureAwait(false);
            }
        }
    }
}
