// Host only: runs the simulator and sipp as child processes.
#if !NANOFRAMEWORK_1_0
using System;
using System.Diagnostics;
using System.Text;

namespace SimpleImGateway.Firmware.Tests.Simulator
{
    /// <summary>A child process whose output is collected; killed (with its children) if it overstays.</summary>
    public sealed class ExternalProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        public ExternalProcess(string fileName, string workingDirectory, params string[] arguments)
        {
            var start = new ProcessStartInfo(fileName)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            CommandLine = fileName + " " + string.Join(" ", arguments);
            _process = new Process { StartInfo = start };
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            _process.StandardInput.Close();
        }

        public string CommandLine { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        /// <summary>Sends a Unix signal ("USR1", "INT", ...) with kill(1).</summary>
        public void Signal(string name)
        {
            using var kill = Process.Start("kill", "-" + name + " " + _process.Id);
            kill.WaitForExit();
        }

        /// <summary>Waits for the exit; returns the exit code, or null after killing a process that overstayed.</summary>
        public int? WaitForExit(TimeSpan timeout)
        {
            if (_process.WaitForExit(timeout))
            {
                _process.WaitForExit(); // drains the output readers
                return _process.ExitCode;
            }

            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            return null;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private void Append(string line)
        {
            if (line == null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
#endif
