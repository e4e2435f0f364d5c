using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Demo;
using SimpleImGateway.Companion.Tests.Support;
using SimpleImGateway.Companion.Transport;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Tests.EndToEnd
{
    /// <summary>
    /// The seed's presence-usage flow end to end, as a user would run it: <c>simpleim serve</c> as a child
    /// process on a fresh data directory, Bob on the device simulator (a child process driven over stdin),
    /// Tom on a host UA in the test. tshark captures the UDP traffic on lo; the test reads the capture back,
    /// names each datagram's parties by their ports and checks that all 24 steps happened, each after the
    /// steps it depends on.
    /// </summary>
    [TestClass]
    public sealed class SeedFlowEndToEndTests
    {
        private const string Domain = "simpleim.test";
        private const string BobAor = "sip:bob@simpleim.test", TomAor = "sip:tom@simpleim.test";
        private const string BobPassword = "bob-e2e-password", TomPassword = "tom-e2e-password";
        private const string TomText = "Hi Bob, call me when you are back.";
        private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(15);

        public TestContext TestContext { get; set; } = null!;

        [TestMethod]
        public Task SeedFlow_ServeSimulatorAndTomOnLoopback_CaptureShowsAll24Steps() => RunFlowAsync(regEvent: false);

        [TestMethod]
        public Task SeedFlow_RegEventVariant_CaptureShowsAll24Steps() => RunFlowAsync(regEvent: true);

        private async Task RunFlowAsync(bool regEvent)
        {
            using var temp = new TempDirectory();
            string dataDir = temp.Combine("data");
            Directory.CreateDirectory(dataDir);
            var ports = new Ports();
            string config = temp.Combine("serve.json");
            File.WriteAllText(config, JsonSerializer.Serialize(Configuration(ports, dataDir, regEvent)));
            var parties = new Dictionary<string, string>
            {
                [Loopback(ports.Core)] = SeedFlow.Core,
                [Loopback(ports.Presence)] = SeedFlow.Presence,
                [Loopback(ports.Im)] = SeedFlow.Im,
                [Loopback(ports.Bob)] = SeedFlow.Bob,
                [Loopback(ports.Tom)] = SeedFlow.Tom,
            };
            IReadOnlyList<SeedFlowStep> steps = regEvent ? SeedFlow.RegEventSteps : SeedFlow.Steps;

            // The accounts and the watcher rule, with the command line on the same data directory.
            await RunCliAsync("users", "add", "bob", "--password", BobPassword, "--data-dir", dataDir, "--config", config);
            await RunCliAsync("users", "add", "tom", "--password", TomPassword, "--data-dir", dataDir, "--config", config);
            await RunCliAsync("watchers", "allow", BobAor, TomAor, "--data-dir", dataDir, "--config", config);

            using LoopbackCapture capture = LoopbackCapture.Start(temp.Combine("seed.pcapng"), ports.All);
            ChildProcess? bob = null;
            using ChildProcess serve = ChildProcess.StartDotnet("serve", Path.Combine(AppContext.BaseDirectory, "simpleim.dll"),
                "serve", "--config", config, "--data-dir", dataDir);
            try
            {
                WaitUntilListening(serve, ports.Core, ports.Presence, ports.Im);

                await using var tom = new DemoUserAgent("tom", TomPassword, Domain, new SipEndPoint("127.0.0.1", ports.Core, SipTransportType.Udp),
                    new SipTransportOptions { Port = ports.Tom, Tcp = false }, NullLogger.Instance);
                var tomReceived = new List<string>();
                tom.Start();

                // Tom is online and watching Bob before Bob's device starts.
                Task<SipMessage> tomRegistered = FinalResponse(tom, "REGISTER");
                tom.Register(600);
                Assert.AreEqual(200, (await Within(tomRegistered, "Tom's REGISTER")).StatusCode, "Tom's REGISTER");
                Task<SipMessage> tomSubscribed = FinalResponse(tom, "SUBSCRIBE");
                tom.SubscribePresence(BobAor, 600);
                Assert.AreEqual(2, (await Within(tomSubscribed, "Tom's SUBSCRIBE")).StatusCode / 100, "Tom's SUBSCRIBE to Bob");

                // Bob's device registers, not available for IM; steps 1-10 follow from that alone.
                bob = ChildProcess.StartDotnet("bob", SimulatorPath(), "--server", Loopback(ports.Core), "--user", "bob", "--password", BobPassword,
                    "--domain", Domain, "--data-dir", temp.Combine("bob-device"), "--transport", "udp", "--local-port", ports.Bob.ToString(CultureInfo.InvariantCulture),
                    "--available", "off");
                WaitForStep(capture, parties, steps, 10, "the IM Server's subscription to Bob (steps 1-10)", serve, bob);

                // Step 11: Tom writes to Bob, who is registered but not available for IM: stored, 202.
                Task<SipMessage> tomMessage = FinalResponse(tom, "MESSAGE");
                tom.SendMessage(BobAor, TomText);
                SipMessage stored = await Within(tomMessage, "the answer to Tom's MESSAGE");
                Assert.AreEqual(202, stored.StatusCode, "Tom's MESSAGE to offline Bob is stored: " + stored.ReasonPhrase);

                // Steps 12-24: Bob becomes available; the IM Server delivers the stored message.
                bob.Send("available on");
                Assert.IsTrue(bob.WaitForOutput("MessageReceived", StepTimeout), "Bob's device got no MESSAGE:\n" + bob.Output);
                WaitForStep(capture, parties, steps, 24, "the remaining steps", serve, bob);
                bob.Send("inbox");
                Assert.IsTrue(bob.WaitForOutput("INBOX 1 message(s) read", StepTimeout), "Bob's inbox:\n" + bob.Output);
                StringAssert.Contains(bob.Output, TomText, "Bob's device shows Tom's text");
                StringAssert.Contains(bob.Output, "from " + TomAor, "Bob's device shows the message is from Tom");
                WaitForAllSteps(capture, parties, steps);
            }
            finally
            {
                bob?.Send("quit");
                bob?.WaitForExit(TimeSpan.FromSeconds(5));
                bob?.Dispose();
                capture.Stop();
                TestContext.WriteLine("--- serve output ---\n" + serve.Output);
                if (bob is not null)
                {
                    TestContext.WriteLine("--- Bob's simulator output ---\n" + bob.Output);
                }
            }

            // The assertions read the capture file, not the live view.
            IReadOnlyList<CapturedDatagram> datagrams = capture.Read();
            SeedFlowTracker tracker = Track(datagrams, parties, steps, out List<string> ladder);
            TestContext.WriteLine($"--- ladder from {capture.File} ({datagrams.Count} datagrams) ---");
            foreach (string line in ladder)
            {
                TestContext.WriteLine(line);
            }

            Assert.IsTrue(tracker.IsComplete, "steps missing from the capture: " + string.Join(", ", tracker.Missing.Select(s => $"{s.Number} {s.From}->{s.To} {s.Label}")));
            Assert.AreEqual(24, tracker.Completed.Count);
            foreach (SeedFlowStep step in tracker.Completed)
            {
                int index = tracker.Completed.IndexOf(step);
                foreach (int before in step.After)
                {
                    Assert.IsTrue(tracker.Completed.FindIndex(s => s.Number == before) < index, $"step {before} must come before step {step.Number}");
                }
            }
        }

        private static SeedFlowTracker Track(IReadOnlyList<CapturedDatagram> datagrams, Dictionary<string, string> parties, IReadOnlyList<SeedFlowStep> steps, out List<string> ladder)
        {
            var tracker = new SeedFlowTracker(PartyOfUri, steps);
            ladder = [];
            foreach (CapturedDatagram datagram in datagrams)
            {
                if (!parties.TryGetValue(datagram.Source, out string? from) || !parties.TryGetValue(datagram.Destination, out string? to))
                {
                    continue;
                }

                SipMessage message;
                try
                {
                    message = SipMessageParser.Parse(datagram.Payload, 0, datagram.Payload.Length);
                }
                catch (SipParseException)
                {
                    continue; // keep-alives (CRLF) and anything else that is not a SIP message
                }

                SeedFlowStep? step = tracker.Observe(from, to, message, datagram.At);
                string what = message.IsRequest ? message.Method! : $"{message.StatusCode} {message.ReasonPhrase}";
                ladder.Add(step is null
                    ? $"  --  {from,-8} -> {to,-8} {what,-22} {message.Headers.Get("CSeq")}"
                    : $"  {step.Number,2}  {from,-8} -> {to,-8} {what,-22} {step.Summary}");
            }

            return tracker;
        }

        private static void WaitForStep(LoopbackCapture capture, Dictionary<string, string> parties, IReadOnlyList<SeedFlowStep> steps, int number, string what, params ChildProcess[] children)
        {
            DateTime deadline = DateTime.UtcNow + StepTimeout;
            while (DateTime.UtcNow < deadline)
            {
                if (Track(capture.Live(), parties, steps, out _).Completed.Any(s => s.Number == number))
                {
                    return;
                }

                foreach (ChildProcess child in children)
                {
                    Assert.IsFalse(child.HasExited, $"{child.Name} exited with {(child.HasExited ? child.ExitCode : 0)}:\n{child.Output}");
                }

                System.Threading.Thread.Sleep(50);
            }

            SeedFlowTracker seen = Track(capture.Live(), parties, steps, out List<string> ladder);
            Assert.Fail($"timed out waiting for step {number}, {what}; missing: {string.Join(", ", seen.Missing.Select(s => s.Number))}\n{string.Join("\n", ladder)}");
        }

        // The last NOTIFY answers may still be on their way when Bob's inbox shows the message.
        private static void WaitForAllSteps(LoopbackCapture capture, Dictionary<string, string> parties, IReadOnlyList<SeedFlowStep> steps)
        {
            DateTime deadline = DateTime.UtcNow + StepTimeout;
            while (DateTime.UtcNow < deadline && !Track(capture.Live(), parties, steps, out _).IsComplete)
            {
                System.Threading.Thread.Sleep(50);
            }
        }

        private static void WaitUntilListening(ChildProcess serve, params int[] ports)
        {
            DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                Assert.IsFalse(serve.HasExited, $"simpleim serve exited with {(serve.HasExited ? serve.ExitCode : 0)}:\n{serve.Output}");
                if (ports.All(p => !FreePorts.IsUdpFree(p)))
                {
                    return;
                }

                System.Threading.Thread.Sleep(50);
            }

            Assert.Fail("simpleim serve did not bind its ports within 20 s:\n" + serve.Output);
        }

        private static async Task RunCliAsync(params string[] args)
        {
            CliResult result = await CliRunner.RunAsync(args);
            Assert.AreEqual(0, result.ExitCode, $"simpleim {string.Join(' ', args)}: {result.Error}");
        }

        private static Task<SipMessage> FinalResponse(DemoUserAgent agent, string method)
        {
            var done = new TaskCompletionSource<SipMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            void Handler(string m, SipMessage response)
            {
                if (m == method)
                {
                    agent.FinalResponse -= Handler;
                    done.TrySetResult(response);
                }
            }

            agent.FinalResponse += Handler;
            return done.Task;
        }

        private static async Task<T> Within<T>(Task<T> task, string what)
        {
            if (await Task.WhenAny(task, Task.Delay(StepTimeout)) != task)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            return await task;
        }

        private static string? PartyOfUri(string uri)
        {
            string lower = uri.ToLowerInvariant();
            return lower.StartsWith("sip:bob@", StringComparison.Ordinal) ? SeedFlow.Bob
                : lower.StartsWith("sip:tom@", StringComparison.Ordinal) ? SeedFlow.Tom
                : lower.StartsWith("sip:im-server@", StringComparison.Ordinal) ? SeedFlow.Im
                : null;
        }

        private static string SimulatorPath()
        {
            string path = typeof(SeedFlowEndToEndTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
                .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "SimulatorPath").Value!;
            Assert.IsTrue(File.Exists(path), "the simulator is not built at " + path);
            return path;
        }

        private static string Loopback(int port) => "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);

        private static object Configuration(Ports ports, string dataDir, bool regEvent) => new
        {
            Sip = new { Domain },
            Core = new
            {
                Address = "127.0.0.1",
                Port = ports.Core,
                ApplicationServers = new
                {
                    Presence = new { Address = "127.0.0.1", Port = ports.Presence },
                    Im = new { Address = "127.0.0.1", Port = ports.Im, ThirdPartyRegistration = !regEvent },
                },
            },
            Presence = new { Address = "127.0.0.1", Port = ports.Presence, CoreAddress = "127.0.0.1", CorePort = ports.Core },
            Im = new
            {
                Address = "127.0.0.1",
                Port = ports.Im,
                CoreAddress = "127.0.0.1",
                CorePort = ports.Core,
                RegistrationSource = regEvent ? "RegEvent" : "ThirdPartyRegister",
                RegEventUsers = regEvent ? new[] { "bob" } : Array.Empty<string>(),
            },
            Dashboard = new { Enabled = false },
            Storage = new { DataDirectory = dataDir },
        };

        /// <summary>Five distinct loopback ports: the three servers, Bob's device and Tom.</summary>
        private sealed class Ports
        {
            public Ports()
            {
                var taken = new HashSet<int>();
                int Next()
                {
                    int port;
                    do
                    {
                        port = FreePorts.Next();
                    }
                    while (!taken.Add(port));
                    return port;
                }

                Core = Next();
                Presence = Next();
                Im = Next();
                Bob = Next();
                Tom = Next();
            }

            public int Core { get; }

            public int Presence { get; }

            public int Im { get; }

            public int Bob { get; }

            public int Tom { get; }

            public int[] All => [Core, Presence, Im, Bob, Tom];
        }
    }
}
