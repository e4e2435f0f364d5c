using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Configuration;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>Registers the storage provider chosen by <see cref="StorageOptions"/> and its stores.</summary>
    public static class StorageServiceCollectionExtensions
    {
        /// <summary>
        /// Registers <see cref="IStorageProvider"/> (a singleton, disposed with the container) and each store
        /// interface. The caller migrates the provider before the stores are used.
        /// </summary>
        public static IServiceCollection AddCompanionStorage(this IServiceCollection services)
        {
            services.AddSingleton(sp => StorageProviderFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
            services.AddSingleton(sp => sp.GetRequiredService<IStorageProvider>().Users);
            services.AddSingleton(sp => sp.GetRequiredService<IStorageProvider>().Bindings);
            services.AddSingleton(sp => sp.GetRequiredService<IStorageProvider>().Messages);
            services.AddSingleton(sp => sp.GetRequiredService<IStorageProvider>().Presence);
            return services;
        }
    }
}
