using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Tests.Support;

namespace SimpleImGateway.Companion.Tests.Core
{
    /// <summary>
    /// Runs <c>Tests/Interop/run-scenarios.sh --target ours</c> once — sipp and raw datagrams against a started
    /// <c>serve</c> (the simpleim.dll this test project was built with) — and reports each of its checks as a
    /// test. Inconclusive, saying why, when sipp or bash is missing (test.sh installs sipp first).
    /// </summary>
    [TestClass]
    public sealed class InteropScenarioTests
    {
        private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);
        private static Dictionary<string, string>? s_results;
        private static string? s_notRun;
        private static string s_output = string.Empty;

        [ClassInitialize]
        public static async Task RunScenariosAsync(TestContext context)
        {
            string? script = FindScript();
            if (script is null)
            {
                s_notRun = "Tests/Interop/run-scenarios.sh not found above " + AppContext.BaseDirectory;
                return;
            }

            if (!OnPath("bash") || !OnPath("sipp") || !OnPath("python3"))
            {
                s_notRun = "sipp, bash or python3 is not installed (tools/ci/setup-sipp.sh installs sipp; test.sh runs it)";
                return;
            }

            (int port, int sippBase) = PickPorts();
            var start = new ProcessStartInfo("bash", [script, "--target", "ours", "--port", port.ToString(), "--sipp-port", sippBase.ToString()])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["SIMPLEIM_COMPANION_DLL"] = Path.Combine(AppContext.BaseDirectory, "simpleim.dll");
            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            try
            {
                await process.WaitForExitAsync().WaitAsync(ScriptTimeout);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                s_notRun = $"run-scenarios.sh did not finish within {ScriptTimeout.TotalMinutes} minutes";
                return;
            }

            s_output = await output + await error;
            if (process.ExitCode == 3)
            {
                s_notRun = "run-scenarios.sh reports the Companion as not present: " + s_output;
                return;
            }

            s_results = [];
            foreach (string line in s_output.Split('\n'))
            {
                string[] words = line.Trim().Split(' ', 3);
                if (words.Length >= 2 && words[0] is "PASS" or "FAIL" or "SKIP")
                {
                    s_results[words[1]] = line.Trim();
                }
            }
        }

        [TestMethod]
        public void Sipp_RegisterWithDigest_Passes() => AssertPassed("register_digest");

        [TestMethod]
        public void Sipp_MessageRelayedBetweenTwoRegisteredUsers_Passes() => AssertPassed("message_relay");

        [TestMethod]
        public void Sipp_MalformedRequests_Passes() => AssertPassed("malformed_sipp");

        [TestMethod]
        public void RawDatagrams_MalformedRequests_Passes() => AssertPassed("malformed_datagrams");

        [TestMethod]
        public void Sipp_ThirdPartyRegisterAtTwoApplicationServers_Passes() => AssertPassed("third_party_register");

        [TestMethod]
        public void Sipp_MessageToUnregisteredUserStored_Passes() => AssertPassed("message_store");

        private static void AssertPassed(string check)
        {
            if (s_notRun is not null)
            {
                Assert.Inconclusive(s_notRun);
            }

            Assert.IsNotNull(s_results);
            if (!s_results.TryGetValue(check, out string? line))
            {
                Assert.Fail($"run-scenarios.sh reported nothing for {check}:\n{s_output}");
            }

            if (line.StartsWith("SKIP", StringComparison.Ordinal))
            {
                Assert.Inconclusive(line);
            }

            Assert.IsTrue(line.StartsWith("PASS", StringComparison.Ordinal), line + "\n" + s_output);
        }

        private static string? FindScript()
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, "Tests", "Interop", "run-scenarios.sh");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        private static bool OnPath(string program) =>
            (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));

        // The script uses the Core's port, +10 and +20 (Presence and IM in the whole-companion run), and its
        // sipp base, +1..+3, +10 and +11.
        private static (int Port, int SippBase) PickPorts()
        {
            var random = new Random();
            for (int attempt = 0; attempt < 200; attempt++)
            {
                int port = random.Next(20000, 29000);
                int sippBase = port + 100;
                int[] needed = [port, port + 10, port + 20, sippBase, sippBase + 1, sippBase + 2, sippBase + 3, sippBase + 10, sippBase + 11];
                if (needed.All(p => FreePorts.IsUdpFree(p) && FreePorts.IsTcpFree(p)))
                {
                    return (port, sippBase);
                }
            }

            throw new InvalidOperationException("no free range of loopback ports for the interop run");
        }
    }
}
