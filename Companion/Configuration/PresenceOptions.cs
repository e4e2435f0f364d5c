namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Settings of the Presence Server (section <c>Presence</c>).</summary>
    public sealed class PresenceOptions : SipElementOptions
    {
        /// <summary>The configuration section these options bind to.</summary>
        public const string SectionName = "Presence";

        /// <summary>The default SIP port of the Presence Server.</summary>
        public const int DefaultPort = 5070;

        /// <summary>The user part of the IM Server's identity when <see cref="TrustedWatchers"/> is not set.</summary>
        public const string DefaultImServerUser = "im-server";

        /// <summary>Creates the options with the Presence Server's default port.</summary>
        public PresenceOptions()
        {
            Port = DefaultPort;
        }

        /// <summary>
        /// The SIP/IP Core's address: the only source whose third-party REGISTERs are believed, and the next hop
        /// of requests to targets named by the domain rather than an address.
        /// </summary>
        public string CoreAddress { get; set; } = "127.0.0.1";

        /// <summary>The SIP/IP Core's port.</summary>
        public int CorePort { get; set; } = CoreOptions.DefaultPort;

        /// <summary>
        /// Application servers, as SIP URIs (the From of their SUBSCRIBE), that may watch every presentity and
        /// every registration without a rule. Unset means <c>sip:im-server@</c> and the configured domain.
        /// </summary>
        public string[]? TrustedWatchers { get; set; }

        /// <summary>Shortest non-zero expiry accepted for SUBSCRIBE and PUBLISH, in seconds (shorter: 423).</summary>
        public int MinExpires { get; set; } = 60;

        /// <summary>Longest expiry granted for SUBSCRIBE and PUBLISH, in seconds (longer requests are cut to it).</summary>
        public int MaxExpires { get; set; } = 3600;

        /// <summary>Expiry granted when a SUBSCRIBE or PUBLISH has no Expires, in seconds.</summary>
        public int DefaultExpires { get; set; } = 3600;

        /// <summary>How often the watcher rules are read back from storage to notice changes made by the CLI, in milliseconds.</summary>
        public int RulePollMilliseconds { get; set; } = 2000;

        /// <summary>The trusted watchers in effect for <paramref name="domain"/>.</summary>
        public string[] TrustedWatchersFor(string domain) =>
            TrustedWatchers is { Length: > 0 } configured ? configured : [$"sip:{DefaultImServerUser}@{domain}"];
    }
}
