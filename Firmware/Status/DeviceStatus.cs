namespace SimpleImGateway.Firmware.Status
{
    /// <summary>
    /// What the device is doing or why it stopped, as the status LED shows it (patterns in
    /// <see cref="StatusIndicator.PatternOf"/>, table in boards/*/README.md).
    /// </summary>
    public enum DeviceStatus
    {
        /// <summary>Not running: dark.</summary>
        Off,

        /// <summary>Joining Wi-Fi, reaching the server or registering: slow blink.</summary>
        Connecting,

        /// <summary>Registered: steady on.</summary>
        Registered,

        /// <summary>simpleim.conf is missing or unreadable: 1 flash (only shown if the LED pin is known).</summary>
        ConfigMissing,

        /// <summary>simpleim.conf has an error (syntax, unknown key, missing field, bad value...): 2 flashes.</summary>
        ConfigInvalid,

        /// <summary>The Wi-Fi network cannot be joined: 3 flashes.</summary>
        WifiFailed,

        /// <summary>The SIP server cannot be reached or does not answer (timeout, 408, 5xx): 4 flashes.</summary>
        ServerUnreachable,

        /// <summary>The server rejects the password (401/407 again after answering its challenge): 5 flashes.</summary>
        CredentialsRejected,

        /// <summary>The server refuses the account (403 or 404): unpaired or never paired: 6 flashes.</summary>
        Forbidden,

        /// <summary>The registrar refused the registration for another reason: one long and one short flash.</summary>
        RegistrationFailed,

        /// <summary>The message journals on the internal flash cannot be opened: fast blink.</summary>
        StorageFailed,

        /// <summary>An unexpected error: fast blink.</summary>
        Fault,
    }
}
