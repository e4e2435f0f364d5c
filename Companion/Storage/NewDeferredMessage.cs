using System;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>A pager-mode MESSAGE the IM Server keeps until its recipient is available (RFC 3428).</summary>
    public sealed record NewDeferredMessage
    {
        /// <summary>The original sender, put into From on delivery.</summary>
        public required string Sender { get; init; }

        /// <summary>The recipient's address-of-record.</summary>
        public required string Recipient { get; init; }

        /// <summary>The Content-Type of the body.</summary>
        public required string ContentType { get; init; }

        /// <summary>The body bytes, unchanged.</summary>
        public required byte[] Body { get; init; }

        /// <summary>When the IM Server received the message; delivered as the Date header. Millisecond precision.</summary>
        public required DateTimeOffset ArrivedAt { get; init; }

        /// <summary>When the message is dropped undelivered.</summary>
        public required DateTimeOffset ExpiresAt { get; init; }

        /// <summary>
        /// What makes a retransmitted or re-sent copy recognizable, unique per recipient; see
        /// <see cref="MessageDedupKey"/>.
        /// </summary>
        public required string DedupKey { get; init; }
    }
}
