using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Transport;

/// <summary>
/// The single thread that owns one SIP element's transaction layer. The Shared state machines have
/// no locks by design, so every received message, timer poll and piece of element work is posted
/// here and runs one at a time. The loop sleeps until the next work item or the layer's next timer.
/// </summary>
public sealed class SipElementLoop : IAsyncDisposable
{
    private readonly Channel<Action> _work = Channel.CreateBounded<Action>(new BoundedChannelOptions(100_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly ILogger _logger;
    private readonly string _name;
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private Func<long> _nextDue = () => SipTransactionLayer.Never;
    private Action _poll = () => { };

    /// <summary>Creates a loop; <paramref name="name"/> names its thread and log lines.</summary>
    public SipElementLoop(string name, ILogger logger)
    {
        _name = name;
        _logger = logger;
    }

    /// <summary>Whether the caller is running on this loop's thread.</summary>
    public bool IsOnLoop => Thread.CurrentThread == _thread;

    /// <summary>Starts the thread. <paramref name="nextDue"/> and <paramref name="poll"/> drive the transaction timers.</summary>
    public void Start(Func<long> nextDue, Action poll)
    {
        _nextDue = nextDue;
        _poll = poll;
        _thread = new Thread(Run) { IsBackground = true, Name = "sip-" + _name };
        _thread.Start();
    }

    /// <summary>Queues work for the loop thread. Returns false when the loop has stopped.</summary>
    public bool Post(Action work)
    {
        if (_work.Writer.TryWrite(work))
        {
            return true;
        }

        if (_stop.IsCancellationRequested)
        {
            return false;
        }

        // The queue is bounded: a producer outrunning the loop waits instead of growing memory.
        try
        {
            _work.Writer.WriteAsync(work, _stop.Token).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>Runs <paramref name="work"/> on the loop and returns its result to an async caller.</summary>
    public Task<T> InvokeAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Post(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }))
        {
            done.SetException(new ObjectDisposedException(_name));
        }

        return done.Task;
    }

    private void Run()
    {
        ChannelReader<Action> reader = _work.Reader;
        while (!_stop.IsCancellationRequested)
        {
            while (reader.TryRead(out Action? work))
            {
                RunSafely(work);
            }

            long due = _nextDue();
            if (due != SipTransactionLayer.Never && due <= Environment.TickCount64)
            {
                RunSafely(_poll);
                due = _nextDue();
            }

            int waitMs = due == SipTransactionLayer.Never
                ? 1000
                : (int)Math.Clamp(due - Environment.TickCount64, 0, 1000);
            if (waitMs == 0)
            {
                continue;
            }

            try
            {
                ValueTask<bool> ready = reader.WaitToReadAsync(_stop.Token);
                if (!ready.IsCompleted)
                {
                    ready.AsTask().Wait(waitMs);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or AggregateException)
            {
                // stopping
            }
        }
    }

    private void RunSafely(Action work)
    {
        try
        {
            work();
        }
        catch (Exception e)
        {
            // A bug in one handler must not stop the element: log it and go on with the next message.
            _logger.LogError(e, "Unhandled error on SIP element {Element}", _name);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _work.Writer.TryComplete();
        if (_thread is not null && _thread != Thread.CurrentThread)
        {
            await Task.Run(() => _thread.Join(2000));
        }

        _stop.Dispose();
    }
}
