using System.Collections.Generic;
using SimpleImGateway.Companion.Dashboard.Tracing;

namespace SimpleImGateway.Companion.Dashboard.Views
{
    /// <summary>The body of <c>GET /api/ladder</c>.</summary>
    /// <param name="Capacity">How many messages the buffer keeps.</param>
    /// <param name="LastSequence">The newest entry's sequence number; pass it as <c>?after=</c> to get only newer ones.</param>
    /// <param name="Duplicates">Messages between two elements of this process not recorded twice.</param>
    /// <param name="Entries">The entries, oldest first.</param>
    public sealed record LadderView(int Capacity, long LastSequence, long Duplicates, IReadOnlyList<LadderEntry> Entries);
}
