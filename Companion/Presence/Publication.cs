using SimpleImGateway.Companion.Presence.Events;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Bodies.Pidf;

namespace SimpleImGateway.Companion.Presence
{
    /// <summary>One live publication on the loop: the stored record, its parsed document and its expiry timer.</summary>
    public sealed class Publication
    {
        internal Publication(PresencePublication record, PresenceDocument document)
        {
            Record = record;
            Document = document;
        }

        /// <summary>The publication as stored.</summary>
        public PresencePublication Record { get; }

        /// <summary>The parsed PIDF document.</summary>
        public PresenceDocument Document { get; }

        internal LoopTimer? Expiry { get; set; }
    }
}
