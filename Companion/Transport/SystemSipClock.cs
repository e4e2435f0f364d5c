using System;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Transport;

/// <summary>The host's monotonic clock for transaction timers.</summary>
public sealed class SystemSipClock : ISipClock
{
    /// <summary>A shared instance; the clock has no state.</summary>
    public static readonly SystemSipClock Instance = new();

    /// <inheritdoc/>
    public long NowMilliseconds => Environment.TickCount64;
}
