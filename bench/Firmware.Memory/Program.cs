using System.Globalization;
using System.Text;
using SimpleImGateway.Firmware.Memory;
using SimpleImGateway.Firmware.Pager;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Firmware.Ua;
using SimpleImGateway.Sip.Message;

// Reports what the device UA allocates per operation and what it keeps on the heap, on .NET 10.
// Usage: dotnet run -c Release --project bench/Firmware.Memory [-- --rounds N]
int rounds = args.Length == 2 && args[0] == "--rounds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;

// Warm up once so lazily created statics (parser pools, interned names) and JIT are not counted.
new Scenario().RunAll(rounds: 20, print: false);
new Scenario().RunAll(rounds, print: true);

/// <summary>One device UA against a scripted registrar/presence/IM server, measured with the GC's counters.</summary>
internal sealed class Scenario
{
    private const int RefreshTargetBytes = 2048;
    private const int MessageTargetBytes = 4096;
    private const int RetainedTargetBytes = 24 * 1024;
    private const string Peer = "sip:alice@simpleim.test";

    private readonly byte[] _response = new byte[8192];
    private readonly byte[] _body = Encoding.UTF8.GetBytes("A typical short pager message from the device, 64 bytes long...");
    private BenchClock _clock = new();
    private BenchChannel _channel = new();
    private UserAgent _ua = null!;
    private readonly long[] _phase = new long[3];
    private long _measured;
    private long _segmentStart;

    public string RefreshPhases { get; private set; } = "";

    public string SentPhases { get; private set; } = "";

    public void RunAll(int rounds, bool print)
    {
        double refresh = PerRefresh(rounds);
        double sent = PerMessageSent(rounds);
        double received = PerMessageReceived(rounds);
        long retainedEmpty = Retained(0);
        long retainedOne = Retained(1);
        long retainedFull = Retained(100);
        if (!print)
        {
            return;
        }


        Console.WriteLine("Device UA memory (.NET " + Environment.Version + ", " + rounds + " rounds each; UDP, digest MD5, MaxMessageSize 4096)");
        Console.WriteLine();
        Console.WriteLine("| measure | bytes | target | verdict |");
        Console.WriteLine("|---|---:|---:|---|");
        Row("allocated per registration refresh (REGISTER with credentials + 200)", refresh, RefreshTargetBytes);
        Row("allocated per MESSAGE sent (queue on flash, send, 202, release)", sent, MessageTargetBytes);
        Row("allocated per MESSAGE received (parse, inbox append, 200)", received, MessageTargetBytes);
        Row("retained by the UA, registered and published, 0 queued", retainedEmpty, RetainedTargetBytes);
        Row("retained by the UA, registered and published, 1 queued (in flight)", retainedOne, RetainedTargetBytes);
        Row("retained by the UA, registered and published, 100 queued (1 in flight)", retainedFull, RetainedTargetBytes);
        Console.WriteLine();
        Console.WriteLine("phases, bytes per round: refresh: " + RefreshPhases + "; MESSAGE sent: " + SentPhases);
        Console.WriteLine("retained, 100 queued minus 1 queued: " + (retainedFull - retainedOne) + " bytes");
    }

    private static void Row(string what, double bytes, int target)
    {
        string verdict = bytes <= target ? "met" : "MISSED by " + Math.Round(bytes - target) + " bytes";
        Console.WriteLine("| " + what + " | " + Math.Round(bytes).ToString(CultureInfo.InvariantCulture) + " | " + target + " | " + verdict + " |");
    }

    private static UserAgentSettings Settings() => new()
    {
        User = "bob",
        Domain = "simpleim.test",
        Password = "PW",
        ServerHost = "192.0.2.1",
        DeviceId = "esp32",
        OutboxOptions = new PagerOptions("outbox.jnl") { MaxCount = 128, MaxBytes = 64 * 1024 },
        InboxOptions = new PagerOptions("inbox.jnl") { MaxCount = 32 },
    };

