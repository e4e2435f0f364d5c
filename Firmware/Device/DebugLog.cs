using System.Diagnostics;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Device
{
    /// <summary><see cref="ILog"/> to the debugger output (Visual Studio's Output window, or the serial monitor).</summary>
    public sealed class DebugLog : ILog
    {
        private readonly LogLevel _minimum;

        /// <summary>Writes lines of <paramref name="minimum"/> and above.</summary>
        public DebugLog(LogLevel minimum)
        {
            _minimum = minimum;
        }

        /// <inheritdoc/>
        public void Write(LogLevel level, string source, string message)
        {
            if (level >= _minimum)
            {
                Debug.WriteLine(source + ": " + message);
            }
        }
    }
}
