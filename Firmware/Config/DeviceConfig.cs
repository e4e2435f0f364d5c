using SimpleImGateway.Firmware.Pager;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Firmware.Ua;

namespace SimpleImGateway.Firmware.Config
{
    /// <summary>
    /// The values of the device configuration file <c>I:\simpleim.conf</c> (format: docs/device-config.md):
    /// the Wi-Fi network, the SIP account and server, the outbox limits and the pins of the board.
    /// <see cref="DeviceConfigParser"/> fills it in and <see cref="DeviceConfigWriter"/> writes it out;
    /// this class only holds the values and their defaults.
    /// </summary>
    public sealed class DeviceConfig
    {
        /// <summary>The registration interval used when the file sets none, in seconds.</summary>
        public const int DefaultRegisterExpiresSeconds = 3600;

        /// <summary>Creates a configuration with the defaults and no account.</summary>
        public DeviceConfig()
        {
            WifiSsid = string.Empty;
            WifiPassword = string.Empty;
            SipPort = 5060;
            Transport = SipTransport.Udp;
            LocalPort = 5060;
            RegisterExpiresSeconds = DefaultRegisterExpiresSeconds;
            var pagerDefaults = new PagerOptions("outbox.jnl");
            OutboxMaxCount = pagerDefaults.MaxCount;
            OutboxMaxBytes = pagerDefaults.MaxBytes;
            LedPin = -1;
            LedActiveHigh = true;
            ButtonPin = -1;
            DeviceId = "device";
        }

        /// <summary>The Wi-Fi network name; empty uses the network stored on the device.</summary>
        public string WifiSsid { get; set; }

        /// <summary>The Wi-Fi passphrase; empty for an open network.</summary>
        public string WifiPassword { get; set; }

        /// <summary>The SIP server (outbound proxy and registrar): a host name or an IPv4 address.</summary>
        public string SipServer { get; set; }

        /// <summary>The SIP server's port (5060).</summary>
        public int SipPort { get; set; }

        /// <summary>UDP or TCP.</summary>
        public SipTransport Transport { get; set; }

        /// <summary>The local port to receive on (5060; 0 lets the network stack choose).</summary>
        public int LocalPort { get; set; }

        /// <summary>The user part of the address of record and the digest user name.</summary>
        public string User { get; set; }

        /// <summary>The domain of the address of record and the digest realm expected.</summary>
        public string Domain { get; set; }

        /// <summary>The digest password.</summary>
        public string Password { get; set; }

        /// <summary>The registration interval the device asks for (Expires of REGISTER), in seconds.</summary>
        public int RegisterExpiresSeconds { get; set; }

        /// <summary>The most messages the outbox keeps on flash.</summary>
        public int OutboxMaxCount { get; set; }

        /// <summary>The most bytes of journal records the outbox keeps on flash.</summary>
        public int OutboxMaxBytes { get; set; }

        /// <summary>Prefix of the outbox's Message-IDs and the presence tuple id; unique per device.</summary>
        public string DeviceId { get; set; }

        /// <summary>The GPIO of the status LED, or -1 for none.</summary>
        public int LedPin { get; set; }

        /// <summary>Whether the LED lights when its pin is high.</summary>
        public bool LedActiveHigh { get; set; }

        /// <summary>The GPIO of the user button (pulled up, pressed = low), or -1 for none.</summary>
        public int ButtonPin { get; set; }

        /// <summary>
        /// The user agent settings these values ask for: the account (user, domain, password), the server, the
        /// registration interval, the device id and the outbox limits; everything else keeps the
        /// <see cref="UserAgentSettings"/> defaults. The transport and the local port belong to the channel.
        /// </summary>
        public UserAgentSettings CreateUserAgentSettings()
        {
            var settings = new UserAgentSettings();
            settings.User = User;
            settings.Domain = Domain;
            settings.Password = Password;
            settings.ServerHost = SipServer;
            settings.ServerPort = SipPort;
            settings.RegisterExpiresSeconds = RegisterExpiresSeconds;
            settings.DeviceId = DeviceId;
            settings.OutboxOptions = CreateOutboxOptions(settings.OutboxOptions.FileName);
            return settings;
        }

        /// <summary>The outbox options these values ask for: <see cref="OutboxMaxCount"/>, <see cref="OutboxMaxBytes"/> and <see cref="DeviceId"/>.</summary>
        public PagerOptions CreateOutboxOptions(string fileName)
        {
            var options = new PagerOptions(fileName);
            options.MaxCount = OutboxMaxCount;
            options.MaxBytes = OutboxMaxBytes;
            options.DeviceId = DeviceId;
            return options;
        }
    }
}
