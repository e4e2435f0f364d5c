using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace SimpleImGateway.Companion.Transport;

/// <summary>
/// A token bucket per source address. The table is bounded: when it is full, idle entries are
/// dropped first, so a flood of spoofed sources cannot grow memory without limit.
/// </summary>
public sealed class SourceRateLimiter
{
    private const int MaxSources = 65536;

    private readonly Dictionary<IPAddress, Bucket> _buckets = new();
    private readonly double _ratePerMs;
    private readonly double _capacity;
    private readonly Func<long> _now;

    /// <summary>Creates a limiter allowing <paramref name="perSecond"/> requests per second with an equal burst.</summary>
    public SourceRateLimiter(int perSecond, Func<long>? nowMilliseconds = null)
    {
        _ratePerMs = perSecond / 1000.0;
        _capacity = perSecond;
        _now = nowMilliseconds ?? (() => Environment.TickCount64);
    }

    /// <summary>Takes one token for <paramref name="source"/>; false when the source is over its rate.</summary>
    public bool TryAcquire(IPAddress source)
    {
        long now = _now();
        lock (_buckets)
        {
            if (!_buckets.TryGetValue(source, out Bucket? bucket))
            {
                if (_buckets.Count >= MaxSources)
                {
                    EvictIdle(now);
                }

                bucket = new Bucket { Tokens = _capacity, LastMs = now };
                _buckets[source] = bucket;
            }

            bucket.Tokens = Math.Min(_capacity, bucket.Tokens + ((now - bucket.LastMs) * _ratePerMs));
            bucket.LastMs = now;
            if (bucket.Tokens < 1)
            {
                return false;
            }

            bucket.Tokens -= 1;
            return true;
        }
    }

    private void EvictIdle(long now)
    {
        // A bucket idle for a second is full again, so forgetting it changes nothing.
        foreach (var pair in _buckets.Where(p => now - p.Value.LastMs > 1000).ToList())
        {
            _buckets.Remove(pair.Key);
        }

        if (_buckets.Count >= MaxSources)
        {
            _buckets.Clear();
        }
    }

    private sealed class Bucket
    {
        public double Tokens;
        public long LastMs;
    }
}
