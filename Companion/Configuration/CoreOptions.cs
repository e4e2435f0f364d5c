namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Settings of the SIP/IP Core: registrar and proxy (section <c>Core</c>).</summary>
    public sealed class CoreOptions : SipElementOptions
    {
        /// <summary>The configuration section these options bind to.</summary>
        public const string SectionName = "Core";

        /// <summary>The default SIP port of the Core.</summary>
        public const int DefaultPort = 5060;

        /// <summary>Creates the options with the Core's default port.</summary>
        public CoreOptions()
        {
            Port = DefaultPort;
        }
    }
}
