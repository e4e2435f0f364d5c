namespace SimpleImGateway.Firmware.Platform
{
    /// <summary>How much a log line matters.</summary>
    public enum LogLevel
    {
        /// <summary>Detail for a developer.</summary>
        Debug,

        /// <summary>Normal events worth keeping.</summary>
        Info,

        /// <summary>Something went wrong and was handled (a torn record skipped, a retry).</summary>
        Warning,

        /// <summary>Something went wrong and could not be handled.</summary>
        Error,
    }
}
