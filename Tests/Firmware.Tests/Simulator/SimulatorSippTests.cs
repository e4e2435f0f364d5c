// Host only: the simulator and sipp run as processes talking over 127.0.0.1.
#if !NANOFRAMEWORK_1_0
using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace SimpleImGateway.Firmware.Tests.Simulator
{
    /// <summary>
    /// The device simulator against a sipp peer (Simulator/device-peer.xml): sipp challenges REGISTER
    /// with 401 and checks the digest (verifyauth), takes PUBLISH with a SIP-ETag, answers the device's
    /// MESSAGE with 202 and sends it one. Inconclusive when sipp is not installed.
    /// </summary>
    /// <remarks>
    /// sipp is not left to stop by itself (<c>-m</c>): it would close its TCP socket the moment the last
    /// call ends, racing the device's reading of the last answers. The test stops it with SIGUSR1 (a
    /// graceful stop: exit status 0 when no call failed) once the simulator has exited, and checks the
    /// number of successful calls on sipp's final screen.
    /// </remarks>
    [TestClass]
    public class SimulatorSippTests
    {
        private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(40);

        [TestMethod]
        [DataRow("udp")]
        [DataRow("tcp")]
        public void Simulator_AgainstSippPeer_RegistersPublishesSendsAndReceives(string transport)
        {
            string sipp = FindSipp();
            using var work = new WorkFolder();
            int port = FreePort(transport);
            using var peer = StartSipp(sipp, work, port, transport);

            string output = RunSimulator(work, port, transport, "PW", "device-peer.script", out int? simulatorExit);
            int? sippExit = Stop(peer);

            string report = "simulator:\n" + output + "\nsipp (" + peer.CommandLine + "):\n" + Tail(peer.Output);
            Assert.AreEqual(0, simulatorExit, report);
            Assert.AreEqual(0, sippExit, "sipp exit status\n" + report);
            Assert.AreEqual(3, SuccessfulCalls(peer.Output), "sipp's successful calls (REGISTER, PUBLISH, MESSAGE)\n" + report);
            StringAssert.Contains(output, "INFO  register: registered sip:bob@simpleim.test at 127.0.0.1:" + port + " (200, expires 60 s", report);
            StringAssert.Contains(output, "INFO  publish: published presence open for sip:bob@simpleim.test (200, etag etag-", report);
            StringAssert.Contains(output, "accepted by the server (202); released from the outbox, 0 left", report);
            StringAssert.Contains(output, "from sip:alice@simpleim.test [text/plain;charset=UTF-8]: \"hello from sipp\\r\\n\"", report);
            StringAssert.Contains(output, "INFO  publish: publication removed (200)", report);
            StringAssert.Contains(output, "INFO  register: unregistered sip:bob@simpleim.test (200)", report);
            Assert.IsFalse(output.Contains("EXPECT FAILED", StringComparison.Ordinal), report);
            Assert.IsFalse(output.Contains("WARN ", StringComparison.Ordinal) || output.Contains("ERROR", StringComparison.Ordinal), report);
        }

        [TestMethod]
        public void Simulator_WrongPassword_SippRejectsTheDigestAndRegistrationStops()
        {
            string sipp = FindSipp();
            using var work = new WorkFolder();
            File.WriteAllText(Path.Combine(work.Path, "wrong.script"), "expect -t 10 registration stopped\nquit\n");
            int port = FreePort("udp");
            using var peer = StartSipp(sipp, work, port, "udp");

            string output = RunSimulator(work, port, "udp", "not-the-password", "wrong.script", out int? simulatorExit);
            int? sippExit = Stop(peer);

            string report = "simulator:\n" + output + "\nsipp:\n" + Tail(peer.Output);
            Assert.AreEqual(0, simulatorExit, report);
            Assert.AreEqual(0, sippExit, report);
            Assert.AreEqual(1, SuccessfulCalls(peer.Output), "the REGISTER call ends with sipp's 403\n" + report);
            StringAssert.Contains(output, "ERROR register: 403 Wrong Digest: the registrar refuses sip:bob@simpleim.test; registration stopped", report);
            Assert.IsFalse(output.Contains("INFO  register: registered", StringComparison.Ordinal), report);
        }

        private static string FindSipp()
        {
            string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            foreach (string folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = Path.Combine(folder, "sipp");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            Assert.Inconclusive("sipp is not installed (apt-get install -y sip-tester, or tools/ci/setup-sipp.sh); the simulator interop test did not run");
            return null;
        }

        private static ExternalProcess StartSipp(string sipp, WorkFolder work, int port, string transport)
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Simulator", "device-peer.xml"), Path.Combine(work.Path, "device-peer.xml"), overwrite: true);
            var process = new ExternalProcess(
                sipp,
                work.Path,
                "-sf", "device-peer.xml",
                "-i", "127.0.0.1",
                "-p", port.ToString(CultureInfo.InvariantCulture),
                "-t", transport == "tcp" ? "t1" : "u1",
                "-m", "1000",
                "-timeout", "30s",
                "-timeout_error",
                "-nostdin",
                "-trace_err");
            WaitUntilBound(port, transport);
            return process;
        }

        private static string RunSimulator(WorkFolder work, int port, string transport, string password, string script, out int? exitCode)
        {
            string simulator = typeof(SimulatorSippTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "SimulatorPath").Value;
            Assert.IsTrue(File.Exists(simulator), "the simulator is not built at " + simulator);
            string scriptPath = Path.Combine(work.Path, script);
            if (!File.Exists(scriptPath))
            {
                File.Copy(Path.Combine(AppContext.BaseDirectory, "Simulator", script), scriptPath);
            }

            string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            using var process = new ExternalProcess(
                dotnet,
                work.Path,
                simulator,
                "--server", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
                "--transport", transport,
                "--user", "bob",
                "--password", password,
                "--domain", "simpleim.test",
                "--data-dir", Path.Combine(work.Path, "flash"),
                "--expires", "60",
                "--script", scriptPath);
            exitCode = process.WaitForExit(ProcessTimeout);
            return process.Output;
        }

        private static int? Stop(ExternalProcess peer)
        {
            Thread.Sleep(200); // the device's last packets and its TCP close reach sipp
            peer.Signal("USR1");
            return peer.WaitForExit(TimeSpan.FromSeconds(15));
        }

        // The cumulative column of the last "Successful call" row of sipp's statistics screen.
        private static int SuccessfulCalls(string sippOutput)
        {
            MatchCollection rows = Regex.Matches(sippOutput, @"Successful call\s*\|\s*\d+\s*\|\s*(\d+)");
            return rows.Count == 0 ? -1 : int.Parse(rows[rows.Count - 1].Groups[1].Value, CultureInfo.InvariantCulture);
        }

        private static int FreePort(string transport)
        {
            if (transport == "tcp")
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                int port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                return port;
            }

            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)udp.Client.LocalEndPoint).Port;
        }

        // sipp needs a moment to bind; Linux lists bound sockets in /proc/net (port in hex, TCP listeners in state 0A).
        private static void WaitUntilBound(int port, string transport)
        {
            string table = transport == "tcp" ? "/proc/net/tcp" : "/proc/net/udp";
            if (!File.Exists(table))
            {
                Thread.Sleep(500);
                return;
            }

            string hexPort = ":" + port.ToString("X4", CultureInfo.InvariantCulture) + " ";
            DateTime deadline = DateTime.UtcNow.AddSeconds(5);
            while (DateTime.UtcNow < deadline)
            {
                bool bound = File.ReadAllLines(table).Skip(1).Any(line =>
                {
                    string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return fields.Length > 3 && (fields[1] + " ").EndsWith(hexPort, StringComparison.Ordinal) && (transport != "tcp" || fields[3] == "0A");
                });
                if (bound)
                {
                    return;
                }

                Thread.Sleep(50);
            }
        }

        private static string Tail(string text)
        {
            string[] lines = text.Split('\n');
            return string.Join("\n", lines.Skip(Math.Max(0, lines.Length - 60)));
        }

        /// <summary>A temporary folder for sipp's files and the simulator's flash, deleted afterwards.</summary>
        private sealed class WorkFolder : IDisposable
        {
            public WorkFolder()
            {
                Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "simpleim-sim-" + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(Path);
            }

            public string Path { get; }

            public void Dispose()
            {
                try
                {
                    Directory.Delete(Path, recursive: true);
                }
                catch (IOException)
                {
                    // a straggling process still writes its log; the temp folder is cleaned up later
                }
            }
        }
    }
}
#endif
