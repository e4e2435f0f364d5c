using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Validates the listening address of one SIP element section.</summary>
    /// <typeparam name="TOptions">The element's options type.</typeparam>
    internal sealed class SipElementOptionsValidator<TOptions> : IValidateOptions<TOptions>
        where TOptions : SipElementOptions
    {
        private readonly string _sectionName;

        public SipElementOptionsValidator(string sectionName)
        {
            _sectionName = sectionName;
        }

        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var failures = new List<string>();
            OptionChecks.IpAddress($"{_sectionName}:Address", options.Address, failures);
            OptionChecks.Port($"{_sectionName}:Port", options.Port, failures);
            if (!options.Udp && !options.Tcp)
            {
                failures.Add($"{_sectionName}: at least one of Udp and Tcp must be true");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
