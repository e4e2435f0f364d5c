using SimpleImGateway.Companion.Presence.Events;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Bodies.RegInfo;

namespace SimpleImGateway.Companion.Presence
{
    /// <summary>A live registration on the loop: its record, the event that last changed it and its expiry timer.</summary>
    public sealed class TrackedRegistration
    {
        internal TrackedRegistration(PresenceRegistration record, RegContactEvent lastEvent)
        {
            Record = record;
            LastEvent = lastEvent;
        }

        /// <summary>The registration as stored.</summary>
        public PresenceRegistration Record { get; internal set; }

        /// <summary>registered or refreshed.</summary>
        public RegContactEvent LastEvent { get; internal set; }

        internal LoopTimer? Expiry { get; set; }
    }
}
