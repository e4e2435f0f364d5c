using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace SimpleImGateway.Companion.Tests.EndToEnd
{
    /// <summary>One UDP datagram read back from the capture file.</summary>
    public sealed record CapturedDatagram(DateTimeOffset At, string Source, string Destination, byte[] Payload);

    /// <summary>
    /// tshark capturing UDP on the loopback interface for a set of ports into a pcapng file, and reading
    /// the file back. On Linux each datagram on lo appears once. The file is complete only after tshark
    /// exits, so <see cref="Stop"/> interrupts it (SIGINT) and waits.
    /// </summary>
    public sealed class LoopbackCapture : IDisposable
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
        private readonly ChildProcess _tshark;

        private LoopbackCapture(string file, ChildProcess tshark)
        {
            File = file;
            _tshark = tshark;
        }

        /// <summary>The pcapng file written.</summary>
        public string File { get; }

        /// <summary>The tshark on PATH, or null.</summary>
        public static string? FindTshark()
        {
            foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = Path.Combine(directory, "tshark");
                if (System.IO.File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        /// <summary>Starts capturing UDP to or from any of <paramref name="ports"/>; returns once tshark captures.</summary>
        public static LoopbackCapture Start(string file, IEnumerable<int> ports)
        {
            string tshark = FindTshark()
                ?? throw new AssertFailedException("tshark is not installed: the end-to-end tests capture the SIP traffic with it. Install it with tools/ci/setup-tshark.sh (Debian package tshark); test.sh runs that script.");
            string filter = "udp and (" + string.Join(" or ", ports.Select(p => "port " + p.ToString(CultureInfo.InvariantCulture))) + ")";
            // -P -l -T fields also prints each datagram as it is captured, so the test can pace the flow on
            // what it sees (Live); the assertions read the file afterwards.
            var process = ChildProcess.Start("tshark", tshark, "-i", "lo", "-f", filter, "-w", file, "-l", "-P", "-T", "fields", "-e", "frame.time_epoch",
                "-e", "ip.src", "-e", "udp.srcport", "-e", "ip.dst", "-e", "udp.dstport", "-e", "udp.payload");
            var capture = new LoopbackCapture(file, process);

            // tshark says "Capturing on 'Loopback: lo'" once dumpcap has opened the interface.
            if (!process.WaitForOutput("Capturing on", StartTimeout))
            {
                string output = process.Output;
                capture.Dispose();
                throw new AssertFailedException($"tshark did not start capturing on lo within {StartTimeout.TotalSeconds} s (it needs the capture capability, e.g. root):\n{output}");
            }

            return capture;
        }

        /// <summary>Stops the capture and waits until tshark has written and closed the file.</summary>
        public void Stop()
        {
            // SIGTERM first: a process started in the background may inherit an ignored SIGINT.
            if (!_tshark.SignalAndWait(Posix.SigTerm, TimeSpan.FromSeconds(10))
                && !_tshark.SignalAndWait(Posix.SigInt, TimeSpan.FromSeconds(5)))
            {
                throw new AssertFailedException("tshark did not stop on SIGINT/SIGTERM:\n" + _tshark.Output);
            }
        }

        /// <summary>Reads the datagrams of the (stopped) capture in capture order.</summary>
        public IReadOnlyList<CapturedDatagram> Read()
        {
            string tshark = FindTshark()!;
            var start = new ProcessStartInfo(tshark)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[] { "-r", File, "-T", "fields", "-e", "frame.time_epoch", "-e", "ip.src", "-e", "udp.srcport", "-e", "ip.dst", "-e", "udp.dstport", "-e", "udp.payload" })
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            string text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.AreEqual(0, process.ExitCode, "tshark -r " + File + " failed: " + errors.Result);

            return Parse(text);
        }

        /// <summary>The datagrams tshark printed live so far (capture order).</summary>
        public IReadOnlyList<CapturedDatagram> Live() => Parse(_tshark.Output);

        // Lines of "epoch<TAB>src ip<TAB>src port<TAB>dst ip<TAB>dst port<TAB>hex payload"; tshark's other lines are skipped.
        private static List<CapturedDatagram> Parse(string text)
        {
            var datagrams = new List<CapturedDatagram>();
            foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] fields = line.TrimEnd('\r').Split('\t');
                if (fields.Length != 6 || fields[5].Length == 0
                    || !decimal.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out decimal epoch))
                {
                    continue;
                }

                long ticks = (long)(epoch * TimeSpan.TicksPerSecond);
                var at = new DateTimeOffset(DateTime.UnixEpoch.Ticks + ticks, TimeSpan.Zero);
                datagrams.Add(new CapturedDatagram(at, fields[1] + ":" + fields[2], fields[3] + ":" + fields[4], Convert.FromHexString(fields[5].Replace(":", "", StringComparison.Ordinal))));
            }

            return datagrams;
        }

        public void Dispose() => _tshark.Dispose();
    }
}
