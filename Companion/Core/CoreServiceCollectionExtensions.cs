using System.Collections.Generic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Core.Configuration;
using SimpleImGateway.Companion.Hosting;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Core
{
    /// <summary>Registers the SIP/IP Core element.</summary>
    public static class CoreServiceCollectionExtensions
    {
        /// <summary>
        /// Adds <see cref="CoreElement"/> as the <see cref="SipElementKind.Core"/> element, built from the
        /// <c>Core</c>, <c>Sip</c> and <c>Storage</c> options and the user and binding stores.
        /// </summary>
        public static IServiceCollection AddCoreElement(this IServiceCollection services)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CoreOptions>, CoreOptionsValidator>());
            services.AddSingleton(sp =>
            {
                string domain = sp.GetRequiredService<IOptions<SipOptions>>().Value.Domain;
                var failures = new List<string>();
                IReadOnlyDictionary<string, SipElementOptions> elements = HostedElements(
                    sp.GetRequiredService<IOptions<PresenceOptions>>().Value, sp.GetRequiredService<IOptions<ImOptions>>().Value);
                CoreSettings settings = CoreSettings.Create(sp.GetRequiredService<IOptions<CoreOptions>>().Value, domain, failures, elements)
                    ?? throw new CompanionConfigurationException(string.Join("; ", failures));
                return new CoreElement(
                    settings,
                    sp.GetRequiredService<IUserStore>(),
                    sp.GetRequiredService<IBindingStore>(),
                    sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory,
                    sp.GetRequiredService<ILoggerFactory>());
            });
            services.AddKeyedSingleton<Transport.SipElement>(SipElementKind.Core, (sp, _) => sp.GetRequiredService<CoreElement>());
            return services;
        }

        /// <summary>The element sections that application-server entries of the same name take their address from.</summary>
        internal static IReadOnlyDictionary<string, SipElementOptions> HostedElements(PresenceOptions presence, ImOptions im) =>
            new Dictionary<string, SipElementOptions>(System.StringComparer.OrdinalIgnoreCase)
            {
                [CoreOptions.PresenceServerName] = presence,
                [CoreOptions.ImServerName] = im,
            };
    }
}
