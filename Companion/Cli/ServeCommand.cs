using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Hosting;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Cli
{
    /// <summary>
    /// <c>serve</c>: validates the configuration, binds the listening ports of the role's elements, opens and
    /// migrates the database, then runs until SIGINT or SIGTERM.
    /// </summary>
    internal sealed partial class ServeCommand
    {
        private readonly CommandContext _context;
        private readonly CommonOptions _common;

        private readonly Option<string?> _role = new("--role")
        {
            Description = "Which SIP elements to run (default all; overrides Companion:Role)",
            HelpName = "core|presence|im|all",
        };

        public ServeCommand(CommandContext context, CommonOptions common)
        {
            _context = context;
            _common = common;
            _role.AcceptOnlyFromAmong("core", "presence", "im", "all");
        }

        public Command Create()
        {
            var command = new Command("serve", "Run the SIP/IP Core, Presence Server and IM Server") { _role };
            command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(_context, ct => RunAsync(parse, ct), cancellationToken));
            return command;
        }

        private static ServerRole? ParseRole(string? value) => value switch
        {
            null => null,
            "core" => ServerRole.Core,
            "presence" => ServerRole.Presence,
            "im" => ServerRole.Im,
            "all" => ServerRole.All,
            _ => throw new ArgumentOutOfRangeException(nameof(value), value, "the parser admits no other role"),
        };

        private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
        {
            var settings = new CompanionHostSettings
            {
                ConfigFile = parse.GetValue(_common.ConfigFile),
                DataDirectory = parse.GetValue(_common.DataDirectory),
                Role = ParseRole(parse.GetValue(_role)),
                ConfigureLogging = _context.ConfigureLogging,
            };

            using IHost host = CompanionHost.BuildServer(settings);
            CompanionHost.ValidateOptions(host.Services);

            ILogger<ServeCommand> logger = host.Services.GetRequiredService<ILogger<ServeCommand>>();
            ServerRole role = host.Services.GetRequiredService<IOptions<CompanionOptions>>().Value.Role;
            string domain = host.Services.GetRequiredService<IOptions<SipOptions>>().Value.Domain;

            host.Services.GetRequiredService<SipListenerSockets>().BindAll();

            IStorageProvider storage = host.Services.GetRequiredService<IStorageProvider>();
            await storage.MigrateAsync(cancellationToken).ConfigureAwait(false);
            LogStarting(logger, role, domain, storage.Description);

            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Serving role {Role} for domain {Domain}; storage: {Storage}")]
        private static partial void LogStarting(ILogger logger, ServerRole role, string domain, string storage);
    }
}
