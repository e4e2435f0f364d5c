using System.Collections.Generic;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Configuration;

namespace SimpleImGateway.Companion.Core.Configuration
{
    /// <summary>Validates the Core's registrar, authentication, proxy, application-server and filter-criteria settings.</summary>
    internal sealed class CoreOptionsValidator : IValidateOptions<CoreOptions>
    {
        public ValidateOptionsResult Validate(string? name, CoreOptions options)
        {
            var failures = new List<string>();
            CoreSettings.Create(options, SipOptions.DefaultDomain, failures);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
