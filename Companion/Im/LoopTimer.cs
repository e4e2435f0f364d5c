using System;
using System.Threading;
using SimpleImGateway.Companion.Transport;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>
    /// A one-shot timer whose callback runs on an element's loop. Started and cancelled on the loop only; a
    /// firing that races with <see cref="Cancel"/> or a restart is recognized by its generation and dropped.
    /// Times come from a <see cref="TimeProvider"/>, so tests can move them.
    /// </summary>
    internal sealed class LoopTimer : IDisposable
    {
        private readonly TimeProvider _time;
        private readonly SipElementLoop _loop;
        private readonly Action _onFire;
        private ITimer? _timer;
        private int _generation;

        public LoopTimer(TimeProvider time, SipElementLoop loop, Action onFire)
        {
            _time = time;
            _loop = loop;
            _onFire = onFire;
        }

        /// <summary>Whether the timer is armed.</summary>
        public bool IsArmed { get; private set; }

        /// <summary>When the armed timer fires.</summary>
        public DateTimeOffset DueAt { get; private set; }

        /// <summary>Arms the timer for <paramref name="due"/> from now, replacing an earlier arming; zero or less fires at once (posted).</summary>
        public void Start(TimeSpan due)
        {
            Cancel();
            int generation = _generation;
            IsArmed = true;
            DueAt = _time.GetUtcNow() + (due < TimeSpan.Zero ? TimeSpan.Zero : due);
            if (due <= TimeSpan.Zero)
            {
                _loop.Post(() => Fire(generation));
                return;
            }

            _timer = _time.CreateTimer(_ => _loop.Post(() => Fire(generation)), null, due, Timeout.InfiniteTimeSpan);
        }

        /// <summary>Arms the timer for an absolute time.</summary>
        public void StartAt(DateTimeOffset at)
        {
            Start(at - _time.GetUtcNow());
            DueAt = at;
        }

        /// <summary>Disarms the timer.</summary>
        public void Cancel()
        {
            _generation++;
            IsArmed = false;
            _timer?.Dispose();
            _timer = null;
        }

        public void Dispose() => Cancel();

        private void Fire(int generation)
        {
            if (generation != _generation)
            {
                return;
            }

            IsArmed = false;
            _timer?.Dispose();
            _timer = null;
            _onFire();
        }
    }
}
