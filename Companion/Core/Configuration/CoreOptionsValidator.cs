using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Configuration;

namespace SimpleImGateway.Companion.Core.Configuration
{
    /// <summary>Validates the Core's registrar, authentication, proxy, application-server and filter-criteria settings.</summary>
    internal sealed class CoreOptionsValidator : IValidateOptions<CoreOptions>
    {
        private readonly IOptions<PresenceOptions> _presence;
        private readonly IOptions<ImOptions> _im;

        public CoreOptionsValidator(IOptions<PresenceOptions> presence, IOptions<ImOptions> im)
        {
            _presence = presence;
            _im = im;
        }

        public ValidateOptionsResult Validate(string? name, CoreOptions options)
        {
            var failures = new List<string>();
            CoreSettings.Create(options, SipOptions.DefaultDomain, failures, CoreServiceCollectionExtensions.HostedElements(_presence.Value, _im.Value));
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