    private double PerRefresh(int rounds)
    {
        StartRegistered(new RamStorage(6), available: false);
        ResetMeasure();
        for (int i = 0; i < rounds; i++)
        {
            AdvanceTo(_ua.Registration.NextAttemptMilliseconds);
            int before = _channel.MessagesSent;
            Begin();
            _ua.Poll();
            End(0);
            Check(_channel.MessagesSent == before + 1, "refresh sent");
            int length = Respond("REGISTER", 200, "OK", "Contact: <sip:bob@192.0.2.10:5070>;expires=3600");
            Begin();
            _channel.Deliver(_response, length);
            _ua.Poll();
            End(1);
            Check(_ua.Registration.IsRegistered, "refresh accepted");
        }

        RefreshPhases = Phases(rounds, "send REGISTER", "handle 200");
        return (double)_measured / rounds;
    }

    private double PerMessageSent(int rounds)
    {
        StartRegistered(new RamStorage(6), available: false);
        ResetMeasure();
        for (int i = 0; i < rounds; i++)
        {
            int before = _channel.MessagesSent;
            Begin();
            _ua.SendMessage(Peer, "text/plain;charset=UTF-8", _body);
            End(0);
            Begin();
            _ua.Poll();
            End(1);
            Check(_channel.MessagesSent == before + 1, "MESSAGE sent");
            int length = Respond("MESSAGE", 202, "Accepted");
            Begin();
            _channel.Deliver(_response, length);
            _ua.Poll();
            End(2);
            Check(_ua.Outbox.Count == 0, "MESSAGE released");
            Idle(6000); // lets Timer K end the completed transaction, outside the measurement
        }

        SentPhases = Phases(rounds, "queue on flash", "send MESSAGE", "handle 202 and release");
        return (double)_measured / rounds;
    }

    private double PerMessageReceived(int rounds)
    {
        StartRegistered(new RamStorage(6), available: false);
        var incoming = new byte[rounds][];
        for (int i = 0; i < rounds; i++)
        {
            incoming[i] = Encoding.UTF8.GetBytes(IncomingMessage(i));
        }

        var read = new PagerMessage();
        ResetMeasure();
        for (int i = 0; i < rounds; i++)
        {
            int before = _channel.MessagesSent;
            Begin();
            _channel.Deliver(incoming[i], incoming[i].Length);
            _ua.Poll();
            End();
            Check(_channel.MessagesSent == before + 1 && _ua.Inbox.Count == 1, "MESSAGE stored and answered");
            _ua.ReadInbox(read);
            _ua.AcknowledgeInbox(read.MessageId);
            Idle(33000); // Timer J of the UDP server transaction
        }

        return (double)_measured / rounds;
    }

    private long Retained(int queued)
    {
        var storage = new RamStorage(6);
        if (queued > 0)
        {
            var filler = new Outbox(storage, Settings().OutboxOptions, new BenchRandom(), NullLog.Instance);
            for (int i = 0; i < queued; i++)
            {
                filler.Send(Peer, "text/plain;charset=UTF-8", _body);
            }

            filler.Close();
        }

        _ua = null!; // the previous scenario's UA must not be in the baseline
        _clock = new BenchClock();
        _channel = new BenchChannel();
        UserAgentSettings settings = Settings();
        var random = new BenchRandom();
        long baseline = Settle();
        _ua = new UserAgent(settings, _channel, _clock, random, storage, NullLog.Instance);
        _ua.SetAvailable(true);
        _ua.Start();
        Register();
        Check(_ua.Registration.IsRegistered, "registered");
        PublishAnswered();
        Idle(10000); // Timer K ends the completed REGISTER and PUBLISH transactions: the steady state
        if (queued > 0)
        {
            // The head MESSAGE went out after the registration; its 202 never comes, so it stays in flight.
            Check(_ua.Pager.IsBusy && _ua.Outbox.Count == queued, "head MESSAGE in flight, the rest on flash");
        }

        long retained = Settle() - baseline;
        GC.KeepAlive(_ua);
        GC.KeepAlive(storage);
        return retained;
    }

