using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>Lets the Shared transaction layer read the firmware's clock.</summary>
    internal sealed class PlatformClock : ISipClock
    {
        private readonly IClock _clock;

        public PlatformClock(IClock clock)
        {
            _clock = clock;
        }

        public long NowMilliseconds => _clock.NowMilliseconds;
    }
}
