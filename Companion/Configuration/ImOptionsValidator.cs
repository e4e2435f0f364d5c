using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Validates the IM Server's own settings (its listening address is checked by the element validator).</summary>
    internal sealed class ImOptionsValidator : IValidateOptions<ImOptions>
    {
        public ValidateOptionsResult Validate(string? name, ImOptions options)
        {
            const string S = ImOptions.SectionName;
            var failures = new List<string>();
            if (!string.IsNullOrEmpty(options.Identity) && !SipUri.TryParse(options.Identity, out _))
            {
                failures.Add($"{S}:Identity must be a SIP URI such as sip:im-server@simpleim.test (got '{options.Identity}')");
            }

            OptionChecks.IpAddress($"{S}:CoreAddress", options.CoreAddress, failures);
            OptionChecks.Port($"{S}:CorePort", options.CorePort, failures);
            if (!Enum.IsDefined(options.CoreTransport))
            {
                failures.Add($"{S}:CoreTransport must be Udp or Tcp");
            }

            if (!Enum.IsDefined(options.RegistrationSource))
            {
                failures.Add($"{S}:RegistrationSource must be ThirdPartyRegister or RegEvent");
            }

            foreach (string user in options.RegEventUsers ?? [])
            {
                if (string.IsNullOrWhiteSpace(user))
                {
                    failures.Add($"{S}:RegEventUsers must not contain empty entries");
                }
            }

            Positive($"{S}:UserRescanInterval", options.UserRescanInterval, failures);
            Positive($"{S}:MessageLifetime", options.MessageLifetime, failures);
            Positive($"{S}:ExpiryCheckInterval", options.ExpiryCheckInterval, failures);
            Positive($"{S}:RetryInitialDelay", options.RetryInitialDelay, failures);
            if (options.RetryMaxDelay < options.RetryInitialDelay)
            {
                failures.Add($"{S}:RetryMaxDelay must not be shorter than RetryInitialDelay (got {options.RetryMaxDelay})");
            }

            if (options.QuotaPerUser < 1)
            {
                failures.Add($"{S}:QuotaPerUser must be at least 1 (got {options.QuotaPerUser})");
            }

            if (options.MaxUdpBodyBytes < 1 || options.MaxUdpBodyBytes > 65000)
            {
                failures.Add($"{S}:MaxUdpBodyBytes must be between 1 and 65000 (got {options.MaxUdpBodyBytes})");
            }

            if (options.SubscriptionExpires < 60 || options.SubscriptionExpires > 86400)
            {
                failures.Add($"{S}:SubscriptionExpires must be between 60 and 86400 seconds (got {options.SubscriptionExpires})");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        private static void Positive(string key, TimeSpan value, List<string> failures)
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{key} must be a positive time span such as 00:01:00 (got {value})");
            }
        }
    }
}
