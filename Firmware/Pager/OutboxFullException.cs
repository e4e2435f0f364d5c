using System;

namespace SimpleImGateway.Firmware.Pager
{
    /// <summary>
    /// <see cref="Outbox.Send(string, string, byte[])"/> refused a message because the outbox is at its
    /// count or byte limit. Nothing was stored and nothing was evicted; the caller may try again after
    /// messages have been delivered.
    /// </summary>
    public class OutboxFullException : Exception
    {
        /// <summary>Creates the exception for <paramref name="status"/> (FullCount or FullBytes).</summary>
        public OutboxFullException(PagerStatus status, string message)
            : base(message)
        {
            Status = status;
        }

        /// <summary><see cref="PagerStatus.FullCount"/> or <see cref="PagerStatus.FullBytes"/>.</summary>
        public PagerStatus Status { get; }
    }
}
