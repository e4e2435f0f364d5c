using System;
using SimpleImGateway.Sip.Transactions;

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

        /// <summary>
        /// The IM Server's own SIP URI, sent in From of its SUBSCRIBEs and expiry notices. The Presence Server
        /// trusts it as an application-server watcher. Empty means <c>sip:im-server@</c> plus <c>Sip:Domain</c>.
        /// </summary>
        public string Identity { get; set; } = string.Empty;

        /// <summary>The Core's address: SUBSCRIBEs and deliveries go there (the Core routes them on).</summary>
        public string CoreAddress { get; set; } = "127.0.0.1";

        /// <summary>The Core's port.</summary>
        public int CorePort { get; set; } = CoreOptions.DefaultPort;

        /// <summary>The transport to the Core; a delivery whose body exceeds <see cref="MaxUdpBodyBytes"/> always goes over TCP.</summary>
        public SipTransportType CoreTransport { get; set; } = SipTransportType.Udp;

        /// <summary>How the IM Server learns who is registered: the Core's third-party REGISTER, or a reg-event subscription per user.</summary>
        public ImRegistrationSource RegistrationSource { get; set; } = ImRegistrationSource.ThirdPartyRegister;

        /// <summary>
        /// With <see cref="ImRegistrationSource.RegEvent"/>: the users (names or AORs) whose registrations are watched.
        /// Empty means every user in the user store, read again every <see cref="UserRescanInterval"/>.
        /// </summary>
        public string[] RegEventUsers { get; set; } = [];

        /// <summary>With <see cref="ImRegistrationSource.RegEvent"/> and no <see cref="RegEventUsers"/>: how often the user list is read again.</summary>
        public TimeSpan UserRescanInterval { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>
        /// When true, a registered user counts as available for IM without a presence document saying so
        /// (msilo-style delivery on registration). Default false: presence decides.
        /// </summary>
        public bool DeliverOnRegister { get; set; }

        /// <summary>How long a stored message waits for its recipient before it is dropped.</summary>
        public TimeSpan MessageLifetime { get; set; } = TimeSpan.FromDays(7);

        /// <summary>Whether the sender of an expired or refused message gets one notice MESSAGE from <see cref="Identity"/>.</summary>
        public bool NotifySenderOnExpiry { get; set; } = true;

        /// <summary>How often expired messages are looked for.</summary>
        public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

        /// <summary>The most messages stored for one recipient; beyond it a MESSAGE is refused (486, "message store full").</summary>
        public int QuotaPerUser { get; set; } = 1000;

        /// <summary>The largest MESSAGE body accepted over UDP, in bytes; larger ones get 513 (send them over TCP).</summary>
        public int MaxUdpBodyBytes { get; set; } = 1300;

        /// <summary>The Expires asked for in SUBSCRIBE, in seconds.</summary>
        public int SubscriptionExpires { get; set; } = 3600;

        /// <summary>The first wait after a failed delivery or subscription; doubled per further failure.</summary>
        public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>The longest wait between retries.</summary>
        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);
    }
}
