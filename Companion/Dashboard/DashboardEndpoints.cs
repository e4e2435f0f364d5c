using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace SimpleImGateway.Companion.Dashboard
{
    /// <summary>
    /// The dashboard's routes: the JSON API under <c>/api</c> and the page. Every API answer is JSON in camelCase;
    /// errors are <c>{"error": "..."}</c> with a fitting status code.
    /// </summary>
    internal static partial class DashboardEndpoints
    {
        /// <summary>The JSON the API writes (web defaults: camelCase names, ISO 8601 times).</summary>
        public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };

        public static void Map(IEndpointRouteBuilder routes, DashboardQueries queries, DashboardAssets assets, ILogger logger)
        {
            routes.MapGet("/api/registrations", (HttpContext context) =>
                RespondAsync(context, logger, "registrations", queries.RegistrationsAsync));
            routes.MapGet("/api/presence", (HttpContext context) =>
                RespondAsync(context, logger, "presence", queries.PresenceAsync));
            routes.MapGet("/api/messages", (HttpContext context) =>
                RespondAsync<Views.MessagesView>(context, logger, "messages", IsTrue(context.Request.Query["bodies"]) ? queries.MessagesWithBodiesAsync : queries.MessagesAsync));
            routes.MapGet("/api/ladder", (HttpContext context) =>
            {
                string? after = context.Request.Query["after"];
                long since = 0;
                if (after is not null && (!long.TryParse(after, out since) || since < 0))
                {
                    return WriteErrorAsync(context, StatusCodes.Status400BadRequest, "'after' must be a sequence number (a whole number, 0 or more)");
                }

                return context.Response.WriteAsJsonAsync(queries.Ladder(since), Json, context.RequestAborted);
            });
            routes.MapGet("/api/devices", (HttpContext context) =>
                RespondAsync(context, logger, "devices", queries.DevicesAsync));
            routes.MapGet("/api/health", async (HttpContext context) =>
            {
                Views.HealthView health = await queries.HealthAsync(context.RequestAborted).ConfigureAwait(false);
                context.Response.StatusCode = health.StorageError is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsJsonAsync(health, Json, context.RequestAborted).ConfigureAwait(false);
            });
            routes.Map("/api/{**rest}", (HttpContext context) =>
                WriteErrorAsync(context, StatusCodes.Status404NotFound, $"no such endpoint: {context.Request.Path}"));

            routes.MapGet("/", (HttpContext context) => ServeAsync(context, assets, "index.html"));
            routes.MapGet("/dashboard.js", (HttpContext context) => ServeAsync(context, assets, "dashboard.js"));
            routes.MapGet("/dashboard.css", (HttpContext context) => ServeAsync(context, assets, "dashboard.css"));
        }

        /// <summary>Writes <c>{"error": reason}</c> with the status code.</summary>
        public static Task WriteErrorAsync(HttpContext context, int status, string reason)
        {
            context.Response.StatusCode = status;
            return context.Response.WriteAsJsonAsync(new ErrorView(reason), Json, context.RequestAborted);
        }

        private static async Task RespondAsync<T>(HttpContext context, ILogger logger, string what, Func<CancellationToken, Task<T>> query)
        {
            T view;
            try
            {
                view = await query(context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is down or a record is unreadable: say so, keep serving the rest.
                LogQueryFailed(logger, e, what);
                await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"cannot read {what}: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
                return;
            }

            await context.Response.WriteAsJsonAsync(view, Json, context.RequestAborted).ConfigureAwait(false);
        }

        private static Task ServeAsync(HttpContext context, DashboardAssets assets, string file)
        {
            if (!assets.TryGet(file, out byte[] content, out string contentType))
            {
                return WriteErrorAsync(context, StatusCodes.Status404NotFound, $"{file} is missing from this build");
            }

            context.Response.ContentType = contentType;
            context.Response.ContentLength = content.Length;
            return context.Response.Body.WriteAsync(content, 0, content.Length, context.RequestAborted);
        }

        private static bool IsTrue(string? value) =>
            value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase));

        [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Dashboard could not read {What}")]
        private static partial void LogQueryFailed(ILogger logger, Exception exception, string what);

        /// <summary>The body of an error answer.</summary>
        /// <param name="Error">What went wrong, in one line.</param>
        private sealed record ErrorView(string Error);
    }
}
