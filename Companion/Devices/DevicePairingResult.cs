using SimpleImGateway.Firmware.Config;

namespace SimpleImGateway.Companion.Devices
{
    /// <summary>What <c>devices pair</c> did.</summary>
    /// <param name="Name">The device and user name.</param>
    /// <param name="AddressOfRecord">The device's AOR, <c>sip:NAME@DOMAIN</c>.</param>
    /// <param name="Password">The generated password (shown only when asked for).</param>
    /// <param name="Config">The configuration written.</param>
    /// <param name="ConfigPath">The full path of the configuration file.</param>
    /// <param name="DeployPath">The full path of the nanoff file-deployment JSON.</param>
    /// <param name="Rotated">True for a rotation: the old password works until the device has used this one.</param>
    public sealed record DevicePairingResult(
        string Name, string AddressOfRecord, string Password, DeviceConfig Config, string ConfigPath, string DeployPath, bool Rotated);
}
