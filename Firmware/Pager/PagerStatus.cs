namespace SimpleImGateway.Firmware.Pager
{
    /// <summary>What became of a message handed to the <see cref="Outbox"/> or the <see cref="Inbox"/>.</summary>
    public enum PagerStatus
    {
        /// <summary>Written to flash; it survives a power cut from now on.</summary>
        Stored,

        /// <summary>
        /// The inbox already has (or recently had) a message with this Message-ID: a retransmission,
        /// answered 200 without storing it again.
        /// </summary>
        Duplicate,

        /// <summary>The maximum number of messages is reached; nothing was evicted.</summary>
        FullCount,

        /// <summary>The maximum number of bytes would be exceeded; nothing was evicted.</summary>
        FullBytes,

        /// <summary>The body or a header value is larger than the configured maximum.</summary>
        TooLarge,
    }
}
