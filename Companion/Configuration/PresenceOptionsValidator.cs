using System.Collections.Generic;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Presence.Events;

namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Validates the Presence Server's own settings (the listening address is checked by the element validator).</summary>
    internal sealed class PresenceOptionsValidator : IValidateOptions<PresenceOptions>
    {
        public ValidateOptionsResult Validate(string? name, PresenceOptions options)
        {
            var failures = new List<string>();
            const string S = PresenceOptions.SectionName;
            OptionChecks.IpAddress($"{S}:CoreAddress", options.CoreAddress, failures);
            OptionChecks.Port($"{S}:CorePort", options.CorePort, failures);
            if (options.MinExpires < 1)
            {
                failures.Add($"{S}:MinExpires must be at least 1 (got {options.MinExpires})");
            }

            if (options.MaxExpires < options.MinExpires)
            {
                failures.Add($"{S}:MaxExpires must be at least MinExpires (got {options.MaxExpires} < {options.MinExpires})");
            }

            if (options.DefaultExpires < options.MinExpires || options.DefaultExpires > options.MaxExpires)
            {
                failures.Add($"{S}:DefaultExpires must lie between MinExpires and MaxExpires (got {options.DefaultExpires})");
            }

            if (options.RulePollMilliseconds < 50)
            {
                failures.Add($"{S}:RulePollMilliseconds must be at least 50 (got {options.RulePollMilliseconds})");
            }

            foreach (string watcher in options.TrustedWatchers ?? [])
            {
                if (AddressOfRecord.FromUri(watcher) is null)
                {
                    failures.Add($"{S}:TrustedWatchers entries must be sip URIs with a user (got '{watcher}')");
                }
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
