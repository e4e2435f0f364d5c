using System.Net;
using System.Net.Sockets;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Simulator.Host;

/// <summary>SIP over one TCP connection to the server.</summary>
public sealed class TcpSipChannel : SocketSipChannelBase
{
    private const int ConnectTimeoutMilliseconds = 5000;

    /// <summary>Creates the channel; nothing is connected yet.</summary>
    public TcpSipChannel(string host, int port, int localPort)
        : base(host, port, localPort, 8192)
    {
    }

    /// <inheritdoc/>
    public override SipTransport Transport => SipTransport.Tcp;

    /// <inheritdoc/>
    protected override Socket Connect(IPEndPoint server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (LocalRequestedPort != 0)
            {
                socket.Bind(new IPEndPoint(IPAddress.Any, LocalRequestedPort));
            }

            using var timeout = new CancellationTokenSource(ConnectTimeoutMilliseconds);
            socket.ConnectAsync(server, timeout.Token).AsTask().GetAwaiter().GetResult();
            return socket;
        }
        catch (OperationCanceledException)
        {
            socket.Dispose();
            throw new SocketException((int)SocketError.TimedOut);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    protected override bool IsFatal(SocketException error) => true;
}
