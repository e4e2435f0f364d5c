using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Config
{
    /// <summary>
    /// What the device reads from its configuration file (see boards/*/simpleim.conf.template):
    /// the Wi-Fi network, the SIP account and server, and the pins of the board. Filled in by the
    /// configuration parser; this class only holds the values and their defaults.
    /// </summary>
    public sealed class DeviceConfig
    {
        /// <summary>Creates a configuration with the defaults and no account.</summary>
        public DeviceConfig()
        {
            SipPort = 5060;
            Transport = SipTransport.Udp;
            LocalPort = 5060;
            LedPin = -1;
            LedActiveHigh = true;
            ButtonPin = -1;
            DeviceId = "device";
        }

        /// <summary>The Wi-Fi network name.</summary>
        public string WifiSsid { get; set; }

        /// <summary>The Wi-Fi passphrase.</summary>
        public string WifiPassword { get; set; }

        /// <summary>The SIP server (outbound proxy and registrar): a host name or an IPv4 address.</summary>
        public string SipServer { get; set; }

        /// <summary>The SIP server's port (5060).</summary>
        public int SipPort { get; set; }

        /// <summary>UDP or TCP.</summary>
        public SipTransport Transport { get; set; }

        /// <summary>The local port to receive on (5060).</summary>
        public int LocalPort { get; set; }

        /// <summary>The user part of the address of record and the digest user name.</summary>
        public string User { get; set; }

        /// <summary>The domain of the address of record and the digest realm expected.</summary>
        public string Domain { get; set; }

        /// <summary>The digest password.</summary>
        public string Password { get; set; }

        /// <summary>Prefix of the outbox's Message-IDs; unique per device.</summary>
        public string DeviceId { get; set; }

        /// <summary>The GPIO of the status LED, or -1 for none.</summary>
        public int LedPin { get; set; }

        /// <summary>Whether the LED lights when its pin is high.</summary>
        public bool LedActiveHigh { get; set; }

        /// <summary>The GPIO of the user button (pulled up, pressed = low), or -1 for none.</summary>
        public int ButtonPin { get; set; }
    }
}
