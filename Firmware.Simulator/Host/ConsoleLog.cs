using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Simulator.Host;

/// <summary>The firmware's log as simulator output lines: <c>INFO  register: registered ...</c>.</summary>
public sealed class ConsoleLog : ILog
{
    private readonly Output _output;
    private readonly LogLevel _minimum;

    /// <summary>Prints lines at <paramref name="minimum"/> and above.</summary>
    public ConsoleLog(Output output, LogLevel minimum)
    {
        _output = output;
        _minimum = minimum;
    }

    /// <inheritdoc/>
    public void Write(LogLevel level, string source, string message)
    {
        if (level < _minimum)
        {
            return;
        }

        string tag = level switch
        {
            LogLevel.Debug => "DEBUG",
            LogLevel.Info => "INFO ",
            LogLevel.Warning => "WARN ",
            _ => "ERROR",
        };
        _output.Line(tag + " " + source + ": " + message);
    }
}
