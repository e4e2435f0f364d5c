using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Hosting;
using SimpleImGateway.Companion.Transport;

namespace SimpleImGateway.Companion.Dashboard.Tracing
{
    /// <summary>
    /// Feeds <see cref="SipTraceBuffer"/> from the <see cref="SipElement.Traced"/> event of every element of the
    /// configured role that has an implementation (the keyed <see cref="SipElement"/> singletons). It is
    /// registered before the elements' hosted services, so it subscribes before the first message flows.
    /// The configured endpoints of all three elements are named, so a remote element reads as "presence"
    /// rather than an address in a split deployment.
    /// </summary>
    internal sealed class SipTraceCollector : IHostedService
    {
        private readonly IServiceProvider _services;
        private readonly SipTraceBuffer _buffer;
        private readonly ServerRole _role;
        private readonly bool _enabled;
        private readonly IReadOnlyDictionary<SipElementKind, SipElementOptions> _endpoints;
        private readonly List<SipElement> _subscribed = [];

        public SipTraceCollector(
            IServiceProvider services,
            SipTraceBuffer buffer,
            IOptions<CompanionOptions> companion,
            IOptions<DashboardOptions> dashboard,
            IOptions<CoreOptions> core,
            IOptions<PresenceOptions> presence,
            IOptions<ImOptions> im)
        {
            _services = services;
            _buffer = buffer;
            _role = companion.Value.Role;
            _enabled = dashboard.Value.Enabled;
            _endpoints = new Dictionary<SipElementKind, SipElementOptions>
            {
                [SipElementKind.Core] = core.Value,
                [SipElementKind.Presence] = presence.Value,
                [SipElementKind.Im] = im.Value,
            };
        }

        /// <summary>The elements whose traces are collected (after start).</summary>
        public IReadOnlyList<SipElement> Elements => _subscribed;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!_enabled)
            {
                // Nobody reads the ladder: the elements run without a trace subscriber.
                return Task.CompletedTask;
            }

            var local = new HashSet<SipElementKind>(_role.Elements());
            foreach ((SipElementKind kind, SipElementOptions options) in _endpoints)
            {
                SipElement? element = local.Contains(kind) ? _services.GetKeyedService<SipElement>(kind) : null;
                string name = element?.Name ?? kind.ToString().ToLowerInvariant();
                _buffer.AddElement(name, $"{options.Address}:{options.Port}", local: element is not null);
                if (element is not null && !_subscribed.Contains(element))
                {
                    element.Traced += _buffer.Record;
                    _subscribed.Add(element);
                }
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            foreach (SipElement element in _subscribed)
            {
                element.Traced -= _buffer.Record;
            }

            _subscribed.Clear();
            return Task.CompletedTask;
        }
    }
}
