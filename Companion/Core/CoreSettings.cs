using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Core.Configuration;
using SimpleImGateway.Companion.Core.Proxy;
using SimpleImGateway.Companion.Core.ThirdPartyRegistration;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Core
{
    /// <summary>
    /// <see cref="CoreOptions"/> checked and turned into what the Core's modules use: application servers as end
    /// points, filter criteria in evaluation order, the trusted sources. <see cref="Create"/> reports every problem.
    /// </summary>
    public sealed class CoreSettings
    {
        private CoreSettings(CoreOptions options, string domain)
        {
            Options = options;
            Domain = domain.ToLowerInvariant();
        }

        /// <summary>The options these settings come from.</summary>
        public CoreOptions Options { get; }

        /// <summary>The SIP domain (lower case): the registrar's domain and the digest realm.</summary>
        public string Domain { get; }

        /// <summary>Enabled application servers in third-party registration order.</summary>
        public IReadOnlyList<ApplicationServer> ApplicationServers { get; private set; } = [];

        /// <summary>Enabled filter criteria in evaluation order.</summary>
        public IReadOnlyList<FilterCriterion> FilterCriteria { get; private set; } = [];

        /// <summary>Sources trusted without authentication.</summary>
        public TrustedSources Trusted { get; } = new();

        /// <summary>Methods Record-Routed when they start a dialog.</summary>
        public IReadOnlySet<string> RecordRouteMethods { get; private set; } = new HashSet<string>();

        /// <summary>
        /// Checks and converts the options; the settings are null when <paramref name="failures"/> got entries.
        /// <paramref name="elements"/> (by section name, e.g. Presence, Im) supply the address and port of
        /// application-server entries that leave them unset.
        /// </summary>
        public static CoreSettings? Create(CoreOptions options, string domain, List<string> failures, IReadOnlyDictionary<string, SipElementOptions>? elements = null)
        {
            ArgumentNullException.ThrowIfNull(options);
            int before = failures.Count;
            const string Section = CoreOptions.SectionName;
            var settings = new CoreSettings(options, domain ?? string.Empty);

            RegistrarOptions registrar = options.Registrar ?? new RegistrarOptions();
            Range(failures, $"{Section}:Registrar:MinExpires", registrar.MinExpires, 1, 86400);
            Range(failures, $"{Section}:Registrar:DefaultExpires", registrar.DefaultExpires, 1, int.MaxValue);
            Range(failures, $"{Section}:Registrar:MaxExpires", registrar.MaxExpires, 1, int.MaxValue);
            if (registrar.MaxExpires < registrar.MinExpires || registrar.DefaultExpires < registrar.MinExpires || registrar.DefaultExpires > registrar.MaxExpires)
            {
                failures.Add($"{Section}:Registrar needs MinExpires <= DefaultExpires <= MaxExpires (got {registrar.MinExpires}, {registrar.DefaultExpires}, {registrar.MaxExpires})");
            }

            Range(failures, $"{Section}:Registrar:MaxContactsPerAor", registrar.MaxContactsPerAor, 1, 1000);
            Range(failures, $"{Section}:Registrar:PurgeIntervalSeconds", registrar.PurgeIntervalSeconds, 1, 86400);
            Range(failures, $"{Section}:Registrar:MaxCommitBatch", registrar.MaxCommitBatch, 1, 100_000);

            AuthenticationOptions authentication = options.Authentication ?? new AuthenticationOptions();
            Range(failures, $"{Section}:Authentication:NonceLifetimeSeconds", authentication.NonceLifetimeSeconds, 1, 86400);
            Range(failures, $"{Section}:Authentication:NonceCapacity", authentication.NonceCapacity, 16, 16 * 1024 * 1024);
            Range(failures, $"{Section}:Authentication:UserCacheSeconds", authentication.UserCacheSeconds, 0, 86400);
            if (string.IsNullOrWhiteSpace(authentication.SecretFile))
            {
                failures.Add($"{Section}:Authentication:SecretFile must name a file");
            }

            ProxyOptions proxy = options.Proxy ?? new ProxyOptions();
            Range(failures, $"{Section}:Proxy:ForwardTimeoutMilliseconds", proxy.ForwardTimeoutMilliseconds, 100, 600_000);
            settings.RecordRouteMethods = new HashSet<string>(Methods(failures, $"{Section}:Proxy:RecordRouteMethods", proxy.RecordRouteMethods), StringComparer.Ordinal);
            Range(failures, $"{Section}:MaxTransactions", options.MaxTransactions, 16, 10_000_000);
            Range(failures, $"{Section}:CompletedTransactionMilliseconds", options.CompletedTransactionMilliseconds, 0, 600_000);
            Range(failures, $"{Section}:RequestsPerSecondPerSource", options.RequestsPerSecondPerSource, 1, 10_000_000);
            Range(failures, $"{Section}:ThirdPartyRegistrationTimeoutMilliseconds", options.ThirdPartyRegistrationTimeoutMilliseconds, 50, 30_000);

            var servers = new List<ApplicationServer>();
            foreach ((string name, ApplicationServerOptions server) in options.ApplicationServers.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (server is null || !server.Enabled)
                {
                    continue;
                }

                string key = $"{Section}:ApplicationServers:{name}";
                string? address = server.Address;
                int port = server.Port;
                if (string.IsNullOrEmpty(address) || port == 0)
                {
                    SipElementOptions? element = null;
                    if (elements is not null && elements.TryGetValue(name, out element))
                    {
                        address = string.IsNullOrEmpty(address) ? element.Address : address;
                        port = port == 0 ? element.Port : port;
                    }
                    else
                    {
                        failures.Add($"{key} needs Address and Port: no element section {name} to take them from");
                        continue;
                    }
                }

                OptionChecks.IpAddress($"{key}:Address", address, failures);
                OptionChecks.Port($"{key}:Port", port, failures);
                if (!SipEndPoint.TryParseTransport(server.Transport, out SipTransportType transport))
                {
                    failures.Add($"{key}:Transport must be udp or tcp (got '{server.Transport}')");
                }

                if (IPAddress.TryParse(address, out IPAddress? ip) && port is > 0 and <= 65535)
                {
                    servers.Add(new ApplicationServer(name, new SipEndPoint(ip.ToString(), port, transport), server.Order, server.ThirdPartyRegistration));
                }
            }

            settings.ApplicationServers = servers.OrderBy(s => s.Order).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();

            if (options.TrustedApplicationServers.Count == 0)
            {
                foreach (ApplicationServer server in servers)
                {
                    settings.Trusted.Add(server.EndPoint.Host, server.EndPoint.Port);
                }
            }
            else
            {
                for (int i = 0; i < options.TrustedApplicationServers.Count; i++)
                {
                    string? entry = options.TrustedApplicationServers[i];
                    if (entry is null || !settings.Trusted.TryAdd(entry.Trim()))
                    {
                        failures.Add($"{Section}:TrustedApplicationServers:{i} must be ip:port or ip (got '{entry}')");
                    }
                }
            }

            var criteria = new List<FilterCriterion>();
            foreach ((string name, FilterCriterionOptions criterion) in options.FilterCriteria)
            {
                if (criterion is null || !criterion.Enabled)
                {
                    continue;
                }

                string key = $"{Section}:FilterCriteria:{name}";
                string[] methods = Methods(failures, $"{key}:Methods", criterion.Methods);
                string[] events = Split(criterion.Events);
                foreach (string package in events)
                {
                    if (!SipChars.IsToken(package))
                    {
                        failures.Add($"{key}:Events must be event package tokens (got '{package}')");
                    }
                }

                string target = (criterion.Target ?? string.Empty).Trim();
                if (string.Equals(target, FilterCriterionOptions.ContactsTarget, StringComparison.OrdinalIgnoreCase))
                {
                    criteria.Add(new FilterCriterion(name, criterion.Priority, methods, events, criterion.Direction, null));
                }
                else if (servers.Find(s => string.Equals(s.Name, target, StringComparison.OrdinalIgnoreCase)) is { } server)
                {
                    criteria.Add(new FilterCriterion(name, criterion.Priority, methods, events, criterion.Direction, server));
                }
                else if (IPEndPoint.TryParse(target, out IPEndPoint? literal) && literal.Port != 0)
                {
                    var server2 = new ApplicationServer(target, new SipEndPoint(literal.Address.ToString(), literal.Port, SipTransportType.Udp), int.MaxValue, false);
                    criteria.Add(new FilterCriterion(name, criterion.Priority, methods, events, criterion.Direction, server2));
                }
                else if (options.ApplicationServers.TryGetValue(target, out ApplicationServerOptions? disabled) && disabled is { Enabled: false })
                {
                    // The criterion names a server that is switched off: it is skipped, as documented.
                }
                else
                {
                    failures.Add($"{key}:Target must be Contacts, an application server name or ip:port (got '{criterion.Target}')");
                }
            }

            settings.FilterCriteria = criteria.OrderBy(c => c.Priority).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
            return failures.Count == before ? settings : null;
        }

        private static void Range(List<string> failures, string key, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                failures.Add($"{key} must be between {min} and {max} (got {value})");
            }
        }

        private static string[] Methods(List<string> failures, string key, string? list)
        {
            string[] methods = Split(list);
            foreach (string method in methods)
            {
                if (!SipChars.IsToken(method))
                {
                    failures.Add($"{key} must be SIP method tokens (got '{method}')");
                }
            }

            return methods;
        }

        private static string[] Split(string? list) =>
            (list ?? string.Empty).Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
