using System.Collections;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Tests.Fakes
{
    /// <summary>A log that keeps its lines so tests can look at them.</summary>
    public sealed class ListLog : ILog
    {
        private readonly ArrayList _lines = new ArrayList();

        public int Count => _lines.Count;

        public int Warnings { get; private set; }

        public int Errors { get; private set; }

        public string this[int index] => (string)_lines[index];

        public void Write(LogLevel level, string source, string message)
        {
            if (level == LogLevel.Warning)
            {
                Warnings++;
            }
            else if (level == LogLevel.Error)
            {
                Errors++;
            }

            _lines.Add(source + ": " + message);
        }

        public bool Contains(string text)
        {
            foreach (string line in _lines)
            {
                if (line.IndexOf(text) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
