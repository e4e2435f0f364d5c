using System;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Threading;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Device
{
    /// <summary>
    /// <see cref="ISipChannel"/> over System.Net.Sockets: a UDP socket bound to the local SIP port, or
    /// a TCP connection to the server. One receive thread and one receive buffer, allocated in
    /// <see cref="Open"/>; a receive error closes the channel and reports it through StateChanged.
    /// </summary>
    public sealed class SocketSipChannel : ISipChannel
    {
        private readonly object _sendLock = new object();
        private readonly string _host;
        private readonly int _port;
        private readonly int _localPort;
        private readonly SipTransport _transport;
        private readonly byte[] _receiveBuffer;
        private Socket _socket;
        private IPEndPoint _server;
        private Thread _receiver;
        private bool _connected;
        private string _localAddress = "0.0.0.0";

        /// <summary>A channel to <paramref name="host"/>:<paramref name="port"/>; nothing happens before <see cref="Open"/>.</summary>
        public SocketSipChannel(string host, int port, SipTransport transport, int localPort, int receiveBufferBytes)
        {
            _host = host;
            _port = port;
            _transport = transport;
            _localPort = localPort;
            _receiveBuffer = new byte[receiveBufferBytes];
        }

        /// <inheritdoc/>
        public SipTransport Transport => _transport;

        /// <inheritdoc/>
        public bool IsConnected => _connected;

        /// <inheritdoc/>
        public string LocalAddress => _localAddress;

        /// <inheritdoc/>
        public int LocalPort => _localPort;

        /// <inheritdoc/>
        public SipDataReceived Received { get; set; }

        /// <inheritdoc/>
        public SipChannelStateChanged StateChanged { get; set; }

        /// <inheritdoc/>
        public bool Open()
        {
            Close();
            try
            {
                _server = new IPEndPoint(Resolve(_host), _port);
                _localAddress = NetworkInterface.GetAllNetworkInterfaces()[0].IPv4Address;
                if (_transport == SipTransport.Udp)
                {
                    _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    _socket.Bind(new IPEndPoint(IPAddress.Any, _localPort));
                }
                else
                {
                    _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    _socket.Connect(_server);
                }

                _receiver = new Thread(ReceiveLoop);
                _receiver.Start();
                SetConnected(true);
                return true;
            }
            catch (Exception)
            {
                Close();
                return false;
            }
        }

        /// <inheritdoc/>
        public void Close()
        {
            Socket socket = _socket;
            _socket = null;
            if (socket != null)
            {
                // Closing makes the blocked Receive throw, which ends the receive thread.
                socket.Close();
            }

            SetConnected(false);
        }

        /// <inheritdoc/>
        public bool Send(byte[] buffer, int offset, int count)
        {
            lock (_sendLock)
            {
                Socket socket = _socket;
                if (socket == null || !_connected)
                {
                    return false;
                }

                try
                {
                    int sent = _transport == SipTransport.Udp
                        ? socket.SendTo(buffer, offset, count, SocketFlags.None, _server)
                        : socket.Send(buffer, offset, count, SocketFlags.None);
                    return sent == count;
                }
                catch (SocketException)
                {
                    if (_transport == SipTransport.Tcp)
                    {
                        Close();
                    }

                    return false;
                }
            }
        }

        private static IPAddress Resolve(string host)
        {
            char first = host[0];
            if (first >= '0' && first <= '9')
            {
                return IPAddress.Parse(host);
            }

            return Dns.GetHostEntry(host).AddressList[0];
        }

        private void ReceiveLoop()
        {
            Socket socket = _socket;
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            try
            {
                while (socket == _socket)
                {
                    int count = _transport == SipTransport.Udp
                        ? socket.ReceiveFrom(_receiveBuffer, 0, _receiveBuffer.Length, SocketFlags.None, ref from)
                        : socket.Receive(_receiveBuffer, 0, _receiveBuffer.Length, SocketFlags.None);
                    if (count <= 0)
                    {
                        // TCP: the server closed the connection.
                        break;
                    }

                    SipDataReceived received = Received;
                    if (received != null)
                    {
                        received(_receiveBuffer, 0, count);
                    }
                }
            }
            catch (Exception)
            {
                // The socket was closed or failed; either way this thread is done.
            }

            if (socket == _socket)
            {
                Close();
            }
        }

        private void SetConnected(bool connected)
        {
            if (_connected == connected)
            {
                return;
            }

            _connected = connected;
            SipChannelStateChanged changed = StateChanged;
            if (changed != null)
            {
                changed(connected);
            }
        }
    }
}
