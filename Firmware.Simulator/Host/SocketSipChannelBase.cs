using System.Net;
using System.Net.Sockets;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Simulator.Host;

/// <summary>What the UDP and TCP channels share: the server address, the receive thread and the callbacks.</summary>
public abstract class SocketSipChannelBase : ISipChannel
{
    private readonly object _sync = new();
    private readonly byte[] _receiveBuffer;
    private Socket? _socket;
    private Thread? _thread;

    /// <summary>Creates a channel to <paramref name="host"/>:<paramref name="port"/> from <paramref name="localPort"/> (0: any).</summary>
    protected SocketSipChannelBase(string host, int port, int localPort, int receiveBufferSize)
    {
        Host = host;
        Port = port;
        LocalRequestedPort = localPort;
        _receiveBuffer = new byte[receiveBufferSize];
    }

    /// <summary>The server host.</summary>
    public string Host { get; }

    /// <summary>The server port.</summary>
    public int Port { get; }

    /// <summary>Why the last Open or Send failed, or null.</summary>
    public string? LastError { get; protected set; }

    /// <inheritdoc/>
    public abstract SipTransport Transport { get; }

    /// <inheritdoc/>
    public bool IsConnected { get; private set; }

    /// <inheritdoc/>
    public string LocalAddress { get; private set; } = "0.0.0.0";

    /// <inheritdoc/>
    public int LocalPort { get; private set; }

    /// <inheritdoc/>
    public SipDataReceived? Received { get; set; }

    /// <inheritdoc/>
    public SipChannelStateChanged? StateChanged { get; set; }

    /// <summary>The local port asked for.</summary>
    protected int LocalRequestedPort { get; }

    /// <inheritdoc/>
    public bool Open()
    {
        lock (_sync)
        {
            CloseSocket();
            try
            {
                IPAddress server = Resolve(Host);
                Socket socket = Connect(new IPEndPoint(server, Port));
                var local = (IPEndPoint)socket.LocalEndPoint!;
                LocalAddress = local.Address.ToString();
                LocalPort = local.Port;
                _socket = socket;
                IsConnected = true;
                LastError = null;
                _thread = new Thread(() => ReceiveLoop(socket)) { IsBackground = true, Name = Transport + " receive" };
                _thread.Start();
            }
            catch (Exception e) when (e is SocketException or IOException or ArgumentException)
            {
                LastError = e.Message;
                IsConnected = false;
                return false;
            }
        }

        StateChanged?.Invoke(true);
        return true;
    }

    /// <inheritdoc/>
    public void Close()
    {
        lock (_sync)
        {
            CloseSocket();
        }
    }

    /// <inheritdoc/>
    public bool Send(byte[] buffer, int offset, int count)
    {
        Socket? socket = _socket;
        if (socket == null || !IsConnected)
        {
            return false;
        }

        try
        {
            int sent = 0;
            while (sent < count)
            {
                sent += socket.Send(buffer, offset + sent, count - sent, SocketFlags.None);
            }

            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            LastError = e.Message;
            return false;
        }
    }

    /// <summary>Creates, binds and connects the socket.</summary>
    protected abstract Socket Connect(IPEndPoint server);

    /// <summary>Whether a receive error means the channel is gone (TCP) or can be ignored (an ICMP error on UDP).</summary>
    protected abstract bool IsFatal(SocketException error);

    private static IPAddress Resolve(string host)
    {
        if (IPAddress.TryParse(host, out IPAddress? address))
        {
            return address;
        }

        foreach (IPAddress candidate in Dns.GetHostAddresses(host))
        {
            if (candidate.AddressFamily == AddressFamily.InterNetwork)
            {
                return candidate;
            }
        }

        throw new ArgumentException("no IPv4 address for " + host);
    }

    private void CloseSocket()
    {
        Socket? socket = _socket;
        _socket = null;
        IsConnected = false;
        if (socket != null)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // already gone
            }

            socket.Close();
        }
    }

    private void ReceiveLoop(Socket socket)
    {
        while (true)
        {
            int n;
            bool failed = false;
            try
            {
                n = socket.Receive(_receiveBuffer, 0, _receiveBuffer.Length, SocketFlags.None);
            }
            catch (SocketException e) when (!IsFatal(e) && socket == _socket)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                LastError = e.Message;
                n = 0;
                failed = true;
            }

            if (n == 0 && !failed && Transport == SipTransport.Udp)
            {
                continue; // an empty datagram
            }

            if (n == 0)
            {
                bool wasCurrent;
                lock (_sync)
                {
                    wasCurrent = socket == _socket;
                    if (wasCurrent)
                    {
                        IsConnected = false;
                    }
                }

                if (wasCurrent)
                {
                    StateChanged?.Invoke(false);
                }

                return;
            }

            Received?.Invoke(_receiveBuffer, 0, n);
        }
    }
}
