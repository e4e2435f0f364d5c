using System;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>
    /// Exponential backoff with jitter after consecutive failures: the n-th failure waits a random time
    /// between half and all of <c>min(cap, base * 2^(n-1))</c>, so devices that failed together do not
    /// retry together (the "equal jitter" of RFC 5626 §4.5).
    /// </summary>
    public sealed class Backoff
    {
        private readonly IRandom _random;

        /// <summary>Creates a backoff policy.</summary>
        /// <param name="baseMilliseconds">The upper bound of the first wait.</param>
        /// <param name="capMilliseconds">The upper bound no wait exceeds.</param>
        /// <param name="random">Where the jitter comes from.</param>
        public Backoff(int baseMilliseconds, int capMilliseconds, IRandom random)
        {
            if (baseMilliseconds < 1 || capMilliseconds < baseMilliseconds)
            {
                throw new ArgumentOutOfRangeException("baseMilliseconds", "need 1 <= base <= cap");
            }

            BaseMilliseconds = baseMilliseconds;
            CapMilliseconds = capMilliseconds;
            _random = random ?? throw new ArgumentNullException("random");
        }

        /// <summary>The upper bound of the first wait.</summary>
        public int BaseMilliseconds { get; }

        /// <summary>The upper bound of every wait.</summary>
        public int CapMilliseconds { get; }

        /// <summary>The upper bound of the wait after <paramref name="failures"/> consecutive failures (at least 1).</summary>
        public long CeilingFor(int failures)
        {
            long ceiling = BaseMilliseconds;
            for (int i = 1; i < failures && ceiling < CapMilliseconds; i++)
            {
                ceiling *= 2;
            }

            return ceiling > CapMilliseconds ? CapMilliseconds : ceiling;
        }

        /// <summary>The wait after <paramref name="failures"/> consecutive failures: between half and all of the ceiling.</summary>
        public long Next(int failures)
        {
            long ceiling = CeilingFor(failures < 1 ? 1 : failures);
            long half = ceiling / 2;
            return ceiling - half + _random.Next((int)half + 1);
        }
    }
}
