using System;

namespace SimpleImGateway.Firmware.Pager
{
    /// <summary>Limits and names for an <see cref="Outbox"/> or an <see cref="Inbox"/>.</summary>
    /// <remarks>
    /// Set everything before creating the queue; the journal's buffer is sized from
    /// <see cref="MaxBodyBytes"/> and <see cref="MaxFieldBytes"/> then. Lowering those two while
    /// messages are queued makes the larger records unreadable (they are treated as damage), so drain
    /// the queue first. Lowering <see cref="MaxCount"/> or <see cref="MaxBytes"/> is safe: what is
    /// already stored is kept and new messages wait until it fits.
    /// </remarks>
    public sealed class PagerOptions
    {
        /// <summary>Creates options with the defaults below for the journal file <paramref name="fileName"/>.</summary>
        public PagerOptions(string fileName)
        {
            FileName = fileName;
            MaxCount = 32;
            MaxBytes = 24 * 1024;
            MaxBodyBytes = 1024;
            MaxFieldBytes = 256;
            CompactGarbageBytes = 8 * 1024;
            RecentIdCount = 16;
            DeviceId = "device";
        }

        /// <summary>The journal file name in the storage folder.</summary>
        public string FileName { get; }

        /// <summary>At most this many messages are held (default 32).</summary>
        public int MaxCount { get; set; }

        /// <summary>
        /// At most this many bytes of journal records are held for live messages (default 24 KB); a
        /// message takes its body, its header values and about 30 bytes of framing.
        /// </summary>
        public int MaxBytes { get; set; }

        /// <summary>The largest body accepted (default 1024 bytes).</summary>
        public int MaxBodyBytes { get; set; }

        /// <summary>The largest UTF-8 length of the peer URI, the content type and the Message-ID (default 256).</summary>
        public int MaxFieldBytes { get; set; }

        /// <summary>The journal compacts itself once this many bytes are no longer needed (default 8 KB).</summary>
        public int CompactGarbageBytes { get; set; }

        /// <summary>Inbox only: how many released Message-IDs are remembered to spot retransmissions (default 16).</summary>
        public int RecentIdCount { get; set; }

        /// <summary>
        /// Outbox only: the prefix of the Message-IDs the outbox assigns, unique per device
        /// (letters, digits, '-', '.', '_'; default "device").
        /// </summary>
        public string DeviceId { get; set; }

        /// <summary>The largest journal payload these limits allow.</summary>
        internal int MaxPayloadBytes => (3 * (2 + MaxFieldBytes)) + 1 + 2 + MaxBodyBytes;

        internal void Validate()
        {
            if (FileName == null || FileName.Length == 0)
            {
                throw new ArgumentException("FileName is required");
            }

            if (MaxCount < 1 || MaxBytes < 1 || MaxBodyBytes < 0 || MaxFieldBytes < 8 || CompactGarbageBytes < 0 || RecentIdCount < 0)
            {
                throw new ArgumentException("pager limits must be positive");
            }

            if (MaxPayloadBytes > Storage.Journal.MaxPayloadLimit)
            {
                throw new ArgumentException("MaxBodyBytes and MaxFieldBytes make records larger than 65535 bytes");
            }

            if (!MessageIds.IsToken(DeviceId, 64))
            {
                throw new ArgumentException("DeviceId must be 1 to 64 letters, digits, '-', '.' or '_'");
            }
        }
    }
}
