using System;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>
    /// One registered contact of an address-of-record (RFC 3261 §10.3). An AOR has any number of
    /// bindings, each identified by its contact URI. Times are stored with millisecond precision.
    /// </summary>
    public sealed record ContactBinding
    {
        /// <summary>The address-of-record in the canonical form the registrar chose, e.g. <c>sip:bob@simpleim.test</c>.</summary>
        public required string Aor { get; init; }

        /// <summary>The contact URI, as the registrar compares it.</summary>
        public required string ContactUri { get; init; }

        /// <summary>The q-value (0 to 1), or null when the contact carried none.</summary>
        public double? Q { get; init; }

        /// <summary>When the binding expires.</summary>
        public required DateTimeOffset ExpiresAt { get; init; }

        /// <summary>The Call-ID of the REGISTER that created or last refreshed the binding.</summary>
        public required string CallId { get; init; }

        /// <summary>The CSeq number of that REGISTER; a request with the same Call-ID and a lower or equal CSeq is stale.</summary>
        public required long CSeq { get; init; }

        /// <summary>The address the REGISTER came from (<c>ip:port</c>), for reaching the UA behind NAT; null when unknown.</summary>
        public string? Source { get; init; }

        /// <summary>The transport the REGISTER came over (<c>udp</c>, <c>tcp</c>, ...); null when unknown.</summary>
        public string? Transport { get; init; }

        /// <summary>The Path header values of the REGISTER (RFC 3327), comma-separated; null when there were none.</summary>
        public string? Path { get; init; }

        /// <summary>The <c>+sip.instance</c> Contact parameter (RFC 5626); null when absent.</summary>
        public string? InstanceId { get; init; }

        /// <summary>The <c>reg-id</c> Contact parameter (RFC 5626); null when absent.</summary>
        public int? RegId { get; init; }

        /// <summary>True when the binding has not expired at <paramref name="now"/>.</summary>
        public bool IsLiveAt(DateTimeOffset now) => ExpiresAt > now;
    }
}
