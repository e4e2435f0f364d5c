using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Transport;

/// <summary>
/// The single thread that owns one SIP element's transaction layer. The Shared state machines have
/// no locks by design, so every received message, timer poll and piece of element work is posted
/// here and runs one at a time. The loop sleeps until the next work item or the layer's next timer.
/// </summary>
/// <remarks>
/// The queue is bounded (<see cref="Capacity"/>): a producer outrunning the loop waits instead of growing
/// memory. An idle loop sleeps on an event that a producer sets only when the loop is actually asleep, so
/// under load posting costs a queue operation and nothing else, and an idle loop burns no CPU spinning.
/// </remarks>
public sealed class SipElementLoop : IAsyncDisposable
{
    /// <summary>How many work items may wait before <see cref="Post"/> blocks its caller.</summary>
    public const int Capacity = 100_000;

    private readonly ConcurrentQueue<Action> _work = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly ILogger _logger;
    private readonly string _name;
    private Thread? _thread;
    private Func<long> _nextDue = () => SipTransactionLayer.Never;
    private Action _poll = () => { };
    private int _count;
    private int _sleeping;
    private int _stopped;

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
        if (Volatile.Read(ref _stopped) != 0)
        {
            return false;
        }

        while (Interlocked.Increment(ref _count) > Capacity)
        {
            // Full: wait for room, unless the caller is the loop itself (it would wait for itself).
            Interlocked.Decrement(ref _count);
            if (IsOnLoop)
            {
                _logger.LogWarning("SIP element {Element}: work queue full; running an item posted by the loop itself inline", _name);
                RunSafely(work);
                return true;
            }

            if (Volatile.Read(ref _stopped) != 0)
            {
                return false;
            }

            Thread.Sleep(1);
        }

        _work.Enqueue(work);
        if (Volatile.Read(ref _sleeping) != 0)
        {
            _wake.Set();
        }

        return true;
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
        while (Volatile.Read(ref _stopped) == 0)
        {
            while (_work.TryDequeue(out Action? work))
            {
                Interlocked.Decrement(ref _count);
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

            // Announce the sleep before the last look at the queue: a producer that enqueued after that look
            // sees the flag and sets the event, so no item waits for the timeout.
            Interlocked.Exchange(ref _sleeping, 1);
            if (_work.IsEmpty)
            {
                _wake.WaitOne(waitMs);
            }

            Interlocked.Exchange(ref _sleeping, 0);
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
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _wake.Set();
        if (_thread is not null && _thread != Thread.CurrentThread)
        {
            await Task.Run(() => _thread.Join(2000));
        }

        // The event is left to the finalizer: a producer racing with the shutdown may still set it.
    }
}
