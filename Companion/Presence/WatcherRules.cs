using System;
using System.Collections.Generic;
using SimpleImGateway.Companion.Presence.Events;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Presence
{
    /// <summary>
    /// The loop's copy of the watcher rules and the trusted application servers. A watcher is allowed when it
    /// is trusted, when it watches itself, or by an allow rule; polite-block lets it subscribe but shows it a
    /// neutral closed document; block rejects it; without a rule it stays pending.
    /// </summary>
    public sealed class WatcherRules
    {
        private readonly Dictionary<(string Presentity, string Watcher), WatcherDecision> _rules = new();
        private readonly HashSet<string> _trusted;

        /// <summary>Creates the rules with the trusted application servers' URIs.</summary>
        public WatcherRules(IEnumerable<string> trustedWatchers)
        {
            _trusted = new HashSet<string>(StringComparer.Ordinal);
            foreach (string uri in trustedWatchers)
            {
                _trusted.Add(AddressOfRecord.FromUri(uri) ?? throw new ArgumentException($"trusted watcher '{uri}' is not a sip URI with a user"));
            }
        }

        /// <summary>Bumped on every change made here, so a poll that started before it can be recognised as stale.</summary>
        public int Generation { get; private set; }

        /// <summary>Whether <paramref name="watcher"/> is a trusted application server.</summary>
        public bool IsTrusted(string watcher) => _trusted.Contains(watcher);

        /// <summary>The rule for a presentity and watcher, or null.</summary>
        public WatcherDecision? Get(string presentity, string watcher) =>
            _rules.TryGetValue((presentity, watcher), out WatcherDecision decision) ? decision : null;

        /// <summary>Whether the watcher sees the presentity's real state (trusted, itself, or allowed).</summary>
        public bool SeesState(string presentity, string watcher) =>
            IsTrusted(watcher) || watcher == presentity || Get(presentity, watcher) == WatcherDecision.Allow;

        /// <summary>The subscription decision for a watcher of a presentity's presence.</summary>
        public SubscriptionDecision Decide(string presentity, string watcher)
        {
            if (IsTrusted(watcher) || watcher == presentity)
            {
                return SubscriptionDecision.Active;
            }

            return Get(presentity, watcher) switch
            {
                WatcherDecision.Allow or WatcherDecision.PoliteBlock => SubscriptionDecision.Active,
                WatcherDecision.Block => SubscriptionDecision.Rejected,
                _ => SubscriptionDecision.Pending,
            };
        }

        /// <summary>Sets or, with a null decision, removes one rule.</summary>
        public void Set(string presentity, string watcher, WatcherDecision? decision)
        {
            Generation++;
            if (decision is { } d)
            {
                _rules[(presentity, watcher)] = d;
            }
            else
            {
                _rules.Remove((presentity, watcher));
            }
        }

        /// <summary>Replaces every rule by <paramref name="all"/> and returns the pairs whose decision changed.</summary>
        public List<(string Presentity, string Watcher)> ReplaceAll(IReadOnlyList<WatcherRule> all)
        {
            var fresh = new Dictionary<(string, string), WatcherDecision>(all.Count);
            foreach (WatcherRule rule in all)
            {
                fresh[(rule.Presentity, rule.Watcher)] = rule.Decision;
            }

            var changed = new List<(string, string)>();
            foreach (((string, string) pair, WatcherDecision decision) in fresh)
            {
                if (!_rules.TryGetValue(pair, out WatcherDecision old) || old != decision)
                {
                    changed.Add(pair);
                }
            }

            foreach ((string, string) pair in _rules.Keys)
            {
                if (!fresh.ContainsKey(pair))
                {
                    changed.Add(pair);
                }
            }

            _rules.Clear();
            foreach (((string, string) pair, WatcherDecision decision) in fresh)
            {
                _rules[pair] = decision;
            }

            return changed;
        }
    }
}
