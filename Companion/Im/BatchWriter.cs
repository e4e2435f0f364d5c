using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>
    /// Group commit: items queued while one write runs go into the next write together, so N concurrent
    /// MESSAGEs cost one durable commit instead of N. The writes run one at a time on a thread of their own,
    /// because a durable commit blocks for the disk (Microsoft.Data.Sqlite runs its async calls synchronously):
    /// on the thread pool it would hold a pool thread for milliseconds and delay the sockets' receive loops.
    /// Each item's completion is called on that thread with its result or the write's exception (callers post
    /// to their loop).
    /// </summary>
    /// <typeparam name="TItem">What is written.</typeparam>
    /// <typeparam name="TResult">What one item's write reports.</typeparam>
    internal sealed class BatchWriter<TItem, TResult> : IAsyncDisposable
    {
        private readonly Channel<Entry> _queue = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> _write;
        private readonly int _maxBatch;
        private readonly TimeSpan _linger;
        private readonly ILogger _logger;
        private readonly string _what;
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _pending;

        /// <param name="write">Writes one batch durably and returns one result per item.</param>
        /// <param name="maxBatch">The most items per write.</param>
        /// <param name="linger">
        /// How long a write waits for more items after the first one arrived; zero writes at once (a waiting sender),
        /// more trades a short delay for fewer commits where nobody waits (deletes after delivery).
        /// </param>
        /// <param name="logger">Where failures go.</param>
        /// <param name="what">What the writes do, for logs and the thread name.</param>
        public BatchWriter(Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> write, int maxBatch, TimeSpan linger, ILogger logger, string what)
        {
            _write = write;
            _maxBatch = maxBatch;
            _linger = linger;
            _logger = logger;
            _what = what;
            _thread = new Thread(Run) { IsBackground = true, Name = "im-" + what.Replace(' ', '-') };
            _thread.Start();
        }

        /// <summary>Items queued or being written.</summary>
        public int Pending => Volatile.Read(ref _pending);

        /// <summary>Queues an item; false when the writer has stopped (the completion is then never called).</summary>
        public bool Enqueue(TItem item, Action<TResult?, Exception?> completion)
        {
            Interlocked.Increment(ref _pending);
            if (_queue.Writer.TryWrite(new Entry(item, completion)))
            {
                return true;
            }

            Interlocked.Decrement(ref _pending);
            return false;
        }

        public async ValueTask DisposeAsync()
        {
            // Writes already queued are finished (their data was promised to nobody yet, but a half-run batch is
            // worse than a short wait); then the task ends.
            _queue.Writer.TryComplete();
            await Task.WhenAny(_done.Task, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
            if (!_done.Task.IsCompleted)
            {
                _stop.Cancel();
                await Task.WhenAny(_done.Task, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
            }
        }

        private void Run()
        {
            var batch = new List<Entry>(_maxBatch);
            var items = new List<TItem>(_maxBatch);
            ChannelReader<Entry> reader = _queue.Reader;
            try
            {
                while (reader.WaitToReadAsync(_stop.Token).AsTask().GetAwaiter().GetResult())
                {
                    if (_linger > TimeSpan.Zero)
                    {
                        _stop.Token.WaitHandle.WaitOne(_linger);
                    }

                    batch.Clear();
                    items.Clear();
                    while (batch.Count < _maxBatch && reader.TryRead(out Entry entry))
                    {
                        batch.Add(entry);
                        items.Add(entry.Item);
                    }

                    IReadOnlyList<TResult>? results = null;
                    Exception? error = null;
                    try
                    {
                        results = _write(items, _stop.Token).GetAwaiter().GetResult();
                    }
                    catch (Exception e)
                    {
                        error = e;
                        _logger.LogError(e, "IM Server: {What} of {Count} item(s) failed", _what, items.Count);
                    }

                    for (int i = 0; i < batch.Count; i++)
                    {
                        Interlocked.Decrement(ref _pending);
                        try
                        {
                            batch[i].Completion(results is null ? default : results[i], error);
                        }
                        catch (Exception e)
                        {
                            _logger.LogError(e, "IM Server: completion of {What} failed", _what);
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // disposed
            }
            finally
            {
                _done.TrySetResult();
            }
        }

        private readonly record struct Entry(TItem Item, Action<TResult?, Exception?> Completion);
    }
}
