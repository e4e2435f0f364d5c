using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SimpleImGateway.Companion.Hosting
{
    /// <summary>
    /// The hosted service of one SIP element: it takes the element's bound sockets on start. The transport,
    /// registrar, proxy and servers attach here once the Shared parser is merged; until then the element
    /// holds its ports and answers nothing.
    /// </summary>
    internal sealed partial class SipElementService : IHostedService
    {
        private readonly SipElementKind _element;
        private readonly SipListenerSockets _sockets;
        private readonly ILogger<SipElementService> _logger;
        private readonly Transport.SipElement? _implementation;

        public SipElementService(SipElementKind element, SipListenerSockets sockets, Transport.SipElement? implementation, ILogger<SipElementService> logger)
        {
            _element = element;
            _sockets = sockets;
            _implementation = implementation;
            _logger = logger;
        }

        public SipElementKind Element => _element;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            IReadOnlyList<BoundListener> listeners = _sockets.For(_element);
            if (listeners.Count == 0)
            {
                throw new InvalidOperationException($"the sockets of {_element} were not bound before the host started");
            }

            foreach (BoundListener listener in listeners)
            {
                LogListening(_element, listener.Endpoint.Transport.ToString().ToLowerInvariant(), listener.Endpoint.EndPoint.ToString());
            }

            if (_implementation is null)
            {
                LogNoImplementation(_element);
                return Task.CompletedTask;
            }

            Socket? udp = listeners.FirstOrDefault(l => l.Endpoint.Transport == ListenerTransport.Udp)?.Socket;
            Socket? tcp = listeners.FirstOrDefault(l => l.Endpoint.Transport == ListenerTransport.Tcp)?.Socket;
            _sockets.HandOver(_element);
            _implementation.Start(udp, tcp);
            return Task.CompletedTask;
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (_implementation is not null)
            {
                await _implementation.DisposeAsync();
            }

            LogStopped(_element);
        }

        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "{Element} listening on {Transport} {EndPoint}")]
        private partial void LogListening(SipElementKind element, string transport, string endPoint);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "{Element} has no SIP element implementation registered; its ports are bound but unanswered")]
        private partial void LogNoImplementation(SipElementKind element);

        [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "{Element} stopped")]
        private partial void LogStopped(SipElementKind element);
    }
}
