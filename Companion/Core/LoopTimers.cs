using System;
using System.Collections.Generic;
using System.Threading;

namespace SimpleImGateway.Companion.Core
{
    /// <summary>
    /// Timers whose actions run on a SIP element's loop thread, for deadlines the transaction layer does not
    /// keep (an application server's answer, a forwarded request's overall timeout, periodic purges). A
    /// background tick every <see cref="ResolutionMilliseconds"/> posts the due ones to the loop while any are
    /// pending; cancelled timers are dropped when their time comes.
    /// </summary>
    public sealed class LoopTimers : IDisposable
    {
        /// <summary>How late a timer may fire, at most, in milliseconds (plus the loop's queue).</summary>
        public const int ResolutionMilliseconds = 20;

        private readonly PriorityQueue<LoopTimer, long> _queue = new();
        private readonly Action<Action> _post;
        private readonly Timer _tick;
        private readonly Action _fire;
        private int _pending;
        private int _firePosted;

        /// <summary>Creates the timers; <paramref name="post"/> queues work on the loop.</summary>
        public LoopTimers(Action<Action> post)
        {
            _post = post;
            _fire = Fire;
            _tick = new Timer(_ => Tick(), null, ResolutionMilliseconds, ResolutionMilliseconds);
        }

        /// <summary>Starts a timer; call on the loop.</summary>
        public LoopTimer Start(TimeSpan delay, Action action)
        {
            var timer = new LoopTimer(Environment.TickCount64 + (long)delay.TotalMilliseconds, action);
            _queue.Enqueue(timer, timer.Due);
            Interlocked.Increment(ref _pending);
            return timer;
        }

        /// <inheritdoc/>
        public void Dispose() => _tick.Dispose();

        private void Tick()
        {
            // One Fire in the loop's queue at a time: a busy loop must not pile them up.
            if (Volatile.Read(ref _pending) > 0 && Interlocked.Exchange(ref _firePosted, 1) == 0)
            {
                _post(_fire);
            }
        }

        private void Fire()
        {
            Volatile.Write(ref _firePosted, 0);
            long now = Environment.TickCount64;
            while (_queue.TryPeek(out LoopTimer? timer, out long due) && due <= now)
            {
                _queue.Dequeue();
                Interlocked.Decrement(ref _pending);
                if (!timer.IsCancelled)
                {
                    timer.Action();
                }
            }
        }
    }
}
