using System.Collections.Concurrent;
using SimpleImGateway.Firmware.Pager;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Firmware.Simulator.Host;
using SimpleImGateway.Firmware.Ua;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Firmware.Simulator;

/// <summary>
/// Runs the device's <see cref="UserAgent"/> on the host the way the device's Program does: one loop
/// thread polling the UA until its next deadline or a wake-up, plus the simulator's commands.
/// </summary>
public sealed class DeviceSimulator
{
    /// <summary>Exit status when the UA could not start.</summary>
    public const int StartFailed = 1;

    /// <summary>Exit status when an <c>expect</c> timed out.</summary>
    public const int ExpectFailed = 3;

    private const int MaxSleepMilliseconds = 100;
    private const int DefaultExpectSeconds = 10;

    private readonly SimulatorOptions _options;
    private readonly Output _output;
    private readonly AutoResetEvent _wake = new(false);
    private readonly ConcurrentQueue<string> _commands = new();
    private readonly IClock _clock = new SystemClock();
    private readonly PagerMessage _inboxMessage = new();
    private UserAgent? _ua;
    private long _waitUntil;
    private string? _expectText;
    private long _expectDeadline;
    private bool _quitting;
    private int _exitCode;

    /// <summary>Creates the simulator; <see cref="Run"/> does the work.</summary>
    public DeviceSimulator(SimulatorOptions options, Output output)
    {
        _options = options;
        _output = output;
    }

    /// <summary>Starts the UA, runs commands until quit (or the end of the script or stdin), and returns the exit status.</summary>
    public int Run()
    {
        var log = new ConsoleLog(_output, _options.LogLevel);
        string domain = _options.Domain ?? _options.ServerHost;
        ISipChannel channel = _options.Transport == SipTransport.Tcp
            ? new TcpSipChannel(_options.ServerHost, _options.ServerPort, _options.LocalPort)
            : new UdpSipChannel(_options.ServerHost, _options.ServerPort, _options.LocalPort);
        var settings = new UserAgentSettings
        {
            User = _options.User,
            Password = _options.Password,
            AuthUser = _options.AuthUser,
            Domain = domain,
            ServerHost = _options.ServerHost,
            ServerPort = _options.ServerPort,
            RegisterExpiresSeconds = _options.RegisterExpires,
            PublishExpiresSeconds = _options.PublishExpires,
            DeviceId = _options.DeviceId ?? "sim-" + Sanitize(_options.User),
            UserAgentHeader = "SimpleImGateway-Simulator/0.1",
            DebugLogging = _options.LogLevel == LogLevel.Debug,
        };

        try
        {
            _ua = new UserAgent(settings, channel, _clock, new CryptoRandom(), new FolderFileStorage(_options.DataDir), log);
            _ua.Events = e => _output.Line("EVENT " + e);
            _ua.WakeUp = () => _wake.Set();
            _ua.SetAvailable(_options.Available);
            _ua.Start();
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            _output.Line("ERROR could not start the device: " + e.Message);
            return StartFailed;
        }

        if (!channel.IsConnected && channel is SocketSipChannelBase socketChannel)
        {
            _output.Line("WARN  channel: cannot reach " + _options.ServerHost + ":" + _options.ServerPort + ": " + socketChannel.LastError);
        }

        StartCommandSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            Enqueue("quit");
        };

