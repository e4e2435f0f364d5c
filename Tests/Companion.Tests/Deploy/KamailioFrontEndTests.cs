using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace SimpleImGateway.Companion.Tests.Deploy
{
    /// <summary>
    /// Runs <c>deploy/kamailio/run-seed-flow.sh</c>: the seed flow with Debian's Kamailio as the SIP/IP Core in
    /// front of our Presence and IM Servers, with the simpleim.dll and simulator this project was built with.
    /// Inconclusive, saying why, when Kamailio or its SQLite module is not installed (the test never installs it).
    /// </summary>
    [TestClass]
    public sealed class KamailioFrontEndTests
    {
        private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

        [TestMethod]
        public async Task RunSeedFlow_KamailioInFrontOfOurServers_EveryCheckPasses()
        {
            string? script = FindScript();
            if (script is null)
            {
                Assert.Inconclusive("deploy/kamailio/run-seed-flow.sh not found above " + AppContext.BaseDirectory);
            }

            if (!OnPath("kamailio") || !OnPath("bash") || !OnPath("python3") || !OnPath("sqlite3"))
            {
                Assert.Inconclusive("kamailio, bash, python3 or sqlite3 is not installed (apt-get install kamailio kamailio-sqlite-modules sqlite3)");
            }

            if (!Directory.GetDirectories("/usr/lib").Append("/usr/lib").Any(d => File.Exists(Path.Combine(d, "kamailio", "modules", "db_sqlite.so"))))
            {
                Assert.Inconclusive("kamailio-sqlite-modules is not installed");
            }

            string simulator = typeof(KamailioFrontEndTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "SimulatorPath").Value!;
            Assert.IsTrue(File.Exists(simulator), "the simulator is not built at " + simulator);

            var start = new ProcessStartInfo("bash", [script])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["SIMPLEIM_COMPANION_DLL"] = Path.Combine(AppContext.BaseDirectory, "simpleim.dll");
            start.Environment["SIMPLEIM_SIMULATOR_DLL"] = simulator;
            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            try
            {
                await process.WaitForExitAsync().WaitAsync(ScriptTimeout);
            }
            catch (TimeoutException)
            {
                // Kamailio, the servers and the simulators are the script's children: the tree goes with it.
                process.Kill(entireProcessTree: true);
                Assert.Fail($"run-seed-flow.sh did not finish within {ScriptTimeout.TotalSeconds} s");
            }

            string log = await output + await error;
            Assert.AreEqual(0, process.ExitCode, log);
            Assert.IsTrue(log.Contains("RESULT: PASS", StringComparison.Ordinal), log);
            Assert.IsFalse(log.Contains("FAIL ", StringComparison.Ordinal), log);
        }

        private static string? FindScript()
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, "deploy", "kamailio", "run-seed-flow.sh");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        private static bool OnPath(string program) =>
            (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));
    }
}
