namespace SimpleImGateway.Firmware.Simulator;

/// <summary>
/// Everything the simulator prints, one timestamped line at a time, to stdout; the last lines are also
/// kept so that <c>expect</c> can look for them.
/// </summary>
public sealed class Output
{
    private const int MaxKept = 10000;

    private readonly object _sync = new();
    private readonly List<string> _lines = new();
    private readonly List<bool> _used = new();
    private readonly TextWriter _writer;

    /// <summary>Writes to <paramref name="writer"/>.</summary>
    public Output(TextWriter writer)
    {
        _writer = writer;
    }

    /// <summary>Prints a line.</summary>
    public void Line(string text) => Write(text, keep: true);

    /// <summary>Echoes a command; <c>expect</c> never matches an echo (it would match itself).</summary>
    public void Echo(string command) => Write("> " + command, keep: false);

    /// <summary>
    /// Looks for a line containing <paramref name="text"/> among all lines printed so far that no
    /// earlier match used; the line found is used up, so expecting the same text twice needs two lines.
    /// Order does not matter: what the UA does concurrently (registering, receiving) may print either way.
    /// </summary>
    public bool TryMatch(string text)
    {
        lock (_sync)
        {
            for (int i = 0; i < _lines.Count; i++)
            {
                if (!_used[i] && _lines[i].Contains(text, StringComparison.Ordinal))
                {
                    _used[i] = true;
                    return true;
                }
            }

            return false;
        }
    }

    private void Write(string text, bool keep)
    {
        string line = DateTime.Now.ToString("HH:mm:ss.fff") + " " + text;
        lock (_sync)
        {
            _writer.WriteLine(line);
            _writer.Flush();
            if (!keep)
            {
                return;
            }

            _lines.Add(line);
            _used.Add(false);
            if (_lines.Count > MaxKept)
            {
                _lines.RemoveAt(0);
                _used.RemoveAt(0);
            }
        }
    }
}
