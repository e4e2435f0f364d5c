using System;
using System.Threading;
using SimpleImGateway.Firmware.Pager;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Firmware.Simulator.Host;
using SimpleImGateway.Firmware.Ua;

namespace SimpleImGateway.Companion.Demo;

/// <summary>
/// Bob's device in the demo: the firmware's <see cref="UserAgent"/> (its net10.0 build) over the
/// simulator's host adapters (UDP socket, journal files in a folder, the system clock), driven by
/// one thread exactly as the device's main loop drives it.
/// </summary>
public sealed class DemoDevice : IDisposable
{
    private readonly UserAgent _ua;
    private readonly UdpSipChannel _channel;
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private readonly object _gate = new();
    private volatile bool _stop;

    /// <summary>Creates the device for <paramref name="user"/>, registering at the Core on <paramref name="corePort"/>.</summary>
    public DemoDevice(string user, string password, string domain, int corePort, int localPort, string dataDirectory, Action<UaEvent> events)
    {
        _channel = new UdpSipChannel("127.0.0.1", corePort, localPort);
        var settings = new UserAgentSettings
        {
            User = user,
            Password = password,
            Domain = domain,
            ServerHost = "127.0.0.1",
            ServerPort = corePort,
            RegisterExpiresSeconds = 600,
            PublishExpiresSeconds = 600,
            DeviceId = "demo-" + user,
            UserAgentHeader = "SimpleImGateway-Demo/0.1",
        };
        _ua = new UserAgent(settings, _channel, new SystemClock(), new CryptoRandom(), new FolderFileStorage(dataDirectory), NullLog.Instance);
        _ua.Events = e => events(e);
        _ua.WakeUp = () => _wake.Set();
        _thread = new Thread(Run) { IsBackground = true, Name = "demo-" + user };
    }

    /// <summary>Starts registering; the device begins not available for IM.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _ua.SetAvailable(false);
            _ua.Start();
        }

        _thread.Start();
    }

    /// <summary>The application's switch: publish available (or not) for IM.</summary>
    public void SetAvailable(bool available) => Do(() => _ua.SetAvailable(available));

    /// <summary>Reads and acknowledges every inbox message; returns (from, text) pairs.</summary>
    public (string From, string Text)[] DrainInbox()
    {
        var received = new System.Collections.Generic.List<(string, string)>();
        Do(() =>
        {
            var message = new PagerMessage();
            while (_ua.ReadInbox(message))
            {
                received.Add((message.Peer, System.Text.Encoding.UTF8.GetString(message.Body, 0, message.BodyLength)));
                _ua.AcknowledgeInbox(message.MessageId);
            }
        });
        return [.. received];
    }

    /// <summary>Unregisters and stops the loop.</summary>
    public void Dispose()
    {
        Do(() => _ua.Shutdown());
        long deadline = Environment.TickCount64 + 3000;
        while (!_ua.IsStopped && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(20);
        }

        _stop = true;
        _wake.Set();
        _thread.Join(2000);
        _channel.Close();
        _wake.Dispose();
    }

    private void Do(Action action)
    {
        lock (_gate)
        {
            action();
        }

        _wake.Set();
    }

    private void Run()
    {
        while (!_stop)
        {
            long next;
            lock (_gate)
            {
                _ua.Poll();
                next = _ua.NextDueMilliseconds;
            }

            long sleep = Math.Clamp(next - Environment.TickCount64, 1, 100);
            _wake.WaitOne((int)sleep);
        }
    }
}
