namespace SimpleImGateway.Firmware.Device
{
    /// <summary>What the status LED shows.</summary>
    public enum LedPattern
    {
        /// <summary>Not running.</summary>
        Off,

        /// <summary>Connecting to Wi-Fi or registering: slow blink.</summary>
        Connecting,

        /// <summary>Registered and available: steady on.</summary>
        Ready,

        /// <summary>A configuration or storage error that needs a person: fast blink.</summary>
        Fault,
    }
}
