using System;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>
    /// One event state publication (RFC 3903), identified by its entity tag. A refresh or modification
    /// replaces the record under a new entity tag; the old tag is then unknown.
    /// </summary>
    public sealed record PresencePublication
    {
        /// <summary>The entity tag the server issued (SIP-ETag); unique across all publications.</summary>
        public required string ETag { get; init; }

        /// <summary>The presentity URI the state belongs to.</summary>
        public required string Presentity { get; init; }

        /// <summary>The event package, e.g. <c>presence</c>.</summary>
        public required string EventPackage { get; init; }

        /// <summary>When the publication expires.</summary>
        public required DateTimeOffset ExpiresAt { get; init; }

        /// <summary>The Content-Type of the body, e.g. <c>application/pidf+xml</c>.</summary>
        public required string ContentType { get; init; }

        /// <summary>The published document.</summary>
        public required byte[] Body { get; init; }

        /// <summary>When the state was last published (initial or modify), used to order publications when composing.</summary>
        public required DateTimeOffset PublishedAt { get; init; }
    }
}
