using System;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Device
{
    /// <summary>
    /// <see cref="IClock"/> from DateTime.UtcNow, the only time source in nanoFramework's mscorlib.
    /// The wall clock can be set backwards (SNTP); this clock then holds still instead of going back.
    /// Program waits for SNTP (requiresDateTime) before starting the UA so later corrections are small.
    /// </summary>
    public sealed class DeviceClock : IClock
    {
        private readonly object _sync = new object();
        private long _lastTicks;
        private long _offsetTicks;

        /// <inheritdoc/>
        public long NowMilliseconds
        {
            get
            {
                lock (_sync)
                {
                    long ticks = DateTime.UtcNow.Ticks + _offsetTicks;
                    if (ticks < _lastTicks)
                    {
                        _offsetTicks += _lastTicks - ticks;
                        ticks = _lastTicks;
                    }

                    _lastTicks = ticks;
                    return ticks / TimeSpan.TicksPerMillisecond;
                }
            }
        }
    }
}
