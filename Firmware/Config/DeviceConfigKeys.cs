namespace SimpleImGateway.Firmware.Config
{
    /// <summary>The keys of the device configuration file, as docs/device-config.md defines them.</summary>
    public static class DeviceConfigKeys
    {
        /// <summary>The Wi-Fi network name; empty uses the network stored on the device.</summary>
        public const string WifiSsid = "wifi.ssid";

        /// <summary>The Wi-Fi passphrase.</summary>
        public const string WifiPassword = "wifi.password";

        /// <summary>The SIP server (required).</summary>
        public const string SipServer = "sip.server";

        /// <summary>The SIP server's port.</summary>
        public const string SipPort = "sip.port";

        /// <summary>udp or tcp.</summary>
        public const string SipTransport = "sip.transport";

        /// <summary>The local port.</summary>
        public const string SipLocalPort = "sip.local-port";

        /// <summary>The domain of the address of record (required).</summary>
        public const string SipDomain = "sip.domain";

        /// <summary>The user part of the address of record and digest user name (required).</summary>
        public const string SipUser = "sip.user";

        /// <summary>The digest password (required).</summary>
        public const string SipPassword = "sip.password";

        /// <summary>The registration interval asked for, in seconds.</summary>
        public const string SipRegisterExpires = "sip.register-expires";

        /// <summary>The most messages the outbox holds.</summary>
        public const string OutboxMaxCount = "outbox.max-count";

        /// <summary>The most bytes the outbox holds.</summary>
        public const string OutboxMaxBytes = "outbox.max-bytes";

        /// <summary>The device id: Message-ID prefix and presence tuple id.</summary>
        public const string DeviceId = "device.id";

        /// <summary>The GPIO of the status LED, -1 for none.</summary>
        public const string LedPin = "led.pin";

        /// <summary>Whether the LED lights when its pin is high.</summary>
        public const string LedActiveHigh = "led.active-high";

        /// <summary>The GPIO of the button, -1 for none.</summary>
        public const string ButtonPin = "button.pin";

        /// <summary>Every key, in the order the writer puts them.</summary>
        public static string[] All
        {
            get
            {
                return new string[]
                {
                    WifiSsid, WifiPassword,
                    SipServer, SipPort, SipTransport, SipLocalPort,
                    SipUser, SipDomain, SipPassword, SipRegisterExpires,
                    OutboxMaxCount, OutboxMaxBytes,
                    DeviceId,
                    LedPin, LedActiveHigh, ButtonPin,
                };
            }
        }

        /// <summary>The keys a file must set, in the order a missing one is reported.</summary>
        public static string[] Required
        {
            get { return new string[] { SipServer, SipDomain, SipUser, SipPassword }; }
        }
    }
}
