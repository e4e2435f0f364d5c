using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Dashboard;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Hosting
{
    /// <summary>
    /// Builds the companion's generic host. Configuration comes, later sources winning, from
    /// <c>appsettings.json</c> beside the executable, the <c>--config</c> file, environment variables prefixed
    /// <see cref="EnvironmentPrefix"/> (<c>SIMPLEIM_Core__Port=5061</c>) and the command-line overrides.
    /// </summary>
    public static class CompanionHost
    {
        /// <summary>The prefix of environment variables read as configuration.</summary>
        public const string EnvironmentPrefix = "SIMPLEIM_";

        /// <summary>The configuration file beside the executable.</summary>
        public const string AppSettingsFileName = "appsettings.json";

        /// <summary>
        /// A builder with configuration, logging, options and storage registered, for any verb.
        /// Throws <see cref="CompanionConfigurationException"/> when a configuration file is missing or malformed.
        /// </summary>
        public static HostApplicationBuilder CreateBuilder(CompanionHostSettings settings)
        {
            ArgumentNullException.ThrowIfNull(settings);
            var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings
            {
                DisableDefaults = true,
                ApplicationName = "simpleim",
                ContentRootPath = AppContext.BaseDirectory,
            });

            LoadConfiguration(builder.Configuration, settings);
            ConfigureLogging(builder, settings);
            builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
            builder.Services.AddCompanionOptions();
            builder.Services.AddCompanionStorage();
            return builder;
        }

        /// <summary>
        /// The host of <c>serve</c>: everything of <see cref="CreateBuilder"/> plus the dashboard and the SIP elements of the configured role.
        /// </summary>
        public static IHost BuildServer(CompanionHostSettings settings)
        {
            HostApplicationBuilder builder = CreateBuilder(settings with { IsServer = true });
            ServerRole role = ReadRole(builder.Configuration);
            builder.Services.AddDashboard(); // before the elements: it subscribes to their traces before they start
            builder.Services.AddSipElements(role);
            return builder.Build();
        }

        /// <summary>
        /// Binds and validates every options section now, instead of on first use. Throws
        /// <see cref="CompanionConfigurationException"/> with every problem on one line.
        /// </summary>
        public static void ValidateOptions(IServiceProvider services)
        {
            try
            {
                services.GetRequiredService<IStartupValidator>().Validate();
            }
            catch (OptionsValidationException e)
            {
                throw new CompanionConfigurationException(OneLine(e.Failures), e);
            }
            catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
            {
                throw new CompanionConfigurationException(OneLine(e.InnerExceptions.SelectMany(i => ((OptionsValidationException)i).Failures)), e);
            }
            catch (InvalidOperationException e)
            {
                // The configuration binder: a value of the wrong type or a misspelt key.
                throw new CompanionConfigurationException(OneLine([e.Message]), e);
            }
        }

        private static ServerRole ReadRole(IConfiguration configuration)
        {
            try
            {
                return configuration.GetSection(CompanionOptions.SectionName)
                    .Get<CompanionOptions>(binder => binder.ErrorOnUnknownConfiguration = true)?.Role ?? ServerRole.All;
            }
            catch (InvalidOperationException e)
            {
                throw new CompanionConfigurationException(OneLine([e.Message]), e);
            }
        }

        private static void LoadConfiguration(ConfigurationManager configuration, CompanionHostSettings settings)
        {
            try
            {
                configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, AppSettingsFileName), optional: true, reloadOnChange: false);
                if (settings.ConfigFile is not null)
                {
                    string path = Path.GetFullPath(settings.ConfigFile);
                    if (!File.Exists(path))
                    {
                        throw new CompanionConfigurationException($"configuration file not found: {path}");
                    }

                    configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
                }
            }
            catch (InvalidDataException e)
            {
                // The JSON provider's message names the file; its inner exception says where the syntax breaks.
                string detail = e.InnerException is null ? string.Empty : ": " + e.InnerException.Message;
                throw new CompanionConfigurationException(OneLine([e.Message + detail]), e);
            }

            configuration.AddEnvironmentVariables(EnvironmentPrefix);

            var overrides = new Dictionary<string, string?>();
            if (settings.DataDirectory is not null)
            {
                overrides[$"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}"] = settings.DataDirectory;
            }

            if (settings.Role is { } role)
            {
                overrides[$"{CompanionOptions.SectionName}:{nameof(CompanionOptions.Role)}"] = role.ToString();
            }

            configuration.AddInMemoryCollection(overrides);
        }

        private static void ConfigureLogging(HostApplicationBuilder builder, CompanionHostSettings settings)
        {
            if (settings.IsServer)
            {
                builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
                builder.Logging.AddSimpleConsole(options =>
                {
                    options.SingleLine = true;
                    options.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
                });
            }
            else
            {
                // A tool's standard output is its result; diagnostics go to standard error.
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
                builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
            }

            settings.ConfigureLogging?.Invoke(builder.Logging);
        }

        private static string OneLine(IEnumerable<string> failures) =>
            string.Join("; ", failures.Select(f => f.ReplaceLineEndings(" ").Trim()));
    }
}
