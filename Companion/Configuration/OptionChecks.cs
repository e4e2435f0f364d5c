using System.Collections.Generic;
using System.Net;

namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Checks shared by the options validators; each failure names the configuration key.</summary>
    internal static class OptionChecks
    {
        public static void IpAddress(string key, string? value, List<string> failures)
        {
            if (string.IsNullOrWhiteSpace(value) || !IPAddress.TryParse(value, out _))
            {
                failures.Add($"{key} must be a literal IP address (got '{value}')");
            }
        }

        public static void Port(string key, int value, List<string> failures)
        {
            if (value < IPEndPoint.MinPort + 1 || value > IPEndPoint.MaxPort)
            {
                failures.Add($"{key} must be between 1 and 65535 (got {value})");
            }
        }
    }
}
