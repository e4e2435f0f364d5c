namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Settings of the IM Server (section <c>Im</c>).</summary>
    public sealed class ImOptions : SipElementOptions
    {
        /// <summary>The configuration section these options bind to.</summary>
        public const string SectionName = "Im";

        /// <summary>The default SIP port of the IM Server.</summary>
        public const int DefaultPort = 5080;

        /// <summary>Creates the options with the IM Server's default port.</summary>
        public ImOptions()
        {
            Port = DefaultPort;
        }
    }
}
