namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Process-wide settings of the companion host (section <c>Companion</c>).</summary>
    public sealed class CompanionOptions
    {
        /// <summary>The configuration section these options bind to.</summary>
        public const string SectionName = "Companion";

        /// <summary>The SIP elements this process runs; <c>serve --role</c> overrides it.</summary>
        public ServerRole Role { get; set; } = ServerRole.All;
    }
}
