using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace SimpleImGateway.Companion.Tests.Support
{
    /// <summary>The device simulator (Firmware.Simulator) run as a child process with its output collected.</summary>
    public sealed class SimulatorProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private SimulatorProcess(string workingDirectory, string[] arguments)
        {
            string simulator = typeof(SimulatorProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "SimulatorPath").Value!;
            Assert.IsTrue(File.Exists(simulator), "the simulator is not built at " + simulator);
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(simulator);
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            _process = new Process { StartInfo = start };
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            _process.StandardInput.Close();
        }

        /// <summary>Everything the simulator printed so far.</summary>
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

        /// <summary>Starts the simulator in <paramref name="workingDirectory"/> with <paramref name="arguments"/>.</summary>
        public static SimulatorProcess Start(string workingDirectory, params string[] arguments) => new(workingDirectory, arguments);

        /// <summary>Waits until the output holds <paramref name="text"/>; false after <paramref name="timeout"/> or when the process ended first.</summary>
        public bool WaitForOutput(string text, TimeSpan timeout)
        {
            DateTime deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                if (Output.Contains(text, StringComparison.Ordinal))
                {
                    return true;
                }

                if (_process.HasExited)
                {
                    _process.WaitForExit();
                    return Output.Contains(text, StringComparison.Ordinal);
                }

                Thread.Sleep(50);
            }

            return false;
        }

        /// <summary>Waits for the exit; the exit code, or null after killing a process that overstayed.</summary>
        public int? WaitForExit(TimeSpan timeout)
        {
            if (_process.WaitForExit(timeout))
            {
                _process.WaitForExit();
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

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.Append(line).Append('\n');
            }
        }
    }
}
