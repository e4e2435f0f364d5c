namespace SimpleImGateway.Companion.Demo;

/// <summary>
/// One numbered step of the OMA SIMPLE IM presence-usage flow (shared/seed): an arrow between two
/// parties carrying a request method or a response status (with the method of its CSeq).
/// </summary>
/// <param name="Number">The step number in the seed, 1..24.</param>
/// <param name="From">The sending party: bob, tom, core, presence or im.</param>
/// <param name="To">The receiving party.</param>
/// <param name="Method">The request method, or for a response the CSeq method.</param>
/// <param name="Status">0 for a request; for a response the expected status class start (200 means any 2xx).</param>
/// <param name="Summary">What the step means, as the seed says it.</param>
/// <param name="After">Steps that must have been seen before this one (the causal predecessors).</param>
/// <param name="Watcher">
/// For SUBSCRIBE and NOTIFY steps, the watcher of the subscription dialog (From of a SUBSCRIBE, To of a
/// NOTIFY): it tells the IM Server's subscription from Tom's.
/// </param>
/// <param name="Event">For a NOTIFY or SUBSCRIBE request, the event package it must carry (presence or reg).</param>
public sealed record SeedFlowStep(int Number, string From, string To, string Method, int Status, string Summary, int[] After, string? Watcher = null, string? Event = null)
{
    /// <summary>Whether the step is a response.</summary>
    public bool IsResponse => Status != 0;

    /// <summary>The label shown on a ladder line, e.g. "REGISTER" or "200 (NOTIFY)".</summary>
    public string Label => IsResponse ? $"{Status / 100}xx ({Method})" : Method;
}
