using Microsoft.Extensions.DependencyInjection;
using SimpleImGateway.Companion.Hosting;

namespace SimpleImGateway.Companion.Presence
{
    /// <summary>Registers the Presence Server element.</summary>
    public static class PresenceServiceCollectionExtensions
    {
        /// <summary>Adds <see cref="PresenceElement"/> as the SIP element of <see cref="SipElementKind.Presence"/>.</summary>
        public static IServiceCollection AddPresenceElement(this IServiceCollection services)
        {
            services.AddSingleton<PresenceElement>();
            services.AddKeyedSingleton<Transport.SipElement>(SipElementKind.Presence, (sp, _) => sp.GetRequiredService<PresenceElement>());
            return services;
        }
    }
}
