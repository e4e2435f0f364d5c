using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Dashboard.Tracing;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Dashboard
{
    /// <summary>Registers the operator dashboard of <c>serve</c>.</summary>
    public static class DashboardServiceCollectionExtensions
    {
        /// <summary>
        /// Adds the SIP trace buffer, its collector and the dashboard's HTTP server (when <c>Dashboard:Enabled</c>).
        /// Call it before the SIP elements are added so the collector subscribes before they start and the
        /// dashboard's port is taken before any SIP traffic flows.
        /// </summary>
        public static IServiceCollection AddDashboard(this IServiceCollection services)
        {
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton(_ => new SipTraceBuffer());
            services.AddSingleton<SipTraceCollector>();
            services.AddSingleton(sp =>
            {
                SipTraceCollector collector = sp.GetRequiredService<SipTraceCollector>();
                return new DashboardQueries(
                    sp.GetRequiredService<IStorageProvider>(),
                    sp.GetRequiredService<SipTraceBuffer>(),
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<IOptions<SipOptions>>(),
                    sp.GetRequiredService<IOptions<CompanionOptions>>(),
                    () => collector.Elements);
            });
            services.AddSingleton<DashboardServer>();
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<SipTraceCollector>());
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DashboardServer>());
            return services;
        }
    }
}
