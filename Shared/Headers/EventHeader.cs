using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Headers
{
    /// <summary>
    /// The Event header (RFC 6665 §8.2.1): an event type such as <c>presence</c> or <c>presence.winfo</c>
    /// (package, then templates after dots) and parameters, of which <c>id</c> tells subscriptions apart.
    /// </summary>
    public sealed class EventHeader
    {
        /// <summary>Creates an Event value; <paramref name="id"/> may be null.</summary>
        public EventHeader(string eventType, string id)
        {
            EventType = eventType;
            Parameters = new SipParameters();
            if (id != null)
            {
                Parameters.Set("id", id);
            }
        }

        /// <summary>The full event type, e.g. <c>presence.winfo</c>.</summary>
        public string EventType { get; }

        /// <summary>The event package: the event type up to its first dot.</summary>
        public string Package
        {
            get
            {
                int dot = EventType.IndexOf('.');
                return dot < 0 ? EventType : EventType.Substring(0, dot);
            }
        }

        /// <summary>The template part after the first dot (e.g. <c>winfo</c>), or null.</summary>
        public string Template
        {
            get
            {
                int dot = EventType.IndexOf('.');
                return dot < 0 ? null : EventType.Substring(dot + 1);
            }
        }

        /// <summary>The id parameter, or null.</summary>
        public string Id => Parameters.Get("id");

        /// <summary>All parameters in order.</summary>
        public SipParameters Parameters { get; private set; }

        /// <summary>Parses an Event value.</summary>
        public static EventHeader Parse(string value)
        {
            if (value == null)
            {
                throw new SipParseException("Event value is missing");
            }

            int start = 0;
            int end = SipParameters.ReadToken(value, ref start, value.Length, "Event", "an event type");
            var result = new EventHeader(value.Substring(start, end - start), null);
            SipParameters.Scan(value, end, value.Length, result.Parameters);
            return result;
        }

        /// <summary>
        /// Whether two Event values name the same subscription (RFC 6665 §8.2.1): the same event type and the
        /// same id (both absent counts as the same), compared exactly.
        /// </summary>
        public bool Matches(EventHeader other)
            => other != null && other.EventType == EventType && other.Id == Id;

        /// <inheritdoc/>
        public override string ToString() => EventType + Parameters.ToString();
    }
}
