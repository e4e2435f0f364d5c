using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Transport;

namespace SimpleImGateway.Companion.Presence.Events
{
    /// <summary>
    /// One-shot timers whose actions run on an element's loop: subscription, publication and registration
    /// expiry. A single system timer is armed for the earliest deadline; cancelled entries are dropped lazily
    /// and the heap is rebuilt when they outnumber the live ones, so refresh churn cannot grow it without bound.
    /// Every member except <see cref="Dispose"/> must be called on the loop.
    /// </summary>
    public sealed class LoopTimers : IDisposable
    {
        private readonly PriorityQueue<LoopTimer, long> _queue = new();
        private readonly SipElementLoop _loop;
        private readonly TimeProvider _time;
        private readonly ILogger _logger;
        private readonly ITimer _timer;
        private long _armedFor = long.MaxValue;
        private int _cancelled;

        /// <summary>Creates the timers of one loop.</summary>
        public LoopTimers(SipElementLoop loop, TimeProvider time, ILogger logger)
        {
            _loop = loop;
            _time = time;
            _logger = logger;
            _timer = time.CreateTimer(_ => _loop.Post(RunDue), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        /// <summary>Runs <paramref name="action"/> on the loop at <paramref name="due"/> (at once if it has passed).</summary>
        public LoopTimer Schedule(DateTimeOffset due, Action action)
        {
            var entry = new LoopTimer(this, action);
            _queue.Enqueue(entry, due.ToUnixTimeMilliseconds());
            Rearm();
            return entry;
        }

        /// <inheritdoc/>
        public void Dispose() => _timer.Dispose();

        internal void OnCancelled()
        {
            _cancelled++;
            if (_cancelled > 1024 && _cancelled * 2 > _queue.Count)
            {
                var live = new List<(LoopTimer, long)>(_queue.Count - _cancelled);
                while (_queue.TryDequeue(out LoopTimer? entry, out long due))
                {
                    if (!entry.IsCancelled)
                    {
                        live.Add((entry, due));
                    }
                }

                _queue.EnqueueRange(live);
                _cancelled = 0;
            }
        }

        private void RunDue()
        {
            _armedFor = long.MaxValue;
            long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            while (_queue.TryPeek(out LoopTimer? entry, out long due) && due <= now)
            {
                _queue.Dequeue();
                if (entry.IsCancelled)
                {
                    _cancelled--;
                    continue;
                }

                entry.Fire();
                try
                {
                    entry.Action();
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "A timer action failed");
                }
            }

            Rearm();
        }

        private void Rearm()
        {
            if (!_queue.TryPeek(out _, out long due) || due >= _armedFor)
            {
                return;
            }

            _armedFor = due;
            long delay = Math.Max(0, due - _time.GetUtcNow().ToUnixTimeMilliseconds());
            _timer.Change(TimeSpan.FromMilliseconds(delay), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>A scheduled action of <see cref="LoopTimers"/>; cancel it on the loop.</summary>
    public sealed class LoopTimer
    {
        private readonly LoopTimers _owner;
        private bool _fired;

        internal LoopTimer(LoopTimers owner, Action action)
        {
            _owner = owner;
            Action = action;
        }

        /// <summary>Whether <see cref="Cancel"/> was called before the timer fired.</summary>
        public bool IsCancelled { get; private set; }

        internal Action Action { get; }

        /// <summary>Stops the action from running; harmless after it ran or was cancelled.</summary>
        public void Cancel()
        {
            if (IsCancelled || _fired)
            {
                return;
            }

            IsCancelled = true;
            _owner.OnCancelled();
        }

        internal void Fire() => _fired = true;
    }
}
