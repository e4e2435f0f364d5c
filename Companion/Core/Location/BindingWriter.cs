using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Core.Location
{
    /// <summary>
    /// Group commit of binding changes: one writer task takes every change queued meanwhile (up to a batch size)
    /// and stores them in one transaction, so registrations arriving together share one disk flush. Each caller's
    /// task completes when its batch is committed (or fails with the batch's error).
    /// </summary>
    internal sealed class BindingWriter : IAsyncDisposable
    {
        private readonly IBindingStore _store;
        private readonly ILogger _logger;
        private readonly int _maxBatch;
        private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(100_000)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        private readonly Task _writer;

        public BindingWriter(IBindingStore store, int maxBatch, ILogger logger)
        {
            _store = store;
            _maxBatch = maxBatch;
            _logger = logger;
            _writer = Task.Run(WriteLoopAsync);
        }

        /// <summary>Queues a change; the task completes once it is durable.</summary>
        public Task CommitAsync(BindingChange change)
        {
            var pending = new Pending(change, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (!_queue.Writer.TryWrite(pending))
            {
                return EnqueueSlowAsync(pending);
            }

            return pending.Done.Task;
        }

        public async ValueTask DisposeAsync()
        {
            // Everything queued is still written: a graceful stop loses no registration.
            _queue.Writer.TryComplete();
            await _writer.ConfigureAwait(false);
        }

        private async Task EnqueueSlowAsync(Pending pending)
        {
            await _queue.Writer.WriteAsync(pending).ConfigureAwait(false);
            await pending.Done.Task.ConfigureAwait(false);
        }

        private async Task WriteLoopAsync()
        {
            var batch = new List<Pending>(_maxBatch);
            var changes = new List<BindingChange>(_maxBatch);
            ChannelReader<Pending> reader = _queue.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < _maxBatch && reader.TryRead(out Pending? pending))
                {
                    batch.Add(pending);
                    changes.Add(pending.Change);
                }

                try
                {
                    await _store.ApplyBatchAsync(changes, CancellationToken.None).ConfigureAwait(false);
                    foreach (Pending done in batch)
                    {
                        done.Done.TrySetResult();
                    }
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "Storing {Count} registration changes failed", batch.Count);
                    foreach (Pending failed in batch)
                    {
                        failed.Done.TrySetException(e);
                    }
                }

                batch.Clear();
                changes.Clear();
            }
        }

        private sealed record Pending(BindingChange Change, TaskCompletionSource Done);
    }
}
