using System;
using System.IO;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Cli;
using SimpleImGateway.Companion.Configuration;

namespace SimpleImGateway.Companion.Dashboard
{
    /// <summary>
    /// The dashboard's HTTP server: a small ASP.NET Core application (Kestrel and minimal APIs) that this
    /// hosted service of the companion's host starts and stops. It has its own request pipeline and reads
    /// the companion's state only through <see cref="DashboardQueries"/>; it logs through the companion's
    /// logger factory. Kestrel listens on <see cref="DashboardOptions.Address"/> only, with small limits.
    /// </summary>
    internal sealed partial class DashboardServer : IHostedService, IAsyncDisposable
    {
        private readonly DashboardOptions _options;
        private readonly DashboardQueries _queries;
        private readonly ILoggerFactory _loggerFactory;
        private readonly ILogger<DashboardServer> _logger;
        private WebApplication? _app;

        public DashboardServer(IOptions<DashboardOptions> options, DashboardQueries queries, ILoggerFactory loggerFactory)
        {
            _options = options.Value;
            _queries = queries;
            _loggerFactory = loggerFactory;
            _logger = loggerFactory.CreateLogger<DashboardServer>();
        }

        /// <summary>The address served, e.g. <c>http://127.0.0.1:8080</c>; null until started.</summary>
        public string? Url { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (!_options.Enabled)
            {
                LogDisabled();
                return;
            }

            var endPoint = new IPEndPoint(IPAddress.Parse(_options.Address), _options.Port);
            var access = new DashboardAccess(_options.Token);
            WebApplication app = Build(endPoint, access);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e) when (e.InnerException is AddressInUseException)
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw new CommandFailedException(ExitCodes.PortInUse, $"port already in use: tcp {endPoint} (dashboard)");
            }
            catch (IOException e)
            {
                await app.DisposeAsync().ConfigureAwait(false);
                string reason = (e.InnerException ?? e).Message.ReplaceLineEndings(" ");
                throw new CompanionConfigurationException($"cannot listen on tcp {endPoint} (dashboard): {reason}", e);
            }

            _app = app;
            Url = $"http://{endPoint}";
            LogListening(Url, access.RequiresToken ? "a token is required" : "loopback only, no token");
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (_app is not null)
            {
                await _app.StopAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync().ConfigureAwait(false);
                _app = null;
            }
        }

        private WebApplication Build(IPEndPoint endPoint, DashboardAccess access)
        {
            // The empty builder reads no configuration, environment or appsettings of its own: nothing but the
            // companion's options decides where it listens.
            WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
            {
                ApplicationName = "simpleim-dashboard",
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Services.AddLogging();
            builder.Services.AddSingleton(_loggerFactory);
            builder.Services.AddSingleton<IHostLifetime, NestedHostLifetime>();
            builder.Services.AddRoutingCore();
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxConcurrentConnections = 64;
                kestrel.Limits.MaxRequestBodySize = 0;
                kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
                kestrel.Limits.MaxRequestLineSize = 4 * 1024;
                kestrel.Listen(endPoint);
            });

            WebApplication app = builder.Build();
            app.Use(async (context, next) =>
            {
                SecurityHeaders(context.Response);
                if (!IsPublicAsset(context.Request.Path) && access.Check(context.Request) is { } refusal)
                {
                    if (refusal.Status == StatusCodes.Status401Unauthorized)
                    {
                        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"simpleim dashboard\"";
                    }

                    await DashboardEndpoints.WriteErrorAsync(context, refusal.Status, refusal.Reason).ConfigureAwait(false);
                    return;
                }

                await next(context).ConfigureAwait(false);
            });
            app.UseRouting();
            DashboardEndpoints.Map(app, _queries, new DashboardAssets(), _loggerFactory.CreateLogger(typeof(DashboardEndpoints).FullName!));
            return app;
        }

        /// <summary>The script and style carry no data; the page itself and every API call need the token.</summary>
        private static bool IsPublicAsset(PathString path) =>
            path.Equals("/dashboard.js", StringComparison.Ordinal) || path.Equals("/dashboard.css", StringComparison.Ordinal);

        private static void SecurityHeaders(HttpResponse response)
        {
            var headers = response.Headers;
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy =
                "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        }

        [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Dashboard listening on {Url} ({Access})")]
        private partial void LogListening(string url, string access);

        [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Dashboard disabled (Dashboard:Enabled is false)")]
        private partial void LogDisabled();

        /// <summary>The companion's host owns signals and shutdown; the inner application reacts to neither.</summary>
        private sealed class NestedHostLifetime : IHostLifetime
        {
            public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
    }
}
