using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Validates <see cref="DashboardOptions"/> when the dashboard is enabled.</summary>
    internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
    {
        public ValidateOptionsResult Validate(string? name, DashboardOptions options)
        {
            if (!options.Enabled)
            {
                return ValidateOptionsResult.Success;
            }

            var failures = new List<string>();
            OptionChecks.IpAddress($"{DashboardOptions.SectionName}:Address", options.Address, failures);
            OptionChecks.Port($"{DashboardOptions.SectionName}:Port", options.Port, failures);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
