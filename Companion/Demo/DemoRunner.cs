using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SimpleImGateway.Companion.Accounts;
using SimpleImGateway.Companion.Hosting;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Transport;
using SimpleImGateway.Firmware.Ua;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Demo;

/// <summary>
/// Runs the seed's presence-usage flow in one process: the three servers from the real host, Bob on
/// the firmware UA, Tom on a host UA. It prints the ladder as the steps happen and ends with what
/// Bob received. Every server, port and file is its own: loopback ports picked free, a temporary data
/// directory removed at the end.
/// </summary>
public sealed class DemoRunner
{
    private const string Domain = "simpleim.test";
    private const string BobPassword = "bob-demo-password", TomPassword = "tom-demo-password";

    private readonly TextWriter _out;
    private readonly bool _regEvent;
    private readonly TimeSpan _timeout;
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _parties = [];
    private SeedFlowTracker? _tracker;
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates a runner printing to <paramref name="output"/>.</summary>
    public DemoRunner(TextWriter output, bool regEvent, TimeSpan timeout)
    {
        _out = output;
        _regEvent = regEvent;
        _timeout = timeout;
    }

    /// <summary>Runs the flow; returns 0 when all 24 steps happened and Bob got Tom's message, else 1.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        string dataDirectory = Path.Combine(Path.GetTempPath(), "simpleim-demo-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDirectory);
        try
        {
            return await RunInAsync(dataDirectory, cancellationToken);
        }
        finally
        {
            TryDelete(dataDirectory);
        }
    }

    private async Task<int> RunInAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        int[] ports = FreePorts(3);
        int core = ports[0], presence = ports[1], im = ports[2];
        string configFile = Path.Combine(dataDirectory, "demo.json");
        File.WriteAllText(configFile, JsonSerializer.Serialize(Configuration(dataDirectory, core, presence, im)));

        _out.WriteLine($"SimpleImGateway demo{(_regEvent ? " (reg-event variant)" : "")}: Core 127.0.0.1:{core}, Presence :{presence}, IM :{im}, data in {dataDirectory}");
        using IHost host = CompanionHost.BuildServer(new CompanionHostSettings
        {
            ConfigFile = configFile,
            IsServer = true,
            ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
        });
        CompanionHost.ValidateOptions(host.Services);
        IStorageProvider storage = host.Services.GetRequiredService<IStorageProvider>();
        await storage.MigrateAsync(cancellationToken);
        await AddUserAsync(storage, "bob", BobPassword, cancellationToken);
        await AddUserAsync(storage, "tom", TomPassword, cancellationToken);
        await storage.Presence.SetWatcherRuleAsync(new WatcherRule($"sip:bob@{Domain}", $"sip:tom@{Domain}", WatcherDecision.Allow), cancellationToken);

        _parties[$"127.0.0.1:{core}"] = SeedFlow.Core;
        _parties[$"127.0.0.1:{presence}"] = SeedFlow.Presence;
        _parties[$"127.0.0.1:{im}"] = SeedFlow.Im;
        _tracker = new SeedFlowTracker(PartyOfUri, _regEvent ? SeedFlow.RegEventSteps : SeedFlow.Steps);
        foreach (SipElementKind kind in new[] { SipElementKind.Core, SipElementKind.Presence, SipElementKind.Im })
        {
            host.Services.GetRequiredKeyedService<SipElement>(kind).Traced += OnTrace;
        }

        host.Services.GetRequiredService<SipListenerSockets>().BindAll();
        await host.StartAsync(cancellationToken);

        int tomPort = FreePorts(1)[0];
        await using var tom = new DemoUserAgent("tom", TomPassword, Domain, new SipEndPoint("127.0.0.1", core, SipTransportType.Udp),
            new SipTransportOptions { Port = tomPort, Tcp = false }, NullLogger.Instance);
        _parties[$"127.0.0.1:{tomPort}"] = SeedFlow.Tom;
        tom.Traced += OnTrace;
        var tomRegistered = Completion(tom, SipMethods.Register);
        tom.Start();

        // Tom is online and watching Bob before the flow starts (the seed calls him "an online buddy").
        tom.Register(600);
        await Within(tomRegistered, "Tom's registration");
        var tomSubscribed = Completion(tom, SipMethods.Subscribe);
        tom.SubscribePresence($"sip:bob@{Domain}", 600);
        await Within(tomSubscribed, "Tom's subscription");

        var bobEvents = new List<UaEvent>();
        var bobGotMessage = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int bobPort = FreePorts(1)[0];
        _parties[$"127.0.0.1:{bobPort}"] = SeedFlow.Bob;
        Directory.CreateDirectory(Path.Combine(dataDirectory, "bob-device"));
        using var bob = new DemoDevice("bob", BobPassword, Domain, core, bobPort, Path.Combine(dataDirectory, "bob-device"), e =>
        {
            lock (bobEvents)
            {
                bobEvents.Add(e);
            }

            if (e.Kind == UaEventKind.MessageReceived)
            {
                bobGotMessage.TrySetResult();
            }
        });
        bob.Start();

        // Steps 1-10: registration, third-party registration, the IM Server's subscription.
        await WaitForStep(10, "the IM Server's subscription to Bob (steps 7-10)");

        // Step 11: Tom writes to Bob, who is registered but not available for IM.
        var tomMessage = Completion(tom, SipMethods.Message);
        tom.SendMessage($"sip:bob@{Domain}", "Hi Bob, call me when you are back.");
        SipMessage stored = await Within(tomMessage, "the answer to Tom's MESSAGE");
        _out.WriteLine($"         IM Server answered Tom {stored.StatusCode} {stored.ReasonPhrase}");

        // Step 12 on: Bob becomes available for IM.
        bob.SetAvailable(true);
        await Within(bobGotMessage.Task, "delivery of the stored message to Bob");
        await WaitForStep(24, "the remaining steps");
        await Task.WhenAny(_complete.Task, Task.Delay(_timeout, cancellationToken));

        (string From, string Text)[] inbox = bob.DrainInbox();
        await host.StopAsync(CancellationToken.None);
        return Summarize(inbox, stored);
    }

    private int Summarize((string From, string Text)[] inbox, SipMessage stored)
    {
        SeedFlowTracker tracker = _tracker!;
        _out.WriteLine();
        if (!tracker.IsComplete)
        {
            _out.WriteLine("Steps not seen: " + string.Join(", ", tracker.Missing.Select(s => $"{s.Number} ({s.From} -> {s.To} {s.Label})")));
        }
        else if (!tracker.InSeedOrder)
        {
            _out.WriteLine("All 24 steps seen; the NOTIFYs to the IM Server and to Tom ran in parallel, so their lines interleave.");
        }
        else
        {
            _out.WriteLine("All 24 steps seen, in the seed's order.");
        }

        int fromTom = inbox.Count(m => m.From.Contains("tom@", StringComparison.Ordinal));
        _out.WriteLine(inbox.Length == 0
            ? "Bob received no stored message."
            : $"Bob received {fromTom} stored message{(fromTom == 1 ? "" : "s")} from Tom" +
              (inbox.Length > fromTom ? $" and {inbox.Length - fromTom} other" : "") +
              ": " + string.Join(" | ", inbox.Select(m => $"\"{m.Text}\"")));
        bool ok = tracker.IsComplete && fromTom == 1 && stored.StatusCode == 202;
        return ok ? 0 : 1;
    }

    private void OnTrace(SipTraceEvent trace)
    {
        string? element = trace.Element switch
        {
            "tom" => SeedFlow.Tom,
            _ => PartyOfEndPoint(trace.Local),
        };
        string? peer = PartyOfEndPoint($"{trace.Peer.Host}:{trace.Peer.Port}");
        if (element is null || peer is null)
        {
            return;
        }

        // Traffic between traced parties is taken where it arrives; only what goes to Bob's device,
        // which has no trace of its own, is taken where it leaves.
        string from, to;
        if (!trace.Outgoing)
        {
            (from, to) = (peer, element);
        }
        else if (peer == SeedFlow.Bob)
        {
            (from, to) = (element, peer);
        }
        else
        {
            return;
        }

        lock (_gate)
        {
            SeedFlowStep? step = _tracker!.Observe(from, to, trace.Message, trace.At);
            if (step is not null)
            {
                string status = trace.Message.IsRequest ? step.Method : $"{trace.Message.StatusCode} ({step.Method})";
                _out.WriteLine($"  {step.Number,2}  {step.From,-8} -> {step.To,-8} {status,-16} {step.Summary}");
                if (_tracker.IsComplete)
                {
                    _complete.TrySetResult();
                }
            }
        }
    }

    private async Task WaitForStep(int number, string what)
    {
        DateTime deadline = DateTime.UtcNow + _timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_gate)
            {
                if (_tracker!.Completed.Any(s => s.Number == number))
                {
                    return;
                }
            }

            await Task.Delay(50);
        }

        throw new DemoStepException($"timed out waiting for {what}");
    }

    private async Task<T> Within<T>(Task<T> task, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(_timeout)) != task)
        {
            throw new DemoStepException($"timed out waiting for {what}");
        }

        return await task;
    }

    private async Task Within(Task task, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(_timeout)) != task)
        {
            throw new DemoStepException($"timed out waiting for {what}");
        }
    }

    private static Task<SipMessage> Completion(DemoUserAgent agent, string method)
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

    private string? PartyOfEndPoint(string endPoint) => _parties.TryGetValue(endPoint, out string? party) ? party : null;

    private static string? PartyOfUri(string uri) => uri.ToLowerInvariant() switch
    {
        var u when u.StartsWith("sip:bob@", StringComparison.Ordinal) => SeedFlow.Bob,
        var u when u.StartsWith("sip:tom@", StringComparison.Ordinal) => SeedFlow.Tom,
        var u when u.StartsWith("sip:im-server@", StringComparison.Ordinal) => SeedFlow.Im,
        _ => null,
    };

    private object Configuration(string dataDirectory, int core, int presence, int im) => new
    {
        Sip = new { Domain },
        Core = new
        {
            Address = "127.0.0.1",
            Port = core,
            ApplicationServers = new
            {
                Presence = new { Address = "127.0.0.1", Port = presence },
                Im = new { Address = "127.0.0.1", Port = im, ThirdPartyRegistration = !_regEvent },
            },
        },
        Presence = new { Address = "127.0.0.1", Port = presence, CoreAddress = "127.0.0.1", CorePort = core },
        Im = new
        {
            Address = "127.0.0.1",
            Port = im,
            CoreAddress = "127.0.0.1",
            CorePort = core,
            RegistrationSource = _regEvent ? "RegEvent" : "ThirdPartyRegister",
            RegEventUsers = _regEvent ? new[] { "bob" } : Array.Empty<string>(),
        },
        Dashboard = new { Enabled = false },
        Storage = new { DataDirectory = dataDirectory },

        // The ladder is the demo's output; the servers only speak up when something is wrong.
        Logging = new { LogLevel = new Dictionary<string, string> { ["Default"] = "Warning", ["Microsoft.Hosting.Lifetime"] = "Warning" } },
    };

    private static async Task AddUserAsync(IStorageProvider storage, string user, string password, CancellationToken cancellationToken)
    {
        var account = new UserAccount(user, Domain, DigestHa1.Md5(user, Domain, password), DigestHa1.Sha256(user, Domain, password), DateTimeOffset.UtcNow);
        await storage.Users.AddAsync(account, cancellationToken);
    }

    /// <summary>Ports free for both UDP and TCP on 127.0.0.1.</summary>
    private static int[] FreePorts(int count)
    {
        var ports = new List<int>();
        while (ports.Count < count)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            try
            {
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                continue;
            }

            if (!ports.Contains(port))
            {
                ports.Add(port);
            }
        }

        return [.. ports];
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still open by a stopping thread: the temp folder is cleaned by the system later
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
