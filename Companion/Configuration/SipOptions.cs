namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Settings common to every SIP element (section <c>Sip</c>).</summary>
    public sealed class SipOptions
    {
        /// <summary>The configuration section these options bind to.</summary>
        public const string SectionName = "Sip";

        /// <summary>The default SIP domain.</summary>
        public const string DefaultDomain = "simpleim.test";

        /// <summary>
        /// The SIP domain the Core is responsible for. It is also the digest realm, so changing it
        /// invalidates every stored HA1.
        /// </summary>
        public string Domain { get; set; } = DefaultDomain;
    }
}
