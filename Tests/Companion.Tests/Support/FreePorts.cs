using System.Net;
using System.Net.Sockets;

namespace SimpleImGateway.Companion.Tests.Support
{
    /// <summary>Finds loopback ports that are free for both UDP and TCP at the moment of asking.</summary>
    public static class FreePorts
    {
        public static int Next()
        {
            while (true)
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                int port = ((IPEndPoint)udp.LocalEndPoint!).Port;
                if (IsTcpFree(port))
                {
                    return port;
                }
            }
        }

        public static bool IsUdpFree(int port)
        {
            try
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        public static bool IsTcpFree(int port)
        {
            try
            {
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                tcp.Listen(1);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
