using System;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace SimpleImGateway.Companion.Dashboard
{
    /// <summary>
    /// Who may read the dashboard. With a token configured every request but the page's static script and
    /// style must present it (<c>Authorization: Bearer ...</c> or <c>?token=...</c>), compared in constant
    /// time. Without one the dashboard is on loopback (options validation refuses anything else) and only
    /// answers requests addressed to an IP literal or <c>localhost</c>, so a web page cannot reach it by
    /// rebinding its own host name to 127.0.0.1.
    /// </summary>
    internal sealed class DashboardAccess
    {
        private readonly byte[]? _tokenHash;

        public DashboardAccess(string? token)
        {
            _tokenHash = string.IsNullOrEmpty(token) ? null : Hash(token);
        }

        /// <summary>True when requests must carry the token.</summary>
        public bool RequiresToken => _tokenHash is not null;

        /// <summary>Why the request is refused, with the status code to answer; null when it may proceed.</summary>
        public (int Status, string Reason)? Check(HttpRequest request)
        {
            if (_tokenHash is null)
            {
                return IsLocalHostName(request.Host.Host)
                    ? null
                    : (StatusCodes.Status403Forbidden, "the dashboard answers only requests for localhost or an IP address; configure Dashboard:Token to serve other host names");
            }

            string? presented = PresentedToken(request);
            if (presented is null)
            {
                return (StatusCodes.Status401Unauthorized, "a token is required: send 'Authorization: Bearer <token>' or add '?token=<token>'");
            }

            // Hashing first makes the comparison's time independent of the presented token's length too.
            return CryptographicOperations.FixedTimeEquals(Hash(presented), _tokenHash)
                ? null
                : (StatusCodes.Status401Unauthorized, "the token is not valid");
        }

        private static string? PresentedToken(HttpRequest request)
        {
            StringValues authorization = request.Headers.Authorization;
            if (authorization.Count == 1)
            {
                string value = authorization[0] ?? string.Empty;
                const string Scheme = "Bearer ";
                return value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? value[Scheme.Length..].Trim() : null;
            }

            StringValues query = request.Query["token"];
            return query.Count == 1 ? query[0] : null;
        }

        private static bool IsLocalHostName(string host) =>
            host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host.TrimStart('[').TrimEnd(']'), out _);

        private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }
}
