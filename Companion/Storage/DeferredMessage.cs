using System;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>A stored pager-mode MESSAGE with its delivery state.</summary>
    public sealed record DeferredMessage
    {
        /// <summary>The store's identifier; increases with arrival.</summary>
        public required long Id { get; init; }

        /// <summary>The original sender, put into From on delivery.</summary>
        public required string Sender { get; init; }

        /// <summary>The recipient's address-of-record.</summary>
        public required string Recipient { get; init; }

        /// <summary>The Content-Type of the body.</summary>
        public required string ContentType { get; init; }

        /// <summary>The body bytes, unchanged.</summary>
        public required byte[] Body { get; init; }

        /// <summary>When the IM Server received the message.</summary>
        public required DateTimeOffset ArrivedAt { get; init; }

        /// <summary>When the message is dropped undelivered.</summary>
        public required DateTimeOffset ExpiresAt { get; init; }

        /// <summary>The duplicate-detection key given when it was stored.</summary>
        public required string DedupKey { get; init; }

        /// <summary>How many delivery attempts have failed so far.</summary>
        public required int Attempts { get; init; }

        /// <summary>The earliest time of the next delivery attempt; the arrival time until an attempt fails.</summary>
        public required DateTimeOffset NextAttemptAt { get; init; }
    }
}
