using System;
using System.Collections.Generic;
using SimpleImGateway.Companion.Core.Configuration;

namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>
    /// Settings of the SIP/IP Core: registrar and proxy (section <c>Core</c>). The application servers and filter
    /// criteria are maps keyed by name, so a configuration file overrides or disables one entry
    /// (<c>"Core": { "ApplicationServers": { "Im": { "Enabled": false } } }</c>) without repeating the others.
    /// </summary>
    public sealed class CoreOptions : SipElementOptions
    {
        /// <summary>The configuration section these options bind to.</summary>
        public const string SectionName = "Core";

        /// <summary>The default SIP port of the Core.</summary>
        public const int DefaultPort = 5060;

        /// <summary>The name of the default Presence Server entry of <see cref="ApplicationServers"/>.</summary>
        public const string PresenceServerName = "Presence";

        /// <summary>The name of the default IM Server entry of <see cref="ApplicationServers"/>.</summary>
        public const string ImServerName = "Im";

        /// <summary>Creates the options with the Core's defaults: Presence and IM Server on their default ports, and the seed's filter criteria.</summary>
        public CoreOptions()
        {
            Port = DefaultPort;
            // Address and port unset: those of the Presence and Im sections, so moving a server moves its entry.
            ApplicationServers[PresenceServerName] = new ApplicationServerOptions { Order = 1 };
            ApplicationServers[ImServerName] = new ApplicationServerOptions { Order = 2 };
            FilterCriteria["PresenceEvents"] = new FilterCriterionOptions
            {
                Priority = 10,
                Methods = "PUBLISH,SUBSCRIBE",
                Events = "presence,reg",
                Target = PresenceServerName,
            };
            FilterCriteria["PagerMessages"] = new FilterCriterionOptions { Priority = 20, Methods = "MESSAGE", Target = ImServerName };
            FilterCriteria["ApplicationServerToUser"] = new FilterCriterionOptions
            {
                Priority = 100,
                Direction = FilterDirection.FromApplicationServer,
                Target = FilterCriterionOptions.ContactsTarget,
            };
        }

        /// <summary>Registrar settings.</summary>
        public RegistrarOptions Registrar { get; set; } = new();

        /// <summary>Digest authentication settings.</summary>
        public AuthenticationOptions Authentication { get; set; } = new();

        /// <summary>Proxy settings.</summary>
        public ProxyOptions Proxy { get; set; } = new();

        /// <summary>
        /// The application servers behind the Core, by name (default: <c>Presence</c> and <c>Im</c>, at the addresses of
        /// the Presence and Im sections, 127.0.0.1:5070 and :5080 unless changed there).
        /// </summary>
        public Dictionary<string, ApplicationServerOptions> ApplicationServers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Source addresses (<c>ip:port</c>, or <c>ip</c> for any port) whose requests are trusted without digest
        /// authentication. Empty (the default) trusts the address of every enabled application server.
        /// </summary>
        public List<string> TrustedApplicationServers { get; set; } = [];

        /// <summary>The filter criteria for requests to local users, by name.</summary>
        public Dictionary<string, FilterCriterionOptions> FilterCriteria { get; set; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// The most client and server transactions the Core holds (a new request beyond it gets 503). A completed
        /// UDP transaction stays 32 s (Timer J) to absorb retransmissions, so this bounds the sustained rate: a
        /// REGISTER with digest is two transactions, and 600,000 carry about 9,000 of them per second with the
        /// RFC's Timer J (see <see cref="CompletedTransactionMilliseconds"/>).
        /// </summary>
        public int MaxTransactions { get; set; } = 600_000;

        /// <summary>
        /// How long a completed UDP server transaction stays to answer retransmissions (Timer J), in milliseconds;
        /// 0 (default) means RFC 3261's 64·T1 = 32 s. Kamailio's tm keeps 5 s (its wt_timer). The memory a busy
        /// Core holds is proportional to it.
        /// </summary>
        public int CompletedTransactionMilliseconds { get; set; }

        /// <summary>
        /// Requests per second one source address may send before it gets 503 (the transport's flood guard).
        /// Raise it for load tests from a single host.
        /// </summary>
        public int RequestsPerSecondPerSource { get; set; } = 5000;

        /// <summary>
        /// How long the Core waits for each application server's answer to a third-party REGISTER before it goes
        /// on without it, in milliseconds. The user's REGISTER is answered after the last server, so keep it short.
        /// </summary>
        public int ThirdPartyRegistrationTimeoutMilliseconds { get; set; } = 2000;
    }
}
