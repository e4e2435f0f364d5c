using System;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Cli;
using SimpleImGateway.Companion.Tests.Support;

namespace SimpleImGateway.Companion.Tests.Devices
{
    /// <summary>
    /// Issue 8's acceptance path: <c>devices pair</c>, then device simulators started with nothing but the produced
    /// files register with the companion's SIP/IP Core and exchange a MESSAGE through it; after <c>devices unpair</c>
    /// the device's next registration is refused with 403. Needs the Core element (branch <c>core</c>): on a branch
    /// without it the test is inconclusive and says so.
    /// </summary>
    [TestClass]
    public sealed class PairedSimulatorEndToEndTests
    {
        private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

        [TestMethod]
        public async Task PairThenSimulators_RegisterExchangeAMessage_UnpairThenRefused()
        {
            if (Type.GetType("SimpleImGateway.Companion.Core.CoreElement, simpleim") is null)
            {
                Assert.Inconclusive("the SIP/IP Core (Companion/Core, branch core) is not on this branch: nothing to register with");
            }

            using var temp = new TempDirectory();
            string dataDir = temp.Combine("data");

            // Device to device through the Core alone: no application servers (so no third-party REGISTERs and
            // MESSAGEs go straight to the contacts), and no user cache, so the unpair below counts at the next REGISTER.
            string settings = ConfigFile.Write(temp, """
                {
                  "Core": {
                    "Authentication": { "UserCacheSeconds": 0 },
                    "ApplicationServers": { "Presence": { "Enabled": false }, "Im": { "Enabled": false } }
                  }
                }
                """);
            int corePort = (int)JsonNode.Parse(File.ReadAllText(settings))!["Core"]!["Port"]!;
            foreach (string device in new[] { "alice", "bob" })
            {
                CliResult paired = await CliRunner.RunAsync("devices", "pair", device, "--server", $"127.0.0.1:{corePort}", "--config", settings, "--data-dir", dataDir);
                Assert.AreEqual(ExitCodes.Success, paired.ExitCode, paired.ToString());
            }

            string aliceConfig = Path.Combine(dataDir, "devices", "alice", "simpleim.conf");
            string bobConfig = Path.Combine(dataDir, "devices", "bob", "simpleim.conf");
            string aliceScript = Script(temp, "alice.script", "expect -t 20 received MESSAGE", "inbox", "expect -t 2 hello alice from bob", "quit");
            string bobScript = Script(temp, "bob.script", "expect -t 20 registered sip:bob@simpleim.test", "send sip:alice@simpleim.test hello alice from bob", "expect -t 20 accepted by the server", "quit");

            using var stop = new CancellationTokenSource();
            var serveOutput = new StringWriter();
            Task<int> serve = CompanionCommandLine.InvokeAsync(
                ["serve", "--role", "core", "--config", settings, "--data-dir", dataDir], serveOutput, serveOutput, logging => logging.ClearProviders(), stop.Token);
            try
            {
                Assert.IsTrue(await WaitUntilAsync(() => !FreePorts.IsUdpFree(corePort) || serve.IsCompleted), "the Core did not bind its port");
                Assert.IsFalse(serve.IsCompleted, "serve ended: " + serveOutput);

                using SimulatorProcess alice = SimulatorProcess.Start(temp.Path, "--config", aliceConfig, "--script", aliceScript, "--available", "off");
                Assert.IsTrue(alice.WaitForOutput("registered sip:alice@simpleim.test", StepTimeout), "alice did not register:\n" + alice.Output);

                using (SimulatorProcess bob = SimulatorProcess.Start(temp.Path, "--config", bobConfig, "--script", bobScript, "--available", "off"))
                {
                    int? bobExit = bob.WaitForExit(TimeSpan.FromSeconds(60));
                    Assert.AreEqual(0, bobExit, "bob:\n" + bob.Output + "\nalice:\n" + alice.Output);
                    StringAssert.Contains(bob.Output, "registered sip:bob@simpleim.test at 127.0.0.1:" + corePort, bob.Output);
                }

                int? aliceExit = alice.WaitForExit(TimeSpan.FromSeconds(60));
                Assert.AreEqual(0, aliceExit, "alice:\n" + alice.Output);
                StringAssert.Contains(alice.Output, "from sip:bob@simpleim.test", alice.Output);
                StringAssert.Contains(alice.Output, "hello alice from bob", alice.Output);

                CliResult unpaired = await CliRunner.RunAsync("devices", "unpair", "bob", "--config", settings, "--data-dir", dataDir);
                Assert.AreEqual(ExitCodes.Success, unpaired.ExitCode, unpaired.ToString());

                string refusedScript = Script(temp, "refused.script", "expect -t 20 registration stopped", "quit");
                using SimulatorProcess refused = SimulatorProcess.Start(temp.Path, "--config", bobConfig, "--script", refusedScript, "--available", "off");
                int? refusedExit = refused.WaitForExit(TimeSpan.FromSeconds(60));
                Assert.AreEqual(0, refusedExit, "bob after unpair:\n" + refused.Output);
                StringAssert.Contains(refused.Output, "ERROR register: 403 ", refused.Output);
                Assert.IsFalse(refused.Output.Contains("INFO  register: registered", StringComparison.Ordinal), refused.Output);
            }
            finally
            {
                await stop.CancelAsync();
                await serve;
            }
        }

        private static string Script(TempDirectory temp, string name, params string[] lines)
        {
            string path = temp.Combine(name);
            File.WriteAllText(path, string.Join("\n", lines) + "\n");
            return path;
        }

        private static async Task<bool> WaitUntilAsync(Func<bool> condition)
        {
            DateTime deadline = DateTime.UtcNow + StepTimeout;
            while (DateTime.UtcNow < deadline)
            {
                if (condition())
                {
                    return true;
                }

                await Task.Delay(50);
            }

            return condition();
        }
    }
}
