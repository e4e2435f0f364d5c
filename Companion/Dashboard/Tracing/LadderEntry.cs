using System;

namespace SimpleImGateway.Companion.Dashboard.Tracing
{
    /// <summary>
    /// One hop of the SIP ladder: a message an element sent or received, reduced to what a person reads.
    /// The message itself is not kept, so the buffer's memory is bounded by its capacity.
    /// </summary>
    public sealed record LadderEntry
    {
        /// <summary>Increases by one per recorded message since the start; the page polls with <c>?after=</c>.</summary>
        public required long Sequence { get; init; }

        /// <summary>When the element saw the message.</summary>
        public required DateTimeOffset At { get; init; }

        /// <summary>The element that traced it (its name, e.g. <c>core</c>).</summary>
        public required string Element { get; init; }

        /// <summary><c>out</c> when the element sent it, <c>in</c> when it received it.</summary>
        public required string Direction { get; init; }

        /// <summary>Who sent it: an element name, a user name learnt from its requests, or its <c>ip:port</c>.</summary>
        public required string From { get; init; }

        /// <summary>Who it went to, named like <see cref="From"/>.</summary>
        public required string To { get; init; }

        /// <summary>The sender's <c>ip:port</c>.</summary>
        public required string FromAddress { get; init; }

        /// <summary>The receiver's <c>ip:port</c>.</summary>
        public required string ToAddress { get; init; }

        /// <summary><c>UDP</c> or <c>TCP</c>.</summary>
        public required string Transport { get; init; }

        /// <summary>The method of a request, or status code and reason of a response (<c>200 OK</c>).</summary>
        public required string Label { get; init; }

        /// <summary>True for a request.</summary>
        public required bool IsRequest { get; init; }

        /// <summary>The request's method, or for a response the method of its CSeq.</summary>
        public string? Method { get; init; }

        /// <summary>The status code of a response; null for a request.</summary>
        public int? Status { get; init; }

        /// <summary>The Call-ID.</summary>
        public string? CallId { get; init; }

        /// <summary>The CSeq header value.</summary>
        public string? CSeq { get; init; }

        /// <summary>A short description: users, event, expiry, subscription state, body type and size.</summary>
        public required string Summary { get; init; }
    }
}
