using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Simulator.Host;

/// <summary>The host's monotonic millisecond counter.</summary>
public sealed class SystemClock : IClock
{
    /// <inheritdoc/>
    public long NowMilliseconds => Environment.TickCount64;
}
