using System;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>
    /// What the Presence Server knows about one user's registration: the SIP/IP Core's third-party REGISTER
    /// for the address-of-record, the contact it named and when the registration lapses.
    /// </summary>
    public sealed record PresenceRegistration
    {
        /// <summary>The address-of-record (To of the third-party REGISTER), e.g. <c>sip:bob@simpleim.test</c>.</summary>
        public required string Aor { get; init; }

        /// <summary>The Contact URI of the third-party REGISTER: where the Core reaches the user.</summary>
        public required string Contact { get; init; }

        /// <summary>When the registration lapses unless refreshed.</summary>
        public required DateTimeOffset ExpiresAt { get; init; }

        /// <summary>When the registration began (the first REGISTER after none was live).</summary>
        public required DateTimeOffset RegisteredAt { get; init; }

        /// <summary>The Call-ID of the last third-party REGISTER.</summary>
        public required string CallId { get; init; }

        /// <summary>The CSeq number of the last third-party REGISTER.</summary>
        public required long CSeq { get; init; }

        /// <summary>True when the registration has not lapsed at <paramref name="now"/>.</summary>
        public bool IsLiveAt(DateTimeOffset now) => ExpiresAt > now;
    }
}
