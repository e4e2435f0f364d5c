using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Hosting;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>Registers the IM Server element for the host.</summary>
    public static class ImServiceCollectionExtensions
    {
        /// <summary>Adds <see cref="ImElement"/> as the <see cref="SipElementKind.Im"/> SIP element.</summary>
        public static IServiceCollection AddImElement(this IServiceCollection services)
        {
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton(sp => new ImElement(
                sp.GetRequiredService<IOptions<ImOptions>>().Value,
                sp.GetRequiredService<IOptions<SipOptions>>().Value,
                sp.GetRequiredService<IMessageStore>(),
                sp.GetRequiredService<IUserStore>(),
                sp.GetRequiredService<ILogger<ImElement>>(),
                sp.GetRequiredService<TimeProvider>()));
            services.AddKeyedSingleton<Transport.SipElement>(SipElementKind.Im, (sp, _) => sp.GetRequiredService<ImElement>());
            return services;
        }
    }
}
