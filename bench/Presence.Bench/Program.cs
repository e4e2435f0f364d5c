using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Presence;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Bench.Presence
{
    /// <summary>
    /// Presence fan-out: N watchers subscribe to one presentity, then each round one PUBLISH changes its state and
    /// the clock runs until every watcher has answered its NOTIFY with 200. Target "ours" runs our Presence
    /// Server in this process (SQLite in a temporary directory); HOST:PORT drives any presence server on loopback
    /// (Kamailio's presence module, for one) with the same watchers.
    /// Usage: presence-bench [--target ours|HOST:PORT] [--watchers 1000] [--rounds 10] [--warmup 3] [--sockets 4] [--domain simpleim.test]
    /// </summary>
    internal static class Program
    {
        private static async Task<int> Main(string[] args)
        {
            var options = Options.Parse(args);
            if (options is null)
            {
                Console.Error.WriteLine("usage: presence-bench [--target ours|HOST:PORT] [--watchers N] [--rounds N] [--warmup N] [--sockets N] [--domain D]");
                return 64;
            }

            string presentity = $"sip:bob@{options.Domain}";
            string? temp = null;
            PresenceElement? element = null;
            IStorageProvider? storage = null;
            IPEndPoint target;
            if (options.Target == "ours")
            {
                temp = Path.Combine(Path.GetTempPath(), "presence-bench-" + Guid.NewGuid().ToString("N"));
                storage = StorageProviderFactory.CreateSqlite(Path.Combine(temp, "simpleim.db"));
                await storage.MigrateAsync();
                var clock = Stopwatch.StartNew();
                for (int i = 1; i <= options.Watchers; i++)
                {
                    await storage.Presence.SetWatcherRuleAsync(new WatcherRule(presentity, Watcher(i, options.Domain), WatcherDecision.Allow));
                }

                Console.WriteLine($"# {options.Watchers} allow rules stored in {clock.ElapsedMilliseconds} ms");
                var presenceOptions = new PresenceOptions { Port = 0, RulePollMilliseconds = 600_000, Tcp = false };
                element = new PresenceElement(presenceOptions, options.Domain, storage.Presence, NullLogger.Instance, TimeProvider.System,
                    new SipTransactionSettings { MaxTransactions = 200_000 }, requestsPerSecondPerSource: 10_000_000);
                element.Start();
                await element.Ready;
                target = new IPEndPoint(IPAddress.Loopback, element.Transport.AdvertisedPort);
            }
            else
            {
                target = IPEndPoint.Parse(options.Target);
            }

            try
            {
                return await RunAsync(options, presentity, target, element is not null);
            }
            finally
            {
                if (element is not null)
                {
                    await element.DisposeAsync();
                }

                if (storage is not null)
                {
                    await storage.DisposeAsync();
                }

                if (temp is not null)
                {
                    try
                    {
                        Directory.Delete(temp, recursive: true);
                    }
                    catch (IOException)
                    {
                    }
                }
            }
        }

        private static string Watcher(int i, string domain) => $"sip:w{i}@{domain}";

        private static async Task<int> RunAsync(Options options, string presentity, IPEndPoint target, bool ours)
        {
            using var control = new ControlAgent();
            var sockets = Enumerable.Range(0, options.Sockets).Select(_ => new WatcherSocket()).ToArray();
            int answered = 0;
            int goal = int.MaxValue;
            TaskCompletionSource? allAnswered = null;
            foreach (WatcherSocket socket in sockets)
            {
                socket.OnAnswered = () =>
                {
                    if (Interlocked.Increment(ref answered) == Volatile.Read(ref goal))
                    {
                        allAnswered?.TrySetResult();
                    }
                };
            }

            TimeSpan timeout = TimeSpan.FromSeconds(30);
            try
            {
                if (ours)
                {
                    // The Core's third-party REGISTER: the presentity is registered, so its published state is shown.
                    SipMessage register = control.Request(SipMethods.Register, $"sip:{target}", presentity, presentity, $"sip:{control.HostPort}");
                    register.Headers.Add(SipHeaderNames.Expires, "3600");
                    Expect(await control.SendAsync(register, target, timeout), "REGISTER");
                }

                string etag = Expect(await Publish(control, target, presentity, null, open: false, 0, timeout), "initial PUBLISH").Headers.Get(SipHeaderNames.SipETag)
                    ?? throw new InvalidOperationException("PUBLISH answered without SIP-ETag");

                // Subscribe everyone, a window at a time, and wait for every first NOTIFY to be answered.
                Reset(sockets, ref answered, ref goal, options.Watchers, out allAnswered);
                var clock = Stopwatch.StartNew();
                using (var window = new SemaphoreSlim(64))
                {
                    var subscribes = new List<Task>();
                    for (int i = 1; i <= options.Watchers; i++)
                    {
                        await window.WaitAsync();
                        WatcherSocket socket = sockets[i % sockets.Length];
                        SipMessage subscribe = control.Request(SipMethods.Subscribe, presentity, Watcher(i, options.Domain), presentity, $"sip:w{i}@127.0.0.1:{socket.Port}");
                        subscribe.Headers.Add(SipHeaderNames.Event, "presence");
                        subscribe.Headers.Add(SipHeaderNames.Expires, "3600");
                        subscribe.Headers.Add(SipHeaderNames.Accept, "application/pidf+xml");
                        subscribes.Add(Task.Run(async () =>
                        {
                            try
                            {
                                Expect(await control.SendAsync(subscribe, target, timeout), "SUBSCRIBE");
                            }
                            finally
                            {
                                window.Release();
                            }
                        }));
                    }

                    await Task.WhenAll(subscribes);
                }

                await allAnswered!.Task.WaitAsync(timeout);
                Console.WriteLine($"# {options.Watchers} subscriptions active (first NOTIFYs answered) in {clock.ElapsedMilliseconds} ms");
                await Task.Delay(500);

                var measured = new List<double>();
                for (int round = 1; round <= options.Warmup + options.Rounds; round++)
                {
                    Reset(sockets, ref answered, ref goal, options.Watchers, out allAnswered);
                    TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    clock.Restart();
                    Task<SipMessage> publish = Publish(control, target, presentity, etag, open: round % 2 == 1, round, timeout);
                    await allAnswered!.Task.WaitAsync(timeout);
                    double ms = clock.Elapsed.TotalMilliseconds;
                    double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
                    etag = Expect(await publish, "PUBLISH").Headers.Get(SipHeaderNames.SipETag) ?? etag;
                    bool warm = round <= options.Warmup;
                    if (!warm)
                    {
                        measured.Add(ms);
                    }

                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"round {round,2}{(warm ? " (warm-up)" : string.Empty)}: {options.Watchers} NOTIFYs answered in {ms,8:F1} ms = {options.Watchers / ms * 1000,9:F0} NOTIFYs/s; CPU of this process {cpuMs,6:F0} ms"));
                    await Task.Delay(300);
                }

                measured.Sort();
                double median = measured[measured.Count / 2];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"target {options.Target}: {options.Watchers} watchers, {measured.Count} rounds: median {median:F1} ms ({options.Watchers / median * 1000:F0} NOTIFYs/s), best {measured[0]:F1} ms ({options.Watchers / measured[0] * 1000:F0}/s), worst {measured[^1]:F1} ms ({options.Watchers / measured[^1] * 1000:F0}/s)"));
                return 0;
            }
            catch (TimeoutException)
            {
                Console.Error.WriteLine($"timed out: {Volatile.Read(ref answered)} of {options.Watchers} NOTIFYs answered");
                return 1;
            }
            finally
            {
                foreach (WatcherSocket socket in sockets)
                {
                    socket.Dispose();
                }
            }
        }

        private static void Reset(WatcherSocket[] sockets, ref int answered, ref int goal, int watchers, out TaskCompletionSource? done)
        {
            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            foreach (WatcherSocket socket in sockets)
            {
                socket.Reset();
            }

            Volatile.Write(ref goal, watchers);
            Interlocked.Exchange(ref answered, 0);
        }

        private static Task<SipMessage> Publish(ControlAgent control, IPEndPoint target, string presentity, string? etag, bool open, int round, TimeSpan timeout)
        {
            SipMessage publish = control.Request(SipMethods.Publish, presentity, presentity, presentity, $"sip:{control.HostPort}");
            publish.Headers.Add(SipHeaderNames.Event, "presence");
            publish.Headers.Add(SipHeaderNames.Expires, "3600");
            if (etag is not null)
            {
                publish.Headers.Add(SipHeaderNames.SipIfMatch, etag);
            }

            publish.Headers.Add(SipHeaderNames.ContentType, "application/pidf+xml");
            publish.Body = PidfWriter.Write(PresenceDocument.CreateForDevice(presentity, "t1", open, open, null, "round " + round.ToString(CultureInfo.InvariantCulture)));
            return control.SendAsync(publish, target, timeout);
        }

        private static SipMessage Expect(SipMessage response, string what)
        {
            if (response.StatusCode is < 200 or >= 300)
            {
                throw new InvalidOperationException($"{what} answered {response.StatusCode} {response.ReasonPhrase}");
            }

            return response;
        }

        private sealed record Options(string Target, int Watchers, int Rounds, int Warmup, int Sockets, string Domain)
        {
            public static Options? Parse(string[] args)
            {
                var o = new Options("ours", 1000, 10, 3, 4, "simpleim.test");
                for (int i = 0; i + 1 < args.Length; i += 2)
                {
                    string v = args[i + 1];
                    o = args[i] switch
                    {
                        "--target" => o with { Target = v },
                        "--watchers" => o with { Watchers = int.Parse(v, CultureInfo.InvariantCulture) },
                        "--rounds" => o with { Rounds = int.Parse(v, CultureInfo.InvariantCulture) },
                        "--warmup" => o with { Warmup = int.Parse(v, CultureInfo.InvariantCulture) },
                        "--sockets" => o with { Sockets = int.Parse(v, CultureInfo.InvariantCulture) },
                        "--domain" => o with { Domain = v },
                        _ => null!,
                    };
                    if (o is null)
                    {
                        return null;
                    }
                }

                return args.Length % 2 == 0 && o.Rounds > 0 ? o : null;
            }
        }
    }
}
