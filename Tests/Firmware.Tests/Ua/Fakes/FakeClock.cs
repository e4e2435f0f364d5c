using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Tests.Ua.Fakes
{
    /// <summary>A clock that moves only when the test says so.</summary>
    public sealed class FakeClock : IClock
    {
        public FakeClock(long start)
        {
            NowMilliseconds = start;
        }

        public long NowMilliseconds { get; private set; }

        public void Set(long milliseconds)
        {
            if (milliseconds > NowMilliseconds)
            {
                NowMilliseconds = milliseconds;
            }
        }
    }
}
