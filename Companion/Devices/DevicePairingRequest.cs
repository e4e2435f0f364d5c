using SimpleImGateway.Firmware.Config;
using DeviceTransport = SimpleImGateway.Firmware.Platform.SipTransport;

namespace SimpleImGateway.Companion.Devices
{
    /// <summary>What <c>devices pair</c> was asked to do.</summary>
    public sealed record DevicePairingRequest
    {
        /// <summary>The device name: the SIP user and the device id.</summary>
        public required string Name { get; init; }

        /// <summary>The host name or IPv4 address the device sends SIP to.</summary>
        public required string ServerHost { get; init; }

        /// <summary>The server's port.</summary>
        public required int ServerPort { get; init; }

        /// <summary>UDP or TCP.</summary>
        public DeviceTransport Transport { get; init; } = DeviceTransport.Udp;

        /// <summary>The directory that receives the configuration and the deployment JSON.</summary>
        public required string OutputDirectory { get; init; }

        /// <summary>Issue a new password for an existing device instead of creating it.</summary>
        public bool Rotate { get; init; }

        /// <summary>The board whose pins go into the configuration; null writes no pins (-1).</summary>
        public BoardProfile? Board { get; init; }

        /// <summary>The Wi-Fi network; null or empty uses the one stored on the device.</summary>
        public string? WifiSsid { get; init; }

        /// <summary>The Wi-Fi passphrase; null for none.</summary>
        public string? WifiPassword { get; init; }

        /// <summary>The registration interval the device asks for, in seconds.</summary>
        public int RegisterExpiresSeconds { get; init; } = DeviceConfig.DefaultRegisterExpiresSeconds;
    }
}
