using System.Collections.Generic;
using System.Linq;

namespace SimpleImGateway.Companion.Demo;

/// <summary>
/// The 24 steps of the seed's presence-usage flow, with the order each step depends on.
/// The seed numbers NOTIFYs to the IM Server (16–19) before those to Tom (20–23), but the Presence
/// Server sends both as soon as Bob publishes, so only the order inside each chain is required;
/// likewise delivery (24) follows the NOTIFY that showed Bob available (17), not Tom's answer.
/// </summary>
public static class SeedFlow
{
    /// <summary>The party names used in ladders.</summary>
    public const string Bob = "bob", Tom = "tom", Core = "core", Presence = "presence", Im = "im";

    /// <summary>The steps in seed order, with third-party registration at the IM Server (steps 4 and 5).</summary>
    public static IReadOnlyList<SeedFlowStep> Steps { get; } =
    [
        new(1, Bob, Core, "REGISTER", 0, "Bob registers his UE at the SIP/IP Core", []),
        new(2, Core, Presence, "REGISTER", 0, "Core forwards the registration to the Presence Server", [1]),
        new(3, Presence, Core, "REGISTER", 200, "Presence Server accepts it", [2]),
        new(4, Core, Im, "REGISTER", 0, "Core forwards the registration to the IM Server", [3]),
        new(5, Im, Core, "REGISTER", 200, "IM Server accepts it", [4]),
        new(6, Core, Bob, "REGISTER", 200, "Core answers Bob: registered", [5]),
        new(7, Im, Presence, "SUBSCRIBE", 0, "IM Server subscribes to Bob's presence", [4], Im),
        new(8, Presence, Im, "SUBSCRIBE", 200, "Presence Server accepts the subscription", [7], Im),
        new(9, Presence, Im, "NOTIFY", 0, "Immediate NOTIFY: Bob is not available for IM", [8], Im),
        new(10, Im, Presence, "NOTIFY", 200, "IM Server answers the NOTIFY", [9], Im),
        new(11, Tom, Im, "MESSAGE", 0, "Tom's MESSAGE to offline Bob reaches the IM Server, which stores it", [10]),
        new(12, Bob, Core, "PUBLISH", 0, "Bob publishes: available for IM", [11]),
        new(13, Core, Presence, "PUBLISH", 0, "Core forwards the publication", [12]),
        new(14, Presence, Core, "PUBLISH", 200, "Presence Server accepts it", [13]),
        new(15, Core, Bob, "PUBLISH", 200, "Core answers Bob", [14]),
        new(16, Presence, Core, "NOTIFY", 0, "Presence Server notifies the watching IM Server via the Core", [13], Im),
        new(17, Core, Im, "NOTIFY", 0, "Core forwards the NOTIFY to the IM Server", [16], Im),
        new(18, Im, Core, "NOTIFY", 200, "IM Server answers", [17], Im),
        new(19, Core, Presence, "NOTIFY", 200, "Core relays the answer to the Presence Server", [18], Im),
        new(20, Presence, Core, "NOTIFY", 0, "Presence Server notifies Tom, an authorized watcher", [13], Tom),
        new(21, Core, Tom, "NOTIFY", 0, "Core forwards the NOTIFY to Tom", [20], Tom),
        new(22, Tom, Core, "NOTIFY", 200, "Tom answers", [21], Tom),
        new(23, Core, Presence, "NOTIFY", 200, "Core relays the answer to the Presence Server", [22], Tom),
        new(24, Im, Bob, "MESSAGE", 0, "IM Server delivers the stored message to Bob", [17]),
    ];

    /// <summary>
    /// The variant of the seed's note: the IM Server learns registrations from the reg event package
    /// (RFC 3680) at the Presence Server instead of a third-party REGISTER, so steps 4 and 5 become the
    /// reg NOTIFY telling it that Bob registered, and its answer.
    /// </summary>
    public static IReadOnlyList<SeedFlowStep> RegEventSteps { get; } = Steps.Select(step => step.Number switch
    {
        4 => new SeedFlowStep(4, Presence, Im, "NOTIFY", 0, "Presence Server tells the IM Server (reg event) that Bob registered", [2], Im, "reg"),
        5 => new SeedFlowStep(5, Im, Presence, "NOTIFY", 200, "IM Server answers the reg NOTIFY", [4], Im),
        6 => step with { After = [3] },
        9 => step with { Event = "presence" },
        _ => step,
    }).ToList();
}
