using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Dashboard;
using SimpleImGateway.Companion.Dashboard.Tracing;
using SimpleImGateway.Companion.Hosting;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Support;

namespace SimpleImGateway.Companion.Tests.Dashboard.Support
{
    /// <summary>
    /// The host of <c>serve</c> built the way <see cref="CompanionHost.BuildServer"/> builds it (options, storage,
    /// dashboard, SIP elements of the role), with a hook to register SIP element implementations, on free loopback
    /// ports and a SQLite database in a temporary directory; started as <c>serve</c> starts it.
    /// </summary>
    public sealed class DashboardTestHost : IAsyncDisposable
    {
        private readonly TempDirectory _temp;
        private readonly IHost _host;

        private DashboardTestHost(TempDirectory temp, IHost host)
        {
            _temp = temp;
            _host = host;
            DashboardOptions dashboard = host.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;
            BaseAddress = new Uri($"http://{dashboard.Address}:{dashboard.Port}/");
            Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        }

        public Uri BaseAddress { get; }

        /// <summary>A client of the dashboard; it sends no token unless told to.</summary>
        public HttpClient Http { get; }

        public IServiceProvider Services => _host.Services;

        public IStorageProvider Storage => Services.GetRequiredService<IStorageProvider>();

        public SipTraceBuffer Trace => Services.GetRequiredService<SipTraceBuffer>();

        public string Domain => Services.GetRequiredService<IOptions<SipOptions>>().Value.Domain;

        public int CorePort => Services.GetRequiredService<IOptions<CoreOptions>>().Value.Port;

        /// <summary>Builds and starts the host. <paramref name="json"/> is the <c>--config</c> file's content.</summary>
        public static async Task<DashboardTestHost> StartAsync(string json = "{}", ServerRole role = ServerRole.Core, Action<IServiceCollection>? elements = null)
        {
            var temp = new TempDirectory();
            try
            {
                var settings = new CompanionHostSettings
                {
                    ConfigFile = ConfigFile.Write(temp, json),
                    DataDirectory = temp.Combine("data"),
                    Role = role,
                    IsServer = true,
                    ConfigureLogging = logging => logging.ClearProviders(),
                };
                HostApplicationBuilder builder = CompanionHost.CreateBuilder(settings);
                elements?.Invoke(builder.Services);
                builder.Services.AddDashboard();
                builder.Services.AddSipElements(role);
                IHost host = builder.Build();
                try
                {
                    CompanionHost.ValidateOptions(host.Services);
                    host.Services.GetRequiredService<SipListenerSockets>().BindAll();
                    await host.Services.GetRequiredService<IStorageProvider>().MigrateAsync();
                    await host.StartAsync();
                    return new DashboardTestHost(temp, host);
                }
                catch
                {
                    host.Dispose();
                    throw;
                }
            }
            catch
            {
                temp.Dispose();
                throw;
            }
        }

        /// <summary>GETs a path and parses its JSON body, asserting the status code.</summary>
        public async Task<JsonElement> GetJsonAsync(string path, int expectedStatus = 200, string? bearer = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            using HttpResponseMessage response = await Http.SendAsync(request);
            string body = await response.Content.ReadAsStringAsync();
            Microsoft.VisualStudio.TestTools.UnitTesting.Assert.AreEqual(expectedStatus, (int)response.StatusCode, $"GET {path}: {body}");
            Microsoft.VisualStudio.TestTools.UnitTesting.StringAssert.StartsWith(response.Content.Headers.ContentType?.MediaType, "application/json", $"GET {path}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            try
            {
                await _host.StopAsync(TimeSpan.FromSeconds(5));
            }
            finally
            {
                if (_host is IAsyncDisposable asyncDisposable)
                {
                    await asyncDisposable.DisposeAsync();
                }
                else
                {
                    _host.Dispose();
                }

                _temp.Dispose();
            }
        }
    }
}
