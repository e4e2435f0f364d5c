using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Core;
using SimpleImGateway.Companion.Im;

namespace SimpleImGateway.Companion.Hosting
{
    /// <summary>Registers the listening sockets and one hosted service per SIP element of a role.</summary>
    public static class SipElementServiceCollectionExtensions
    {
        /// <summary>Adds <see cref="SipListenerSockets"/> and the hosted service of each element in <paramref name="role"/>.</summary>
        public static IServiceCollection AddSipElements(this IServiceCollection services, ServerRole role)
        {
            services.AddSingleton<SipListenerSockets>();
            if (role is ServerRole.All or ServerRole.Presence)
            {
                Presence.PresenceServiceCollectionExtensions.AddPresenceElement(services);
            }

            foreach (SipElementKind element in role.Elements())
            {
                if (element == SipElementKind.Core)
                {
                    services.AddCoreElement();
                }

                if (element == SipElementKind.Im)
                {
                    services.AddImElement();
                }

                services.AddSingleton<IHostedService>(sp => new SipElementService(
                    element,
                    sp.GetRequiredService<SipListenerSockets>(),
                    sp.GetKeyedService<Transport.SipElement>(element),
                    sp.GetRequiredService<ILogger<SipElementService>>()));
            }

            return services;
        }
    }
}
