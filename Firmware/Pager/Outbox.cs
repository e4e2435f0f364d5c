using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Pager
{
    /// <summary>
    /// Outgoing pager-mode messages waiting on flash until the server accepts them. Messages leave in
    /// the order they were sent; each keeps the Message-ID it got from <see cref="Send(string, string, byte[])"/>
    /// on every retry, across reboots.
    /// </summary>
    /// <remarks>
    /// The UA loop: <see cref="PeekNext"/>, send a MESSAGE with the Message-ID header, and on a 2xx
    /// <see cref="Acknowledge"/>; on failure or timeout back off and peek again. Message-IDs look like
    /// <c>{DeviceId}-{journal id}-{sequence}</c>; the random journal id keeps them unique even after the
    /// flash is wiped.
    /// </remarks>
    public sealed class Outbox : PagerQueue
    {
        /// <summary>Creates the outbox over the journal file named in <paramref name="options"/>.</summary>
        public Outbox(IFileStorage storage, PagerOptions options, IRandom random, ILog log)
            : base(storage, options, random, log, "outbox", options == null ? null : options.DeviceId, 0)
        {
        }

        /// <summary>Stores a message and returns its Message-ID.</summary>
        /// <exception cref="OutboxFullException">The outbox is at its count or byte limit.</exception>
        /// <exception cref="System.ArgumentException">A value is empty, too large, or contains control characters.</exception>
        public string Send(string to, string contentType, byte[] body)
        {
            return Send(to, contentType, body, 0, body == null ? 0 : body.Length);
        }

        /// <summary>Stores <c>body[offset .. offset + count - 1]</c> as a message and returns its Message-ID.</summary>
        /// <exception cref="OutboxFullException">The outbox is at its count or byte limit.</exception>
        /// <exception cref="System.ArgumentException">A value is empty, too large, or contains control characters.</exception>
        public string Send(string to, string contentType, byte[] body, int offset, int count)
        {
            PagerStatus status = TrySend(to, contentType, body, offset, count, out string messageId);
            switch (status)
            {
                case PagerStatus.Stored:
                    return messageId;
                case PagerStatus.FullCount:
                    throw new OutboxFullException(status, "outbox full: it holds the maximum of " + Options.MaxCount + " messages");
                case PagerStatus.FullBytes:
                    throw new OutboxFullException(status, "outbox full: the message needs more than the " + (Options.MaxBytes - Bytes) + " bytes left of " + Options.MaxBytes);
                default:
                    throw new System.ArgumentException("message too large: the body may have " + Options.MaxBodyBytes + " bytes, each header value " + Options.MaxFieldBytes);
            }
        }

        /// <summary>
        /// Stores a message unless a limit forbids it; <paramref name="messageId"/> is set when the
        /// result is <see cref="PagerStatus.Stored"/>.
        /// </summary>
        public PagerStatus TrySend(string to, string contentType, byte[] body, int offset, int count, out string messageId)
        {
            return Store(null, false, to, contentType, body, offset, count, out messageId);
        }

        /// <summary>Reads the oldest unacknowledged message into <paramref name="message"/>; false when the outbox is empty.</summary>
        public bool PeekNext(PagerMessage message)
        {
            return ReadOldest(message);
        }

        /// <summary>
        /// Marks the message as delivered (the server answered 2xx); it is never handed out again.
        /// Returns false when no such message is held.
        /// </summary>
        public bool Acknowledge(string messageId)
        {
            return Release(messageId);
        }
    }
}
