using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Registers the companion's options, bound from configuration and validated on start.</summary>
    public static class CompanionOptionsServiceCollectionExtensions
    {
        /// <summary>
        /// Binds every options section of the companion. Unknown keys in a section are errors, so a
        /// misspelt setting is reported instead of silently ignored.
        /// </summary>
        public static IServiceCollection AddCompanionOptions(this IServiceCollection services)
        {
            Add<CompanionOptions>(services, CompanionOptions.SectionName);
            Add<SipOptions>(services, SipOptions.SectionName);
            Add<CoreOptions>(services, CoreOptions.SectionName);
            Add<PresenceOptions>(services, PresenceOptions.SectionName);
            Add<ImOptions>(services, ImOptions.SectionName);
            Add<DashboardOptions>(services, DashboardOptions.SectionName);
            Add<StorageOptions>(services, StorageOptions.SectionName);

            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipOptions>, SipOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
            services.AddSingleton<IValidateOptions<CoreOptions>>(new SipElementOptionsValidator<CoreOptions>(CoreOptions.SectionName));
            services.AddSingleton<IValidateOptions<PresenceOptions>>(new SipElementOptionsValidator<PresenceOptions>(PresenceOptions.SectionName));
            services.AddSingleton<IValidateOptions<PresenceOptions>>(new PresenceOptionsValidator());
            services.AddSingleton<IValidateOptions<ImOptions>>(new SipElementOptionsValidator<ImOptions>(ImOptions.SectionName));
            services.AddSingleton<IValidateOptions<ImOptions>, ImOptionsValidator>();
            return services;
        }

        private static void Add<TOptions>(IServiceCollection services, string sectionName)
            where TOptions : class
        {
            services.AddOptions<TOptions>()
                .BindConfiguration(sectionName, binder => binder.ErrorOnUnknownConfiguration = true)
                .ValidateOnStart();
        }
    }
}
