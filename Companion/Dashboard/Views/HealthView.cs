using System;
using System.Collections.Generic;

namespace SimpleImGateway.Companion.Dashboard.Views
{
    /// <summary>The body of <c>GET /api/health</c>; the status code is 200 when <see cref="Status"/> is <c>ok</c>, else 503.</summary>
    /// <param name="Status"><c>ok</c>, or <c>degraded</c> when the database cannot be read.</param>
    /// <param name="Version">The companion's version.</param>
    /// <param name="StartedAt">When the dashboard started.</param>
    /// <param name="UptimeSeconds">Seconds since then.</param>
    /// <param name="Role">The configured role (<c>All</c>, <c>Core</c>, ...).</param>
    /// <param name="Domain">The SIP domain.</param>
    /// <param name="Storage">The storage provider's description (never a password).</param>
    /// <param name="StorageError">Why the database could not be read, or null.</param>
    /// <param name="Elements">The SIP elements this process traces.</param>
    /// <param name="LadderLastSequence">How many messages have been traced.</param>
    public sealed record HealthView(
        string Status,
        string Version,
        DateTimeOffset StartedAt,
        long UptimeSeconds,
        string Role,
        string Domain,
        string Storage,
        string? StorageError,
        IReadOnlyList<ElementView> Elements,
        long LadderLastSequence);

    /// <summary>A SIP element of this process.</summary>
    /// <param name="Name">Its name in the ladder.</param>
    /// <param name="Address">Its <c>ip:port</c>.</param>
    public sealed record ElementView(string Name, string Address);
}
