namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Settings of the Presence Server (section <c>Presence</c>).</summary>
    public sealed class PresenceOptions : SipElementOptions
    {
        /// <summary>The configuration section these options bind to.</summary>
        public const string SectionName = "Presence";

        /// <summary>The default SIP port of the Presence Server.</summary>
        public const int DefaultPort = 5070;

        /// <summary>Creates the options with the Presence Server's default port.</summary>
        public PresenceOptions()
        {
            Port = DefaultPort;
        }
    }
}
