namespace SimpleImGateway.Companion.Core.Configuration
{
    /// <summary>
    /// One filter criterion (an entry of <c>Core:FilterCriteria</c>, keyed by name), like an IMS initial filter
    /// criterion: when a request to a local user matches, it goes to <see cref="Target"/>. Criteria are tried by
    /// ascending <see cref="Priority"/> (ties by name); the first match wins; with no match the request goes to
    /// the user's registered contacts. A criterion never sends a request back to the application server it came from.
    /// </summary>
    public sealed class FilterCriterionOptions
    {
        /// <summary>The <see cref="Target"/> naming the user's registered contacts.</summary>
        public const string ContactsTarget = "Contacts";

        /// <summary>False disables the criterion.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>Evaluation order: lower first.</summary>
        public int Priority { get; set; }

        /// <summary>Methods that match, comma-separated (case-sensitive, as SIP methods are); empty matches every method.</summary>
        public string Methods { get; set; } = string.Empty;

        /// <summary>
        /// Event packages that match (the Event header's package, case-insensitive), comma-separated; empty
        /// matches requests with or without an Event header.
        /// </summary>
        public string Events { get; set; } = string.Empty;

        /// <summary>Which senders match.</summary>
        public FilterDirection Direction { get; set; } = FilterDirection.Any;

        /// <summary>
        /// Where a matching request goes: the name of an entry of <c>Core:ApplicationServers</c>, an address
        /// <c>ip:port</c> (UDP), or <c>Contacts</c> for the user's registered contacts.
        /// </summary>
        public string Target { get; set; } = ContactsTarget;
    }
}
