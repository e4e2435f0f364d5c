namespace SimpleImGateway.Companion.Devices
{
    /// <summary>Why a <c>devices</c> operation was refused.</summary>
    public enum DevicePairingError
    {
        /// <summary>The device name is not acceptable.</summary>
        InvalidName,

        /// <summary>A user of that name exists and no rotation was asked for.</summary>
        AlreadyExists,

        /// <summary>No user of that name exists.</summary>
        NoSuchDevice,

        /// <summary>The user exists but was not created by <c>devices pair</c>.</summary>
        NotADevice,

        /// <summary>The device configuration cannot be written (a bad server, port or Wi-Fi value).</summary>
        InvalidConfig,
    }
}
