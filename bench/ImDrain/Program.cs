using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Im;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.TestSupport;
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

// Each run: a fresh SQLite database (WAL, synchronous=FULL) with N messages stored for bob; an IM Server on
// loopback whose Core is a test UA; bob registers (third-party REGISTER), the IM Server subscribes, the first
// NOTIFY says "closed", then the clock starts and a NOTIFY says "open, available for IM". The test UA answers
// every delivered MESSAGE 200 at once. Reported: time until the last MESSAGE arrived, and until the store is empty.
int messages = 1000;
int runs = 5;
for (int i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--messages")
    {
        messages = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    }
    else if (args[i] == "--runs")
    {
        runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    }
}

const string Bob = "sip:bob@simpleim.test";

Console.WriteLine($"IM Server drain: {messages} stored messages, {runs} runs, {Environment.ProcessorCount} CPUs, load {File.ReadAllText("/proc/loadavg").Trim()}");
var delivered = new double[runs];
var emptied = new double[runs];
for (int run = 0; run < runs; run++)
{
    (delivered[run], emptied[run]) = await RunOnceAsync(messages);
    Console.WriteLine($"run {run + 1}: last delivery after {delivered[run]:F1} ms, store empty after {emptied[run]:F1} ms ({messages / (emptied[run] / 1000):F0} messages/s)");
}

Array.Sort(delivered);
Array.Sort(emptied);
Console.WriteLine($"median: last delivery {delivered[runs / 2]:F1} ms, store empty {emptied[runs / 2]:F1} ms; best {emptied[0]:F1} ms, worst {emptied[runs - 1]:F1} ms");

