using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Demo;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Tests.Demo;

[TestClass]
public class SeedFlowTrackerTests
{
    private const string BobUri = "sip:bob@simpleim.test", TomUri = "sip:tom@simpleim.test", ImUri = "sip:im-server@simpleim.test";

    [TestMethod]
    public void Observe_SeedArrowsInOrderWithNoise_CompletesAllStepsInSeedOrder()
    {
        var tracker = NewTracker();
        var arrows = SeedArrows();
        arrows.Insert(1, ("core", "bob", Response(401, "REGISTER", BobUri, BobUri)));
        arrows.Insert(2, ("bob", "core", Request("REGISTER", BobUri, BobUri)));

        foreach (var (from, to, message) in arrows)
        {
            tracker.Observe(from, to, message, DateTimeOffset.UtcNow);
        }

        Assert.IsTrue(tracker.IsComplete, "missing: " + string.Join(",", tracker.Missing.Select(s => s.Number)));
        Assert.IsTrue(tracker.InSeedOrder);
        CollectionAssert.AreEqual(Enumerable.Range(1, 24).ToArray(), tracker.Completed.Select(s => s.Number).ToArray());
    }

    [TestMethod]
    public void Observe_TomsNotifyChainBeforeImServers_CompletesButNotInSeedOrder()
    {
        var tracker = NewTracker();
        var arrows = SeedArrows();
        var imChain = arrows.GetRange(15, 4);
        arrows.RemoveRange(15, 4);
        arrows.InsertRange(19, imChain);

        foreach (var (from, to, message) in arrows)
        {
            tracker.Observe(from, to, message, DateTimeOffset.UtcNow);
        }

        Assert.IsTrue(tracker.IsComplete);
        Assert.IsFalse(tracker.InSeedOrder);
        Assert.AreEqual(20, tracker.Completed[15].Number);
    }

    [TestMethod]
    public void Observe_DeliveryBeforeImServerNotify_IsNotStep24()
    {
        var tracker = NewTracker();
        var arrows = SeedArrows();

        foreach (var (from, to, message) in arrows.Take(15))
        {
            tracker.Observe(from, to, message, DateTimeOffset.UtcNow);
        }

        SeedFlowStep? early = tracker.Observe("im", "core", Request("MESSAGE", TomUri, BobUri), DateTimeOffset.UtcNow);

        Assert.IsNull(early);
        Assert.IsFalse(tracker.IsComplete);
        CollectionAssert.Contains(tracker.Missing.Select(s => s.Number).ToArray(), 24);
    }

    [TestMethod]
    public void Observe_NotifyForTomWhereImServersIsExpected_DoesNotCompleteStep9()
    {
        var tracker = NewTracker();
        var arrows = SeedArrows();
        foreach (var (from, to, message) in arrows.Take(8))
        {
            tracker.Observe(from, to, message, DateTimeOffset.UtcNow);
        }

        SeedFlowStep? step = tracker.Observe("presence", "core", Request("NOTIFY", BobUri, TomUri), DateTimeOffset.UtcNow);

        Assert.IsNull(step);
    }

    private static SeedFlowTracker NewTracker() => new(uri => uri switch
    {
        BobUri => "bob",
        TomUri => "tom",
        ImUri => "im",
        _ => null,
    });

    /// <summary>The 24 arrows as a working system produces them, hops through the Core included.</summary>
    private static List<(string From, string To, SipMessage Message)> SeedArrows() =>
    [
        ("bob", "core", Request("REGISTER", BobUri, BobUri)),
        ("core", "presence", Request("REGISTER", BobUri, BobUri)),
        ("presence", "core", Response(200, "REGISTER", BobUri, BobUri)),
        ("core", "im", Request("REGISTER", BobUri, BobUri)),
        ("im", "core", Response(200, "REGISTER", BobUri, BobUri)),
        ("core", "bob", Response(200, "REGISTER", BobUri, BobUri)),
        ("im", "core", Request("SUBSCRIBE", ImUri, BobUri)),
        ("presence", "core", Response(200, "SUBSCRIBE", ImUri, BobUri)),
        ("presence", "core", Request("NOTIFY", BobUri, ImUri)),
        ("im", "core", Response(200, "NOTIFY", BobUri, ImUri)),
        ("tom", "core", Request("MESSAGE", TomUri, BobUri)),
        ("bob", "core", Request("PUBLISH", BobUri, BobUri)),
        ("core", "presence", Request("PUBLISH", BobUri, BobUri)),
        ("presence", "core", Response(200, "PUBLISH", BobUri, BobUri)),
        ("core", "bob", Response(200, "PUBLISH", BobUri, BobUri)),
        ("presence", "core", Request("NOTIFY", BobUri, ImUri)),
        ("core", "im", Request("NOTIFY", BobUri, ImUri)),
        ("im", "core", Response(200, "NOTIFY", BobUri, ImUri)),
        ("core", "presence", Response(200, "NOTIFY", BobUri, ImUri)),
        ("presence", "core", Request("NOTIFY", BobUri, TomUri)),
        ("core", "tom", Request("NOTIFY", BobUri, TomUri)),
        ("tom", "core", Response(200, "NOTIFY", BobUri, TomUri)),
        ("core", "presence", Response(200, "NOTIFY", BobUri, TomUri)),
        ("im", "core", Request("MESSAGE", TomUri, BobUri)),
    ];

    private static SipMessage Request(string method, string from, string to)
    {
        SipMessage message = SipMessage.CreateRequest(method, to);
        message.Headers.Add(SipHeaderNames.From, $"<{from}>;tag=a");
        message.Headers.Add(SipHeaderNames.To, $"<{to}>");
        message.Headers.Add(SipHeaderNames.CSeq, "1 " + method);
        return message;
    }

    private static SipMessage Response(int status, string method, string from, string to)
    {
        SipMessage message = SipMessage.CreateResponse(status, "x");
        message.Headers.Add(SipHeaderNames.From, $"<{from}>;tag=a");
        message.Headers.Add(SipHeaderNames.To, $"<{to}>;tag=b");
        message.Headers.Add(SipHeaderNames.CSeq, "1 " + method);
        return message;
    }
}
