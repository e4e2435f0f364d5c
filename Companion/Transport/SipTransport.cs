using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Transport;

/// <summary>
/// UDP and TCP listeners of one SIP element (RFC 3261 §18). Received octets are parsed with the Shared
/// parser (datagrams) or framer (streams); a malformed request is answered with the status and reason
/// the parser names, a malformed response is dropped, and a source over its request rate gets 503.
/// Everything well formed goes to the <see cref="ISipMessageSink"/>. Sending serializes with the Shared
/// writer into a pooled buffer. Only IP addresses are routed: this transport never resolves names.
/// </summary>
public sealed class SipTransport : ISipTransportSender, IAsyncDisposable
{
    private readonly SipTransportOptions _options;
    private readonly ILogger _logger;
    private readonly SourceRateLimiter _rateLimiter;
    private const int MaxCachedAddresses = 10_000;

    private readonly ConcurrentDictionary<IPEndPoint, TcpConnection> _connections = new();
    private readonly ConcurrentDictionary<(string Host, int Port), SocketAddress> _udpAddresses = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private ISipMessageSink? _sink;
    private Socket? _udp;
    private Socket? _tcpListener;

    /// <summary>Creates a transport; nothing is bound until <see cref="Start"/>.</summary>
    public SipTransport(SipTransportOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _rateLimiter = new SourceRateLimiter(options.RequestsPerSecondPerSource);
    }

    /// <summary>The bound UDP end point (after <see cref="Start"/>).</summary>
    public IPEndPoint? UdpEndPoint { get; private set; }

    /// <summary>The bound TCP end point (after <see cref="Start"/>).</summary>
    public IPEndPoint? TcpEndPoint { get; private set; }

    /// <summary>The host this element puts into its own Via and Contact headers.</summary>
    public string AdvertisedHost => UdpEndPoint?.Address.ToString() ?? TcpEndPoint?.Address.ToString() ?? _options.ListenAddress;

    /// <summary>The port this element puts into its own Via and Contact headers.</summary>
    public int AdvertisedPort => UdpEndPoint?.Port ?? TcpEndPoint?.Port ?? _options.Port;

    /// <summary>Counts of what was dropped or refused, for logs and the dashboard.</summary>
    public long MalformedCount, RateLimitedCount;

