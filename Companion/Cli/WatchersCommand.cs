using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SimpleImGateway.Companion.Hosting;
using SimpleImGateway.Companion.Presence.Events;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Cli
{
    /// <summary>
    /// <c>watchers allow|block|polite-block|remove PRESENTITY WATCHER</c> and <c>watchers list PRESENTITY</c>: the
    /// Presence Server's authorization rules in the configured storage. A running server reads them back within
    /// <c>Presence:RulePollMilliseconds</c> and applies them to existing subscriptions.
    /// </summary>
    internal sealed class WatchersCommand
    {
        private readonly CommandContext _context;
        private readonly CommonOptions _common;

        public WatchersCommand(CommandContext context, CommonOptions common)
        {
            _context = context;
            _common = common;
        }

        public Command Create()
        {
            var watchers = new Command("watchers", "Manage who may see a presentity's presence");
            watchers.Add(CreateSet("allow", WatcherDecision.Allow, "Let the watcher see the presentity's state"));
            watchers.Add(CreateSet("block", WatcherDecision.Block, "Reject the watcher's subscriptions"));
            watchers.Add(CreateSet("polite-block", WatcherDecision.PoliteBlock, "Accept the watcher's subscriptions but show it a closed state only"));
            watchers.Add(CreateRemove());
            watchers.Add(CreateList());
            return watchers;
        }

        private static string Decision(WatcherDecision decision) => decision switch
        {
            WatcherDecision.Allow => "allow",
            WatcherDecision.Block => "block",
            WatcherDecision.PoliteBlock => "polite-block",
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "unknown decision"),
        };

        private static string Aor(string value, string what) =>
            AddressOfRecord.FromUri(value)
            ?? throw new CommandFailedException(ExitCodes.DataError, $"{what} '{value}' is not a sip URI with a user (e.g. sip:bob@simpleim.test)");

        private Command CreateSet(string name, WatcherDecision decision, string description)
        {
            var presentity = new Argument<string>("PRESENTITY") { Description = "The presentity's URI, e.g. sip:bob@simpleim.test" };
            var watcher = new Argument<string>("WATCHER") { Description = "The watcher's URI, e.g. sip:tom@simpleim.test" };
            var command = new Command(name, description) { presentity, watcher };
            command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (store, ct) =>
            {
                string p = Aor(parse.GetRequiredValue(presentity), "presentity");
                string w = Aor(parse.GetRequiredValue(watcher), "watcher");
                await store.SetWatcherRuleAsync(new WatcherRule(p, w, decision), ct).ConfigureAwait(false);
                await _context.Output.WriteLineAsync($"{Decision(decision)} {w} for {p}").ConfigureAwait(false);
                return ExitCodes.Success;
            }));
            return command;
        }

        private Command CreateRemove()
        {
            var presentity = new Argument<string>("PRESENTITY") { Description = "The presentity's URI" };
            var watcher = new Argument<string>("WATCHER") { Description = "The watcher's URI" };
            var command = new Command("remove", "Remove the rule; the watcher's subscriptions become pending") { presentity, watcher };
            command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (store, ct) =>
            {
                string p = Aor(parse.GetRequiredValue(presentity), "presentity");
                string w = Aor(parse.GetRequiredValue(watcher), "watcher");
                if (!await store.RemoveWatcherRuleAsync(p, w, ct).ConfigureAwait(false))
                {
                    throw new CommandFailedException(ExitCodes.DataError, $"no rule for {w} at {p}");
                }

                await _context.Output.WriteLineAsync($"removed the rule for {w} at {p}").ConfigureAwait(false);
                return ExitCodes.Success;
            }));
            return command;
        }

        private Command CreateList()
        {
            var presentity = new Argument<string>("PRESENTITY") { Description = "The presentity's URI" };
            var command = new Command("list", "List the presentity's rules: watcher and decision, tab-separated") { presentity };
            command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (store, ct) =>
            {
                string p = Aor(parse.GetRequiredValue(presentity), "presentity");
                foreach (WatcherRule rule in await store.ListWatcherRulesAsync(p, ct).ConfigureAwait(false))
                {
                    await _context.Output.WriteLineAsync($"{rule.Watcher}\t{Decision(rule.Decision)}").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }));
            return command;
        }

        // Builds the same host configuration as serve (without starting it) and opens the storage.
        private Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken, Func<IPresenceStore, CancellationToken, Task<int>> verb) =>
            CommandRunner.RunAsync(_context, async ct =>
            {
                var settings = new CompanionHostSettings
                {
                    ConfigFile = parse.GetValue(_common.ConfigFile),
                    DataDirectory = parse.GetValue(_common.DataDirectory),
                    ConfigureLogging = _context.ConfigureLogging,
                };
                using IHost host = CompanionHost.CreateBuilder(settings).Build();
                CompanionHost.ValidateOptions(host.Services);
                IStorageProvider storage = host.Services.GetRequiredService<IStorageProvider>();
                await storage.MigrateAsync(ct).ConfigureAwait(false);
                return await verb(storage.Presence, ct).ConfigureAwait(false);
            }, cancellationToken);
    }
}
