using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace SimpleImGateway.Companion.Transport;

/// <summary>One TCP connection of a <see cref="SipTransport"/>, accepted or opened for sending.</summary>
internal sealed class TcpConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly object _sendLock = new();
    private int _disposed;

    public TcpConnection(Socket socket, SipTransport owner)
    {
        _socket = socket;
        _socket.NoDelay = true;
        Remote = (IPEndPoint)socket.RemoteEndPoint!;
    }

    public IPEndPoint Remote { get; }

    public bool IsOpen => Volatile.Read(ref _disposed) == 0 && _socket.Connected;

    public void Send(byte[] buffer, int offset, int count)
    {
        // Frames from several threads must not interleave on the stream.
        lock (_sendLock)
        {
            int sent = 0;
            while (sent < count)
            {
                sent += _socket.Send(buffer, offset + sent, count - sent, SocketFlags.None);
            }
        }
    }

    public async Task<int> ReceiveAsync(byte[] buffer, TimeSpan idleTimeout, CancellationToken stop)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop);
        idle.CancelAfter(idleTimeout);
        return await _socket.ReceiveAsync(buffer, SocketFlags.None, idle.Token);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // already reset by the peer
            }

            _socket.Dispose();
        }
    }
}