        while (true)
        {
            RunCommands();
            _ua.Poll();
            if (_ua.IsStopped)
            {
                return _exitCode;
            }

            long now = _clock.NowMilliseconds;
            long sleep = Math.Min(_ua.NextDueMilliseconds - now, MaxSleepMilliseconds);
            if (_waitUntil > now)
            {
                sleep = Math.Min(sleep, _waitUntil - now);
            }

            if (sleep > 0)
            {
                _wake.WaitOne((int)sleep);
            }
        }
    }

    // One output line per message: line breaks and other controls are shown escaped.
    private static string Printable(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4"),
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private static string Sanitize(string user)
    {
        var chars = user.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_').ToArray();
        return chars.Length == 0 ? "user" : new string(chars);
    }

    private void Enqueue(string line)
    {
        _commands.Enqueue(line);
        _wake.Set();
    }

    private void StartCommandSource()
    {
        if (_options.ScriptFile != null)
        {
            foreach (string line in File.ReadAllLines(_options.ScriptFile))
            {
                _commands.Enqueue(line);
            }

            _commands.Enqueue("quit");
            return;
        }

        var reader = new Thread(() =>
        {
            string? line;
            while ((line = Console.In.ReadLine()) != null)
            {
                Enqueue(line);
            }

            Enqueue("quit");
        })
        { IsBackground = true, Name = "stdin" };
        reader.Start();
    }

    private void RunCommands()
    {
        long now = _clock.NowMilliseconds;
        while (!_quitting)
        {
            if (_waitUntil > now)
            {
                return;
            }

            if (_expectText != null)
            {
                if (_output.TryMatch(_expectText))
                {
                    _expectText = null;
                }
                else if (now >= _expectDeadline)
                {
                    _output.Line("EXPECT FAILED: no output line containing '" + _expectText + "'");
                    _expectText = null;
                    _exitCode = ExpectFailed;
                    Quit();
                    return;
                }
                else
                {
                    return;
                }
            }

            if (!_commands.TryDequeue(out string? line))
            {
                return;
            }

            string command = line.Trim();
            if (command.Length == 0 || command.StartsWith('#'))
            {
                continue;
            }

            _output.Echo(command);
            Execute(command, now);
        }
    }

    private void Execute(string command, long now)
    {
        UserAgent ua = _ua!;
        string[] words = command.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string rest = words.Length > 1 ? words[1] : "";
        switch (words[0])
        {
            case "send":
                string[] parts = rest.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2)
                {
                    _output.Line("ERROR usage: send TO TEXT");
                    return;
                }

                try
                {
                    ua.SendText(parts[0], parts[1]);
                }
                catch (Exception e) when (e is OutboxFullException or ArgumentException or InvalidOperationException or IOException)
                {
                    _output.Line("ERROR not queued: " + e.Message);
                }

                return;
            case "inbox":
                PrintInbox(ua);
                return;
            case "available":
                if (rest is not ("on" or "off"))
                {
                    _output.Line("ERROR usage: available on|off");
                    return;
                }

                ua.SetAvailable(rest == "on");
                return;
            case "status":
                foreach (string line in ua.DescribeStatus().Split('\n'))
                {
                    _output.Line("STATUS " + line);
                }

                return;
            case "wait":
                if (!double.TryParse(rest, System.Globalization.CultureInfo.InvariantCulture, out double seconds) || seconds < 0)
                {
                    _output.Line("ERROR usage: wait SECONDS");
                    return;
                }

                _waitUntil = now + (long)(seconds * 1000);
                return;
            case "expect":
                int timeout = DefaultExpectSeconds;
                if (rest.StartsWith("-t ", StringComparison.Ordinal))
                {
                    string[] timed = rest[3..].Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
                    if (timed.Length < 2 || !int.TryParse(timed[0], out timeout) || timeout < 0)
                    {
                        _output.Line("ERROR usage: expect [-t SECONDS] TEXT");
                        return;
                    }

                    rest = timed[1];
                }

                if (rest.Length == 0)
                {
                    _output.Line("ERROR usage: expect [-t SECONDS] TEXT");
                    return;
                }

                _expectText = rest;
                _expectDeadline = now + (timeout * 1000L);
                return;
            case "quit":
                Quit();
                return;
            default:
                _output.Line("ERROR unknown command '" + words[0] + "' (send, inbox, available, status, wait, expect, quit)");
                return;
        }
    }

    private void PrintInbox(UserAgent ua)
    {
        int count = 0;
        while (ua.ReadInbox(_inboxMessage))
        {
            string id = _inboxMessage.MessageId;
            string content = _inboxMessage.ContentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
                ? "\"" + Printable(Utf8.Decode(_inboxMessage.Body, 0, _inboxMessage.BodyLength)) + "\""
                : "(" + _inboxMessage.BodyLength + " bytes)";
            _output.Line("INBOX " + id + " from " + _inboxMessage.Peer + " [" + _inboxMessage.ContentType + "]: " + content);
            ua.AcknowledgeInbox(id);
            count++;
        }

        _output.Line("INBOX " + (count == 0 ? "empty" : count + " message(s) read and acknowledged"));
    }

    private void Quit()
    {
        if (_quitting)
        {
            return;
        }

        _quitting = true;
        _ua!.Shutdown();
    }
}
