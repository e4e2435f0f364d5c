using System;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>Exponential backoff: the initial delay after the first failure, doubled per further failure, capped.</summary>
    internal readonly struct RetryBackoff
    {
        private readonly TimeSpan _initial;
        private readonly TimeSpan _max;

        public RetryBackoff(TimeSpan initial, TimeSpan max)
        {
            _initial = initial;
            _max = max;
        }

        /// <summary>The wait after <paramref name="failures"/> consecutive failures (1 or more).</summary>
        public TimeSpan Delay(int failures)
        {
            if (failures <= 1)
            {
                return _initial;
            }

            // Past 2^30 the cap applies anyway; stop doubling before the arithmetic overflows.
            double factor = Math.Pow(2, Math.Min(failures - 1, 30));
            double ticks = _initial.Ticks * factor;
            return ticks >= _max.Ticks ? _max : TimeSpan.FromTicks((long)ticks);
        }
    }
}