    private static long Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(true);
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("scenario step failed: " + what);
        }
    }

    private static string IncomingMessage(int i)
    {
        const string Text = "A typical short pager message to the device, 64 bytes long.....";
        return "MESSAGE sip:bob@192.0.2.10:5070 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKin" + i + "\r\n"
            + "Max-Forwards: 69\r\n"
            + "From: <sip:alice@simpleim.test>;tag=a" + i + "\r\n"
            + "To: <sip:bob@simpleim.test>\r\n"
            + "Call-ID: in" + i + "@simpleim.test\r\n"
            + "CSeq: 1 MESSAGE\r\n"
            + "Message-ID: srv-" + i + "\r\n"
            + "Content-Type: text/plain;charset=UTF-8\r\n"
            + "Content-Length: " + Encoding.UTF8.GetByteCount(Text) + "\r\n\r\n"
            + Text;
    }

    private void StartRegistered(RamStorage storage, bool available)
    {
        _clock = new BenchClock();
        _channel = new BenchChannel();
        _ua = new UserAgent(Settings(), _channel, _clock, new BenchRandom(), storage, NullLog.Instance);
        _ua.SetAvailable(available);
        _ua.Start();
        Register();
        Check(_ua.Registration.IsRegistered, "registered");
    }

    private void Register()
    {
        _ua.Poll();
        int length = Respond("REGISTER", 401, "Unauthorized", "WWW-Authenticate: Digest realm=\"simpleim.test\", nonce=\"5f2a6c0e9b7d4e1a\", qop=\"auth\", algorithm=MD5, opaque=\"0p\"");
        _channel.Deliver(_response, length);
        _ua.Poll();
        length = Respond("REGISTER", 200, "OK", "Contact: <sip:bob@192.0.2.10:5070>;expires=3600");
        _channel.Deliver(_response, length);
        _ua.Poll();
    }

    private void PublishAnswered()
    {
        _ua.Poll();
        int length = Respond("PUBLISH", 200, "OK", "SIP-ETag: a8f3e2", "Expires: 3600");
        _channel.Deliver(_response, length);
        _ua.Poll();
    }

    /// <summary>Builds the server's answer to the last request into the response buffer (outside any measurement).</summary>
    private int Respond(string method, int code, string reason, params string[] headers)
    {
        (byte[] bytes, int count) = _channel.LastSent(method + " ");
        SipMessage request = SipMessageParser.Parse(bytes, 0, count);
        var text = new StringBuilder("SIP/2.0 " + code + " " + reason + "\r\n");
        foreach (string via in request.Headers.GetAll(SipHeaderNames.Via))
        {
            text.Append("Via: ").Append(via).Append(";received=198.51.100.7\r\n");
        }

        text.Append("From: ").Append(request.Headers.Get(SipHeaderNames.From)).Append("\r\n");
        text.Append("To: ").Append(request.Headers.Get(SipHeaderNames.To)).Append(";tag=srv\r\n");
        text.Append("Call-ID: ").Append(request.CallId).Append("\r\n");
        text.Append("CSeq: ").Append(request.Headers.Get(SipHeaderNames.CSeq)).Append("\r\n");
        text.Append("Server: bench\r\n");
        foreach (string header in headers)
        {
            text.Append(header).Append("\r\n");
        }

        text.Append("Content-Length: 0\r\n\r\n");
        return Encoding.UTF8.GetBytes(text.ToString(), 0, text.Length, _response, 0);
    }

    private void AdvanceTo(long target)
    {
        while (true)
        {
            _ua.Poll();
            long due = _ua.NextDueMilliseconds;
            if (due >= target)
            {
                _clock.NowMilliseconds = Math.Max(_clock.NowMilliseconds, target);
                return;
            }

            _clock.NowMilliseconds = Math.Max(_clock.NowMilliseconds, due);
        }
    }

    private void Idle(long milliseconds) => AdvanceTo(_clock.NowMilliseconds + milliseconds);

    private void Begin() => _segmentStart = GC.GetAllocatedBytesForCurrentThread();

    private void End(int phase = 0)
    {
        long bytes = GC.GetAllocatedBytesForCurrentThread() - _segmentStart;
        _measured += bytes;
        _phase[phase] += bytes;
    }

    private void ResetMeasure()
    {
        _measured = 0;
        Array.Clear(_phase);
    }

    private string Phases(int rounds, params string[] names)
    {
        var parts = new List<string>();
        for (int i = 0; i < names.Length; i++)
        {
            parts.Add(names[i] + " " + Math.Round((double)_phase[i] / rounds));
        }

        return string.Join(", ", parts);
    }
}
