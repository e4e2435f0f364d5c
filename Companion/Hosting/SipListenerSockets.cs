using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Configuration;

namespace SimpleImGateway.Companion.Hosting
{
    /// <summary>
    /// Binds the listening sockets of every element of the configured role before anything starts, so a port
    /// already in use or a wrong address is one clear error instead of a half-started server. The elements
    /// take their sockets from here; this object owns and closes them.
    /// </summary>
    public sealed class SipListenerSockets : IDisposable
    {
        private const int TcpBacklog = 512;

        private readonly List<BoundListener> _bound = [];
        private bool _disposed;

        /// <summary>Plans the endpoints of the role's elements from their options.</summary>
        public SipListenerSockets(
            IOptions<CompanionOptions> companion,
            IOptions<CoreOptions> core,
            IOptions<PresenceOptions> presence,
            IOptions<ImOptions> im)
        {
            var planned = new List<ListenerEndpoint>();
            foreach (SipElementKind element in companion.Value.Role.Elements())
            {
                SipElementOptions options = element switch
                {
                    SipElementKind.Core => core.Value,
                    SipElementKind.Presence => presence.Value,
                    _ => im.Value,
                };
                var endPoint = new IPEndPoint(IPAddress.Parse(options.Address), options.Port);
                if (options.Udp)
                {
                    planned.Add(new ListenerEndpoint(element, ListenerTransport.Udp, endPoint));
                }

                if (options.Tcp)
                {
                    planned.Add(new ListenerEndpoint(element, ListenerTransport.Tcp, endPoint));
                }
            }

            Endpoints = planned;
        }

        /// <summary>The endpoints to bind, in element order.</summary>
        public IReadOnlyList<ListenerEndpoint> Endpoints { get; }

        /// <summary>
        /// Binds every endpoint, or none: on failure the sockets bound so far are closed again.
        /// Throws <see cref="PortInUseException"/> when a port is taken and
        /// <see cref="CompanionConfigurationException"/> when two elements share an endpoint or an address is not local.
        /// </summary>
        public void BindAll()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_bound.Count > 0)
            {
                return;
            }

            CheckNoSharedEndpoint();
            try
            {
                foreach (ListenerEndpoint endpoint in Endpoints)
                {
                    _bound.Add(new BoundListener(endpoint, Bind(endpoint)));
                }
            }
            catch
            {
                CloseAll();
                throw;
            }
        }

        /// <summary>The bound sockets of one element; empty before <see cref="BindAll"/>.</summary>
        public IReadOnlyList<BoundListener> For(SipElementKind element) =>
            _bound.Where(b => b.Endpoint.Element == element).ToList();

        /// <summary>Closes every socket.</summary>
        /// <summary>
        /// Gives the element's sockets to its transport, which closes them from now on; they are forgotten here
        /// so a shutdown does not close them twice.
        /// </summary>
        public void HandOver(SipElementKind element) => _bound.RemoveAll(b => b.Endpoint.Element == element);

        public void Dispose()
        {
            _disposed = true;
            CloseAll();
        }

        private static Socket Bind(ListenerEndpoint endpoint)
        {
            bool udp = endpoint.Transport == ListenerTransport.Udp;
            var socket = new Socket(endpoint.EndPoint.AddressFamily, udp ? SocketType.Dgram : SocketType.Stream, udp ? ProtocolType.Udp : ProtocolType.Tcp);
            try
            {
                if (!udp)
                {
                    // Lets a restarted server bind while old connections linger in TIME_WAIT; on Linux a port
                    // another socket listens on still fails. Never for UDP, where it would allow sharing the port.
                    socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                }

                socket.Bind(endpoint.EndPoint);
                if (!udp)
                {
                    socket.Listen(TcpBacklog);
                }

                return socket;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                socket.Dispose();
                throw new PortInUseException(endpoint, e);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw new CompanionConfigurationException($"cannot listen on {endpoint}: {e.Message}", e);
            }
        }

        private void CheckNoSharedEndpoint()
        {
            foreach (IGrouping<(ListenerTransport, IPEndPoint), ListenerEndpoint> group in Endpoints.GroupBy(e => (e.Transport, e.EndPoint)))
            {
                if (group.Count() > 1)
                {
                    string elements = string.Join(" and ", group.Select(e => e.Element.ToString().ToLowerInvariant()));
                    throw new CompanionConfigurationException(
                        $"{elements} are both configured on {group.Key.Item1.ToString().ToLowerInvariant()} {group.Key.Item2}");
                }
            }
        }

        private void CloseAll()
        {
            foreach (BoundListener listener in _bound)
            {
                listener.Socket.Dispose();
            }

            _bound.Clear();
        }
    }
}
