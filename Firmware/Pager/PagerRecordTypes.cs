namespace SimpleImGateway.Firmware.Pager
{
    /// <summary>The record types the outbox and inbox write to their journals.</summary>
    internal static class PagerRecordTypes
    {
        /// <summary>A message: [id][flags][peer][content type][body].</summary>
        public const byte Enqueued = 1;

        /// <summary>A message is done with: [sequence of its Enqueued record][id][flags].</summary>
        public const byte Released = 2;

        /// <summary>Flag: the id came from the remote sender's Message-ID header.</summary>
        public const byte RemoteIdFlag = 1;
    }
}
