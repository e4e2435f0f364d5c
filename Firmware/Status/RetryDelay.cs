using System;

namespace SimpleImGateway.Firmware.Status
{
    /// <summary>
    /// How long the device's main loop waits before trying again after a failure: the first wait, then
    /// twice as long each time up to a ceiling, back to the first after a success. Without jitter: one
    /// device retrying its own start-up does not need it (the UA's registration backoff has its own).
    /// </summary>
    public sealed class RetryDelay
    {
        private readonly int _first;
        private readonly int _cap;
        private int _next;

        /// <summary>Creates the schedule.</summary>
        /// <param name="firstMilliseconds">The first wait (at least 1).</param>
        /// <param name="capMilliseconds">No wait is longer (at least the first).</param>
        public RetryDelay(int firstMilliseconds, int capMilliseconds)
        {
            if (firstMilliseconds < 1 || capMilliseconds < firstMilliseconds)
            {
                throw new ArgumentOutOfRangeException("firstMilliseconds", "need 1 <= first <= cap");
            }

            _first = firstMilliseconds;
            _cap = capMilliseconds;
            _next = firstMilliseconds;
        }

        /// <summary>Failures since the last <see cref="Reset"/>.</summary>
        public int Failures { get; private set; }

        /// <summary>Counts a failure and returns how long to wait before the next attempt.</summary>
        public int Next()
        {
            int wait = _next;
            Failures++;
            _next = _next > _cap / 2 ? _cap : _next * 2;
            return wait;
        }

        /// <summary>After a success: the next failure waits the first delay again.</summary>
        public void Reset()
        {
            _next = _first;
            Failures = 0;
        }
    }
}
