using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Pager
{
    /// <summary>
    /// Incoming pager-mode messages kept on flash until the application has read and acknowledged them.
    /// </summary>
    /// <remarks>
    /// The UA answers an incoming MESSAGE only after <see cref="TryAppend"/> returned: 200 for
    /// <see cref="PagerStatus.Stored"/> and <see cref="PagerStatus.Duplicate"/>, 480 for the Full
    /// statuses (the IM Server keeps the message and retries later), 413 for
    /// <see cref="PagerStatus.TooLarge"/>. Messages with a Message-ID are stored once: a retransmission
    /// of one that is held, or among the last <see cref="PagerOptions.RecentIdCount"/> acknowledged,
    /// reports Duplicate, also after a reboot.
    /// </remarks>
    public sealed class Inbox : PagerQueue
    {
        /// <summary>Creates the inbox over the journal file named in <paramref name="options"/>.</summary>
        public Inbox(IFileStorage storage, PagerOptions options, IRandom random, ILog log)
            : base(storage, options, random, log, "inbox", "local", options == null ? 0 : options.RecentIdCount)
        {
        }

        /// <summary>
        /// Stores an incoming message unless it is a duplicate or a limit forbids it.
        /// </summary>
        /// <param name="from">The sender (From URI or name-addr).</param>
        /// <param name="contentType">The Content-Type.</param>
        /// <param name="body">The body bytes.</param>
        /// <param name="offset">Where the body starts in <paramref name="body"/>.</param>
        /// <param name="count">The body length.</param>
        /// <param name="messageId">The sender's Message-ID, or null/empty when it gave none (a local id is used, no deduplication).</param>
        public PagerStatus TryAppend(string from, string contentType, byte[] body, int offset, int count, string messageId)
        {
            bool remote = messageId != null && messageId.Length > 0;
            if (remote && !MessageIds.IsHeaderSafe(messageId))
            {
                throw new System.ArgumentException("Message-ID contains control characters");
            }

            return Store(remote ? messageId : null, remote, from, contentType, body, offset, count, out string _);
        }

        /// <summary>Reads the oldest unacknowledged message into <paramref name="message"/>; false when the inbox is empty.</summary>
        public bool Read(PagerMessage message)
        {
            return ReadOldest(message);
        }

        /// <summary>
        /// The application is done with the message: it is never handed out again. Returns false when
        /// no such message is held.
        /// </summary>
        public bool Acknowledge(string messageId)
        {
            return Release(messageId);
        }

        /// <summary>Whether a message with this sender-given Message-ID is held or was acknowledged recently.</summary>
        public bool Contains(string messageId)
        {
            return messageId != null && messageId.Length > 0 && ContainsRemoteId(messageId);
        }
    }
}
