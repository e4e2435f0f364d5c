namespace SimpleImGateway.Firmware.Platform
{
    /// <summary>Where the firmware writes what it does: the debug output on the device, the console on the host.</summary>
    public interface ILog
    {
        /// <summary>Writes one line.</summary>
        /// <param name="level">How much it matters.</param>
        /// <param name="source">The component that writes it ("journal", "outbox", ...).</param>
        /// <param name="message">The text.</param>
        void Write(LogLevel level, string source, string message);
    }
}
