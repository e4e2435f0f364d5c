using System.Net;
using System.Net.Sockets;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Simulator.Host;

/// <summary>SIP over UDP: one socket connected to the server, so only its datagrams arrive.</summary>
public sealed class UdpSipChannel : SocketSipChannelBase
{
    /// <summary>Creates the channel; nothing is opened yet.</summary>
    public UdpSipChannel(string host, int port, int localPort)
        : base(host, port, localPort, 65535)
    {
    }

    /// <inheritdoc/>
    public override SipTransport Transport => SipTransport.Udp;

    /// <inheritdoc/>
    protected override Socket Connect(IPEndPoint server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Any, LocalRequestedPort));
        socket.Connect(server);
        return socket;
    }

    // A datagram that found no listener comes back as an ICMP error on the next receive; the server may just be restarting.
    /// <inheritdoc/>
    protected override bool IsFatal(SocketException error)
        => error.SocketErrorCode is not (SocketError.ConnectionRefused or SocketError.ConnectionReset or SocketError.MessageSize);
}
