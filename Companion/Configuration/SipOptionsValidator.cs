using System;
using Microsoft.Extensions.Options;

namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Validates <see cref="SipOptions"/>: the domain must be a host name or an IP address.</summary>
    internal sealed class SipOptionsValidator : IValidateOptions<SipOptions>
    {
        public ValidateOptionsResult Validate(string? name, SipOptions options)
        {
            string? domain = options.Domain;
            if (string.IsNullOrWhiteSpace(domain) || Uri.CheckHostName(domain) == UriHostNameType.Unknown)
            {
                return ValidateOptionsResult.Fail($"{SipOptions.SectionName}:Domain must be a host name or IP address (got '{domain}')");
            }

            return ValidateOptionsResult.Success;
        }
    }
}
