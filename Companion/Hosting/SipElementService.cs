using System;
using System.Collections.Generic;
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
        private readonly SipElement _element;
        private readonly SipListenerSockets _sockets;
        private readonly ILogger<SipElementService> _logger;

        public SipElementService(SipElement element, SipListenerSockets sockets, ILogger<SipElementService> logger)
        {
            _element = element;
            _sockets = sockets;
            _logger = logger;
        }

        public SipElement Element => _element;

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

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            LogStopped(_element);
            return Task.CompletedTask;
        }

        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "{Element} listening on {Transport} {EndPoint}")]
        private partial void LogListening(SipElement element, string transport, string endPoint);

        [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "{Element} stopped")]
        private partial void LogStopped(SipElement element);
    }
}