    /// <summary>Binds the configured sockets and starts receiving. Throws <see cref="PortInUseException"/>.</summary>
    public void Start(ISipMessageSink sink)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(_options.ListenAddress), _options.Port);
        for (int attempt = 1; ; attempt++)
        {
            Socket? udp = _options.Udp ? Bind(SocketType.Dgram, ProtocolType.Udp, endPoint, "UDP") : null;
            Socket? tcp = null;
            if (_options.Tcp)
            {
                // With port 0, TCP takes the port UDP got so one number names the element. That number may
                // already be someone's TCP port: then both are given back and another pair is tried.
                var tcpEndPoint = udp is not null && _options.Port == 0 ? (IPEndPoint)udp.LocalEndPoint! : endPoint;
                try
                {
                    tcp = Bind(SocketType.Stream, ProtocolType.Tcp, tcpEndPoint, "TCP");
                }
                catch (PortInUseException) when (udp is not null && _options.Port == 0 && attempt < 20)
                {
                    udp.Dispose();
                    continue;
                }
                catch
                {
                    udp?.Dispose();
                    throw;
                }

                tcp.Listen(512);
            }

            Start(sink, udp, tcp);
            return;
        }
    }

    /// <summary>
    /// Starts receiving on sockets bound earlier (the host binds every element's ports before starting any,
    /// so a port in use is reported before anything runs). The transport owns the sockets from now on.
    /// </summary>
    public void Start(ISipMessageSink sink, Socket? boundUdp, Socket? listeningTcp)
    {
        _sink = sink;
        _udp = boundUdp;
        _tcpListener = listeningTcp;

        // Kept, not read from the sockets, so the element can still name itself while it shuts down.
        UdpEndPoint = (IPEndPoint?)boundUdp?.LocalEndPoint;
        TcpEndPoint = (IPEndPoint?)listeningTcp?.LocalEndPoint;
        if (_udp is not null)
        {
            _udp.ReceiveBufferSize = 4 * 1024 * 1024;
            var udpDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var receiver = new Thread(() =>
            {
                try
                {
                    UdpReceiveLoop();
                }
                finally
                {
                    udpDone.TrySetResult();
                }
            })
            {
                IsBackground = true,
                Name = "sip-udp-" + _options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            receiver.Start();
            _loops.Add(udpDone.Task);
        }

        if (_tcpListener is not null)
        {
            _loops.Add(Task.Run(TcpAcceptLoop));
        }
    }

    /// <inheritdoc/>
    public void Send(SipMessage message, SipEndPoint destination)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(_options.MaxMessageSize);
        try
        {
            int length = SipMessageWriter.Write(message, buffer, 0);
            if (destination.IsReliable)
            {
                GetOrConnect(ToIPEndPoint(destination)).Send(buffer, 0, length);
            }
            else
            {
                if (_udp is null)
                {
                    throw new InvalidOperationException("UDP is not enabled on this element");
                }

                _udp.SendTo(buffer.AsSpan(0, length), SocketFlags.None, UdpAddress(destination));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The socket address of a UDP destination, parsed once: a busy element sends to the same few peers.
    private SocketAddress UdpAddress(SipEndPoint destination)
    {
        var key = (destination.Host, destination.Port);
        if (_udpAddresses.TryGetValue(key, out SocketAddress? address))
        {
            return address;
        }

        address = ToIPEndPoint(destination).Serialize();
        if (_udpAddresses.Count >= MaxCachedAddresses)
        {
            _udpAddresses.Clear(); // bounded: many one-off peers must not grow it forever
        }

        _udpAddresses[key] = address;
        return address;
    }

    /// <summary>Sends raw octets (a keep-alive pong, a stateless error built from bytes).</summary>
    public void SendRaw(byte[] data, SipEndPoint destination)
    {
        IPEndPoint target = ToIPEndPoint(destination);
        if (destination.IsReliable)
        {
            GetOrConnect(target).Send(data, 0, data.Length);
        }
        else
        {
            _udp?.SendTo(data, target);
        }
    }

    /// <summary>Maps a Shared end point to a socket address; names other than "localhost" are refused.</summary>
    public static IPEndPoint ToIPEndPoint(SipEndPoint endPoint)
    {
        string host = endPoint.Host.Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            host = "127.0.0.1";
        }

        if (!IPAddress.TryParse(host, out IPAddress? address))
        {
            throw new InvalidOperationException($"cannot send to '{endPoint.Host}': only IP addresses are routed (no DNS)");
        }

        return new IPEndPoint(address, endPoint.Port);
    }

    private Socket Bind(SocketType type, ProtocolType protocol, IPEndPoint endPoint, string name)
    {
        var socket = new Socket(endPoint.AddressFamily, type, protocol);
        try
        {
            socket.Bind(endPoint);
            return socket;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            throw new PortInUseException(name, endPoint.ToString(), e);
        }
    }

    // A dedicated thread in a blocking receive: no thread-pool hop and no state machine per datagram. The
    // source of the previous datagram is reused when the next comes from the same address (a busy peer).
    private void UdpReceiveLoop()
    {
        byte[] buffer = new byte[_options.MaxMessageSize + 1];
        var address = new SocketAddress(_udp!.AddressFamily);
        SocketAddress? lastAddress = null;
        IPEndPoint? lastFrom = null;
        SipEndPoint? lastSource = null;
        while (!_stop.IsCancellationRequested)
        {
            int received;
            try
            {
                received = _udp.ReceiveFrom(buffer, SocketFlags.None, address);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.MessageSize)
            {
                continue; // ICMP port unreachable from an earlier send, or an oversized datagram
            }
            catch (SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            if (lastAddress is null || !lastAddress.Equals(address))
            {
                lastFrom = (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(address);
                lastSource = new SipEndPoint(lastFrom.Address.ToString(), lastFrom.Port, SipTransportType.Udp);
                lastAddress = new SocketAddress(address.Family, address.Size);
                address.Buffer.Span.CopyTo(lastAddress.Buffer.Span);
            }

            if (received > _options.MaxMessageSize)
            {
                Reject(buffer, 0, received, lastSource!, 513, "Message Too Large");
                continue;
            }

            try
            {
                HandleDatagram(buffer, received, lastSource!, lastFrom!.Address);
            }
            catch (Exception e)
            {
                // Whatever one datagram does, the receive thread goes on.
                _logger.LogError(e, "Handling a datagram from {Source} failed", lastSource);
            }
        }
    }

    private void HandleDatagram(byte[] buffer, int count, SipEndPoint source, IPAddress sourceAddress)
    {
        if (IsKeepAlive(buffer, count))
        {
            return; // RFC 5626 double-CRLF ping over UDP, or stray CRLFs: nothing to parse
        }

        SipMessage message;
        try
        {
            message = SipMessageParser.Parse(buffer, 0, count);
        }
        catch (SipParseException e)
        {
            Reject(buffer, 0, count, source, e.StatusCode, e.Reason);
            return;
        }

        Deliver(message, source, sourceAddress);
    }

    private void Deliver(SipMessage message, SipEndPoint source, IPAddress sourceAddress)
    {
        if (message.IsRequest && !_rateLimiter.TryAcquire(sourceAddress))
        {
            Interlocked.Increment(ref RateLimitedCount);
            if (message.Method != SipMethods.Ack)
            {
                SipMessage busy = SipResponseBuilder.Create(message, 503, "Too many requests from this address");
                busy.Headers.Set(SipHeaderNames.RetryAfter, "1");
                TrySend(busy, source);
            }

            return;
        }

        _sink!.OnMessage(message, source);
    }

    private void Reject(byte[] buffer, int offset, int count, SipEndPoint source, int status, string reason)
    {
        Interlocked.Increment(ref MalformedCount);
        if (!MalformedRequestResponder.LooksLikeRequest(buffer, offset, count))
        {
            _logger.LogDebug("Dropped a malformed response from {Source}: {Reason}", source, reason);
            return;
        }

        _logger.LogInformation("Malformed request from {Source} answered {Status}: {Reason}", source, status, reason);
        byte[]? response = MalformedRequestResponder.Build(buffer, offset, count, status, reason);
        if (response is not null)
        {
            try
            {
                SendRaw(response, source);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                _logger.LogDebug("Could not answer {Source}: {Error}", source, e.Message);
            }
        }
    }

    private void TrySend(SipMessage message, SipEndPoint destination)
    {
        try
        {
            Send(message, destination);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            _logger.LogDebug("Could not send to {Destination}: {Error}", destination, e.Message);
        }
    }

    private static bool IsKeepAlive(byte[] buffer, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (buffer[i] != '\r' && buffer[i] != '\n')
            {
                return false;
            }
        }

        return true;
    }

    private async Task TcpAcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _tcpListener!.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            if (_connections.Count >= _options.MaxTcpConnections)
            {
                _logger.LogWarning("Refused a TCP connection from {Remote}: {Max} connections open", client.RemoteEndPoint, _options.MaxTcpConnections);
                client.Dispose();
                continue;
            }

            Track(new TcpConnection(client, this));
        }
    }

    private TcpConnection GetOrConnect(IPEndPoint target)
    {
        if (_connections.TryGetValue(target, out TcpConnection? existing) && existing.IsOpen)
        {
            return existing;
        }

        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (!socket.ConnectAsync(target).Wait(TimeSpan.FromSeconds(3)))
            {
                throw new SocketException((int)SocketError.TimedOut);
            }
        }
        catch (AggregateException e) when (e.InnerException is SocketException se)
        {
            socket.Dispose();
            throw se;
        }

        return Track(new TcpConnection(socket, this));
    }

    private TcpConnection Track(TcpConnection connection)
    {
        _connections[connection.Remote] = connection;
        _loops.RemoveAll(t => t.IsCompleted);
        _loops.Add(Task.Run(() => ReadConnection(connection)));
        return connection;
    }

    private async Task ReadConnection(TcpConnection connection)
    {
        var framer = new SipStreamFramer(_options.MaxMessageSize);
        byte[] chunk = new byte[16384];
        var source = new SipEndPoint(connection.Remote.Address.ToString(), connection.Remote.Port, SipTransportType.Tcp);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                int read = await connection.ReceiveAsync(chunk, TimeSpan.FromSeconds(_options.TcpIdleTimeoutSeconds), _stop.Token);
                if (read == 0)
                {
                    return;
                }

                int taken = 0;
                while (taken < read)
                {
                    taken += framer.Append(chunk, taken, read - taken);
                    if (!DrainFrames(framer, connection, source))
                    {
                        return;
                    }
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // closed by the peer, idle too long, or stopping
        }
        finally
        {
            _connections.TryRemove(new KeyValuePair<IPEndPoint, TcpConnection>(connection.Remote, connection));
            connection.Dispose();
        }
    }

    /// <summary>Hands every complete frame on; false when the stream is broken and must be closed.</summary>
    private bool DrainFrames(SipStreamFramer framer, TcpConnection connection, SipEndPoint source)
    {
        while (true)
        {
            SipFrameKind kind;
            try
            {
                kind = framer.Read();
            }
            catch (SipParseException e)
            {
                // The framing is lost: answer what can be answered and close (RFC 3261 §18.3).
                Reject(framer.FrameBuffer, framer.FrameOffset, Math.Max(framer.FrameLength, Math.Min(framer.BufferedCount, 4096)), source, e.StatusCode, e.Reason);
                return false;
            }

            switch (kind)
            {
                case SipFrameKind.None:
                    return true;
                case SipFrameKind.KeepAlivePing:
                    connection.Send("\r\n"u8.ToArray(), 0, 2);
                    continue;
                case SipFrameKind.KeepAlivePong:
                    continue;
            }

            SipMessage message;
            try
            {
                message = new SipMessageParser().ParseStreamMessage(framer.FrameBuffer, framer.FrameOffset, framer.FrameLength);
            }
            catch (SipParseException e)
            {
                Reject(framer.FrameBuffer, framer.FrameOffset, framer.FrameLength, source, e.StatusCode, e.Reason);
                continue; // the frame was delimited, so the stream is still in step
            }

            Deliver(message, source, connection.Remote.Address);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _udp?.Dispose();
        _tcpListener?.Dispose();
        foreach (TcpConnection connection in _connections.Values)
        {
            connection.Dispose();
        }

        try
        {
            await Task.WhenAll(_loops.ToArray()).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception)
        {
            // loops end with cancellation or disposal errors; nothing to report at shutdown
        }

        _stop.Dispose();
    }
}
