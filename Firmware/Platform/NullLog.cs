namespace SimpleImGateway.Firmware.Platform
{
    /// <summary>A log that drops everything.</summary>
    public sealed class NullLog : ILog
    {
        /// <summary>The one instance.</summary>
        public static readonly NullLog Instance = new NullLog();

        private NullLog()
        {
        }

        /// <inheritdoc/>
        public void Write(LogLevel level, string source, string message)
        {
        }
    }
}
