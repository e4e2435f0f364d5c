using System;

namespace SimpleImGateway.Firmware.Pager
{
    /// <summary>
    /// A message read from the <see cref="Outbox"/> or the <see cref="Inbox"/>. Callers keep one and
    /// pass it to every read: the body buffer grows to the largest body seen and is then reused.
    /// </summary>
    public sealed class PagerMessage
    {
        private static readonly byte[] s_empty = new byte[0];

        /// <summary>Creates an empty message holder.</summary>
        public PagerMessage()
        {
            Body = s_empty;
        }

        /// <summary>
        /// The Message-ID: for outgoing messages the one the outbox assigned (the same on every retry);
        /// for incoming ones the sender's, or a local id when the sender gave none.
        /// </summary>
        public string MessageId { get; internal set; }

        /// <summary>Whether <see cref="MessageId"/> came from the sender (incoming messages only).</summary>
        public bool HasRemoteId { get; internal set; }

        /// <summary>The other party: the To URI of an outgoing message, the From of an incoming one.</summary>
        public string Peer { get; internal set; }

        /// <summary>The Content-Type of the body.</summary>
        public string ContentType { get; internal set; }

        /// <summary>The body bytes are <c>Body[0 .. BodyLength - 1]</c>; the array may be longer.</summary>
        public byte[] Body { get; private set; }

        /// <summary>The number of body bytes in <see cref="Body"/>.</summary>
        public int BodyLength { get; internal set; }

        /// <summary>The journal sequence number of the message, increasing in arrival order.</summary>
        public long Sequence { get; internal set; }

        /// <summary>A new array holding exactly the body.</summary>
        public byte[] CopyBody()
        {
            var copy = new byte[BodyLength];
            Array.Copy(Body, 0, copy, 0, BodyLength);
            return copy;
        }

        internal void EnsureBodyCapacity(int count)
        {
            if (Body.Length < count)
            {
                Body = new byte[count];
            }
        }
    }
}
