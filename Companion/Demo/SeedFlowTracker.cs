using System;
using System.Collections.Generic;
using System.Linq;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Demo;

/// <summary>
/// Follows SIP traffic between named parties and recognises the seed's 24 steps. Each observed arrow
/// (a message from one party to another) completes at most one step: the lowest-numbered step it fits
/// whose predecessors were all seen. Arrows that are not seed steps (digest challenges, Tom's own
/// subscription, ...) are reported as extra. An end-to-end step between two parties other than the
/// Core (IM → Presence, Tom → IM, ...) is seen on its first hop, the arrow into the Core.
/// </summary>
public sealed class SeedFlowTracker
{
    private readonly Func<string, string?> _partyOfUri;
    private readonly IReadOnlyList<SeedFlowStep> _steps;
    private readonly Dictionary<int, DateTimeOffset> _seen = [];

    /// <summary>Creates a tracker; <paramref name="partyOfUri"/> names the party of a From/To URI (or null).</summary>
    public SeedFlowTracker(Func<string, string?> partyOfUri, IReadOnlyList<SeedFlowStep>? steps = null)
    {
        _partyOfUri = partyOfUri;
        _steps = steps ?? SeedFlow.Steps;
    }

    /// <summary>Steps seen so far, in the order they completed.</summary>
    public List<SeedFlowStep> Completed { get; } = [];

    /// <summary>Whether all 24 steps were seen.</summary>
    public bool IsComplete => Completed.Count == _steps.Count;

    /// <summary>Steps not seen yet, in seed order.</summary>
    public IEnumerable<SeedFlowStep> Missing => _steps.Where(s => !_seen.ContainsKey(s.Number));

    /// <summary>Whether the steps completed in exactly the seed's numbering.</summary>
    public bool InSeedOrder => Completed.Select(s => s.Number).SequenceEqual(Completed.Select(s => s.Number).Order());

    /// <summary>Feeds one arrow; returns the step it completes, or null for traffic outside the seed.</summary>
    public SeedFlowStep? Observe(string from, string to, SipMessage message, DateTimeOffset at)
    {
        string? method = message.IsRequest ? message.Method : CSeqMethod(message);
        if (method is null)
        {
            return null;
        }

        foreach (SeedFlowStep step in _steps)
        {
            if (_seen.ContainsKey(step.Number) || step.After.Any(a => !_seen.ContainsKey(a)))
            {
                continue;
            }

            if (Fits(step, from, to, method, message))
            {
                _seen[step.Number] = at;
                Completed.Add(step);
                return step;
            }
        }

        return null;
    }

    private bool Fits(SeedFlowStep step, string from, string to, string method, SipMessage message)
    {
        if (step.Method != method || step.IsResponse == message.IsRequest)
        {
            return false;
        }

        if (step.IsResponse && message.StatusCode / 100 != step.Status / 100)
        {
            return false;
        }

        bool direct = step.From == from && step.To == to;
        bool firstHop = step.From == from && to == SeedFlow.Core && step.From != SeedFlow.Core && step.To != SeedFlow.Core;
        if (!direct && !firstHop)
        {
            return false;
        }

        if (step.Event is not null && message.IsRequest && !IsEvent(message, step.Event))
        {
            return false;
        }

        if (step.Watcher is null)
        {
            return true;
        }

        string? dialogWatcher = method == SipMethods.Subscribe
            ? message.Headers.Get(SipHeaderNames.From)
            : message.Headers.Get(SipHeaderNames.To);
        return dialogWatcher is not null && _partyOfUri(UriOf(dialogWatcher)) == step.Watcher;
    }

    private static bool IsEvent(SipMessage message, string package)
    {
        string? value = message.Headers.Get(SipHeaderNames.Event);
        if (value is null)
        {
            return false;
        }

        int semicolon = value.IndexOf(';');
        return (semicolon < 0 ? value : value[..semicolon]).Trim().Equals(package, StringComparison.OrdinalIgnoreCase);
    }

    private static string? CSeqMethod(SipMessage message)
    {
        string? cseq = message.Headers.Get(SipHeaderNames.CSeq);
        if (cseq is null)
        {
            return null;
        }

        try
        {
            return CSeqHeader.Parse(cseq).Method;
        }
        catch (SipParseException)
        {
            return null;
        }
    }

    private static string UriOf(string nameAddr)
    {
        try
        {
            return NameAddress.Parse(nameAddr).Uri.ToString() ?? nameAddr;
        }
        catch (SipParseException)
        {
            return nameAddr;
        }
    }
}
