using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Core.Location
{
    /// <summary>
    /// Group commit of binding changes: one writer thread takes every change queued meanwhile (up to a batch size)
    /// and stores them in one transaction, so registrations arriving together share one disk flush. The callbacks
    /// of a batch run together in one item posted to the element's loop, with null or the batch's error. A thread
    /// of its own rather than the thread pool: it blocks in the database, and hands nothing to other threads but
    /// that one loop item per batch.
    /// </summary>
    internal sealed class BindingWriter : IAsyncDisposable
    {
        private const int MaxQueued = 100_000;

        private readonly IBindingStore _store;
        private readonly ILogger _logger;
        private readonly int _maxBatch;
        private readonly Action<Action> _post;
        private readonly bool _flushToDisk;
        private readonly ConcurrentQueue<Pending> _queue = new();
        private readonly AutoResetEvent _wake = new(false);
        private readonly Thread _thread;
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _queued;
        private int _sleeping;
        private int _stopping;

        public BindingWriter(IBindingStore store, int maxBatch, bool flushToDisk, Action<Action> post, ILogger logger)
        {
            _store = store;
            _flushToDisk = flushToDisk;
            _maxBatch = maxBatch;
            _post = post;
            _logger = logger;
            _thread = new Thread(WriteLoop) { IsBackground = true, Name = "core-binding-writer" };
            _thread.Start();
        }

        /// <summary>Queues a change; <paramref name="completed"/> runs on the loop once it is durable (null) or failed.</summary>
        public void Commit(BindingChange change, Action<Exception?> completed)
        {
            if (Volatile.Read(ref _stopping) != 0 || Interlocked.Increment(ref _queued) > MaxQueued)
            {
                if (Volatile.Read(ref _stopping) == 0)
                {
                    Interlocked.Decrement(ref _queued);
                }

                // The caller hears it now rather than waiting behind a queue that cannot drain in time.
                completed(new InvalidOperationException("the binding writer is full or stopped"));
                return;
            }

            _queue.Enqueue(new Pending(change, completed));
            if (Volatile.Read(ref _sleeping) != 0)
            {
                _wake.Set();
            }
        }

        public async ValueTask DisposeAsync()
        {
            // Everything queued is still written: a graceful stop loses no registration.
            if (Interlocked.Exchange(ref _stopping, 1) == 0)
            {
                _wake.Set();
            }

            await _finished.Task.ConfigureAwait(false);
        }

        private void WriteLoop()
        {
            var batch = new List<Pending>(_maxBatch);
            var changes = new List<BindingChange>(_maxBatch);
            try
            {
                while (true)
                {
                    while (batch.Count < _maxBatch && _queue.TryDequeue(out Pending? pending))
                    {
                        Interlocked.Decrement(ref _queued);
                        batch.Add(pending);
                        changes.Add(pending.Change);
                    }

                    if (batch.Count == 0)
                    {
                        if (Volatile.Read(ref _stopping) != 0)
                        {
                            return;
                        }

                        Interlocked.Exchange(ref _sleeping, 1);
                        if (_queue.IsEmpty && Volatile.Read(ref _stopping) == 0)
                        {
                            _wake.WaitOne(1000);
                        }

                        Interlocked.Exchange(ref _sleeping, 0);
                        continue;
                    }

                    Write(batch, changes);
                    batch.Clear();
                    changes.Clear();
                }
            }
            finally
            {
                _finished.TrySetResult();
            }
        }

        private void Write(List<Pending> batch, List<BindingChange> changes)
        {
            Exception? failure = null;
            try
            {
                _store.ApplyBatchAsync(changes, _flushToDisk, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Storing {Count} registration changes failed", batch.Count);
                failure = e;
            }

            Pending[] done = batch.ToArray();
            _post(() =>
            {
                foreach (Pending pending in done)
                {
                    pending.Completed(failure);
                }
            });
        }

        private sealed record Pending(BindingChange Change, Action<Exception?> Completed);
    }
}