static async Task<(double Delivered, double Emptied)> RunOnceAsync(int count)
{
    string directory = Path.Combine(Path.GetTempPath(), "simpleim-drain-" + Guid.NewGuid().ToString("N"));
    try
    {
        await using IStorageProvider storage = StorageProviderFactory.CreateSqlite(Path.Combine(directory, "simpleim.db"));
        await storage.MigrateAsync();
        await storage.Users.AddAsync(new UserAccount("bob", "simpleim.test", new string('0', 32), new string('0', 64), DateTimeOffset.UtcNow));
        DateTimeOffset now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var batch = Enumerable.Range(0, count).Select(i => new NewDeferredMessage
        {
            Sender = "Tom <sip:tom@simpleim.test>",
            Recipient = Bob,
            ContentType = "text/plain;charset=UTF-8",
            Body = Encoding.UTF8.GetBytes("stored message number " + i.ToString(CultureInfo.InvariantCulture) + " for bob, about sixty bytes"),
            ArrivedAt = now.AddMilliseconds(i),
            ExpiresAt = now.AddDays(7),
            DedupKey = "mid:" + i.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        await storage.Messages.StoreManyAsync(batch, quota: count);

        await using PagerTestUserAgent core = PagerTestUserAgent.Start();
        int received = 0;
        var arrivals = new long[count];
        var allDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        core.AutoRespond = request =>
        {
            if (request.Method != SipMethods.Message)
            {
                return null;
            }

            int n = Interlocked.Increment(ref received);
            if (n <= count)
            {
                arrivals[n - 1] = Stopwatch.GetTimestamp();
            }

            if (n == count)
            {
                allDelivered.TrySetResult();
            }

            return PagerTestUserAgent.CreateResponse(request, 200, "OK");
        };

        var options = new ImOptions { Port = FreePort(), CorePort = core.Port };
        await using var element = new ImElement(options, new SipOptions(), storage.Messages, storage.Users, NullLogger<ImElement>.Instance);
        var trace = new System.Collections.Concurrent.ConcurrentQueue<(long At, bool Out)>();
        element.Traced += e =>
        {
            if (e.Message.IsRequest ? e.Message.Method == SipMethods.Message && e.Outgoing : !e.Outgoing && e.Message.StatusCode == 200 && e.Message.Headers.Get(SipHeaderNames.CSeq)!.EndsWith("MESSAGE", StringComparison.Ordinal))
            {
                trace.Enqueue((Stopwatch.GetTimestamp(), e.Outgoing));
            }
        };
        element.Start();
        var im = new IPEndPoint(IPAddress.Loopback, options.Port);

        SipMessage register = core.CreateRequest(SipMethods.Register, "sip:127.0.0.1:" + options.Port, Bob, Bob);
        register.Headers.Add(SipHeaderNames.Contact, "<sip:" + core.HostPort + ">");
        register.Headers.Add(SipHeaderNames.Expires, "3600");
        await core.SendRequestAsync(register, im);
        SipMessage subscribe = await core.ReceiveRequestAsync(SipMethods.Subscribe);
        string tag = PagerTestUserAgent.NewToken();
        core.Respond(subscribe, 200, "OK", r => r.Headers.Add(SipHeaderNames.Expires, "3600"), tag);
        await NotifyAsync(core, im, subscribe, tag, 1, available: false);

        var clock = Stopwatch.StartNew();
        await NotifyAsync(core, im, subscribe, tag, 2, available: true);
        await allDelivered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        double deliveredMs = clock.Elapsed.TotalMilliseconds;
        double[] gaps = new double[count - 1];
        for (int i = 1; i < count; i++)
        {
            gaps[i - 1] = Stopwatch.GetElapsedTime(arrivals[i - 1], arrivals[i]).TotalMilliseconds;
        }

        Array.Sort(gaps);
        var events = trace.ToArray();
        var inside = new System.Collections.Generic.List<double>();
        var outside = new System.Collections.Generic.List<double>();
        for (int i = 1; i < events.Length; i++)
        {
            double ms = Stopwatch.GetElapsedTime(events[i - 1].At, events[i].At).TotalMilliseconds;
            (events[i].Out ? inside : outside).Add(ms);
        }

        inside.Sort();
        outside.Sort();
        if (inside.Count > 0 && outside.Count > 0)
        {
            Console.WriteLine($"  IM: 200 received -> next MESSAGE sent median {inside[inside.Count / 2]:F3} ms p90 {inside[inside.Count * 9 / 10]:F3}; MESSAGE sent -> 200 received median {outside[outside.Count / 2]:F3} ms p90 {outside[outside.Count * 9 / 10]:F3}");
        }

        Console.WriteLine($"  gaps between deliveries: median {gaps[gaps.Length / 2]:F3} ms, p90 {gaps[gaps.Length * 9 / 10]:F3} ms, p99 {gaps[gaps.Length * 99 / 100]:F3} ms, max {gaps[^1]:F1} ms, sum of gaps over 5 ms {gaps.Where(g => g > 5).Sum():F0} ms");
        while (await storage.Messages.CountAsync(Bob) > 0)
        {
            await Task.Delay(2);
        }

        return (deliveredMs, clock.Elapsed.TotalMilliseconds);
    }
    finally
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

static async Task NotifyAsync(PagerTestUserAgent core, IPEndPoint im, SipMessage subscribe, string tag, int cseq, bool available)
{
    NameAddress contact = NameAddress.ParseContact(subscribe.Headers.Get(SipHeaderNames.Contact)!);
    SipMessage notify = SipMessage.CreateRequest(SipMethods.Notify, contact.Uri!.ToString());
    notify.Headers.Add(SipHeaderNames.Via, "SIP/2.0/UDP " + core.HostPort + ";branch=z9hG4bK" + PagerTestUserAgent.NewToken());
    notify.Headers.Add(SipHeaderNames.MaxForwards, "70");
    notify.Headers.Add(SipHeaderNames.From, subscribe.Headers.Get(SipHeaderNames.To) + ";tag=" + tag);
    notify.Headers.Add(SipHeaderNames.To, subscribe.Headers.Get(SipHeaderNames.From)!);
    notify.Headers.Add(SipHeaderNames.CallId, subscribe.CallId!);
    notify.Headers.Add(SipHeaderNames.CSeq, cseq.ToString(CultureInfo.InvariantCulture) + " NOTIFY");
    notify.Headers.Add(SipHeaderNames.Event, "presence");
    notify.Headers.Add(SipHeaderNames.SubscriptionState, "active;expires=3600");
    notify.Headers.Add(SipHeaderNames.ContentType, "application/pidf+xml");
    notify.Body = PidfWriter.Write(PresenceDocument.CreateForDevice(Bob, "t1", available, available, null, null));
    SipMessage answer = await core.SendRequestAsync(notify, im);
    if (answer.StatusCode != 200)
    {
        throw new InvalidOperationException("NOTIFY answered " + answer);
    }
}

static int FreePort()
{
    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    return ((IPEndPoint)socket.LocalEndPoint!).Port;
}
