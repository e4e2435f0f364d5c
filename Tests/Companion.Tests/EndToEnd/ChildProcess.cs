using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;

namespace SimpleImGateway.Companion.Tests.EndToEnd
{
    /// <summary>
    /// A child process whose standard output and error are collected line by line and whose standard
    /// input stays open, so the test can type commands while it runs (the simulator reads stdin).
    /// </summary>
    public sealed class ChildProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private ChildProcess(string fileName, IEnumerable<string> arguments, string name)
        {
            Name = name;
            var start = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
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
        }

        /// <summary>A short name for messages (serve, bob, tshark).</summary>
        public string Name { get; }

        /// <summary>The process id.</summary>
        public int Id => _process.Id;

        /// <summary>Whether the process has ended.</summary>
        public bool HasExited => _process.HasExited;

        /// <summary>The exit code; only valid once <see cref="HasExited"/>.</summary>
        public int ExitCode => _process.ExitCode;

        /// <summary>Everything the process printed so far (stdout and stderr interleaved as read).</summary>
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

        /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>.</summary>
        public static ChildProcess Start(string name, string fileName, params string[] arguments) => new(fileName, arguments, name);

        /// <summary>Starts a .NET program: <c>dotnet DLL arguments</c>, with the dotnet host running the tests.</summary>
        public static ChildProcess StartDotnet(string name, string dll, params string[] arguments)
        {
            var all = new List<string> { dll };
            all.AddRange(arguments);
            return new ChildProcess(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", all, name);
        }

        /// <summary>Writes one line to the process's standard input.</summary>
        public void Send(string line)
        {
            _process.StandardInput.WriteLine(line);
            _process.StandardInput.Flush();
        }

        /// <summary>Waits until the output holds <paramref name="text"/>; false after the timeout or when the process ended without it.</summary>
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

                Thread.Sleep(25);
            }

            return false;
        }

        /// <summary>Sends a POSIX signal (SIGINT, SIGTERM) so the process can finish its work, and waits for the exit.</summary>
        public bool SignalAndWait(int signal, TimeSpan timeout)
        {
            if (!_process.HasExited)
            {
                _ = Posix.Kill(_process.Id, signal);
            }

            if (_process.WaitForExit(timeout))
            {
                _process.WaitForExit(); // drains the redirected output
                return true;
            }

            return false;
        }

        /// <summary>Waits for the exit; kills the process (and its children) when it overstays.</summary>
        public bool WaitForExit(TimeSpan timeout)
        {
            if (_process.WaitForExit(timeout))
            {
                _process.WaitForExit();
                return true;
            }

            Dispose();
            return false;
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit();
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
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
