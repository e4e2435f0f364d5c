using System.Net.Sockets;

namespace SimpleImGateway.Companion.Hosting
{
    /// <summary>A bound socket and the endpoint it was bound for; owned by <see cref="SipListenerSockets"/>.</summary>
    /// <param name="Endpoint">What the socket was bound for.</param>
    /// <param name="Socket">The bound socket (a TCP socket is already listening).</param>
    public sealed record BoundListener(ListenerEndpoint Endpoint, Socket Socket);
}
