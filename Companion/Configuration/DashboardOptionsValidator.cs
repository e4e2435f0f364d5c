using System.Collections.Generic;
using System.Net;
using Microsoft.Extensions.Options;

namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Validates <see cref="DashboardOptions"/> when the dashboard is enabled.</summary>
    internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
    {
        /// <summary>The shortest token accepted; a shorter one could be guessed.</summary>
        public const int MinTokenLength = 16;

        public ValidateOptionsResult Validate(string? name, DashboardOptions options)
        {
            if (!options.Enabled)
            {
                return ValidateOptionsResult.Success;
            }

            var failures = new List<string>();
            OptionChecks.IpAddress($"{DashboardOptions.SectionName}:Address", options.Address, failures);
            OptionChecks.Port($"{DashboardOptions.SectionName}:Port", options.Port, failures);
            CheckToken(options, failures);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        private static void CheckToken(DashboardOptions options, List<string> failures)
        {
            const string Key = $"{DashboardOptions.SectionName}:Token";
            if (string.IsNullOrEmpty(options.Token))
            {
                // Off loopback anyone on the network could read registrations and presence: refuse to start open.
                if (IPAddress.TryParse(options.Address, out IPAddress? address) && !IPAddress.IsLoopback(address))
                {
                    failures.Add($"{Key} is required when {DashboardOptions.SectionName}:Address is not a loopback address (got '{options.Address}')");
                }

                return;
            }

            if (options.Token.Length < MinTokenLength)
            {
                failures.Add($"{Key} must be at least {MinTokenLength} characters long (got {options.Token.Length})");
            }

            foreach (char c in options.Token)
            {
                if (c <= ' ' || c > '~')
                {
                    failures.Add($"{Key} may contain only printable ASCII characters without spaces");
                    break;
                }
            }
        }
    }
}
