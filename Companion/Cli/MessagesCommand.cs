using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Accounts;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Hosting;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Cli
{
    /// <summary>
    /// <c>messages list [--user NAME]</c> and <c>messages purge --user NAME</c>: the IM Server's stored (deferred)
    /// messages in the configured storage. NAME is a user name of the SIP domain or a full AOR.
    /// </summary>
    internal sealed class MessagesCommand
    {
        private readonly CommandContext _context;
        private readonly CommonOptions _common;

        public MessagesCommand(CommandContext context, CommonOptions common)
        {
            _context = context;
            _common = common;
        }

        public Command Create()
        {
            var messages = new Command("messages", "Inspect or purge the IM Server's stored messages");
            messages.Add(CreateList());
            messages.Add(CreatePurge());
            return messages;
        }

        private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        // A name becomes sip:name@domain; a sip: URI is taken as the AOR itself.
        private static string RecipientOf(string user, string domain)
        {
            if (user.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
            {
                int at = user.IndexOf('@', StringComparison.Ordinal);
                if (at <= 4 || at == user.Length - 1)
                {
                    throw new CommandFailedException(ExitCodes.DataError, $"'{user}' is not an address-of-record (sip:user@domain)");
                }

                return "sip:" + user.Substring(4, at - 4) + "@" + user.Substring(at + 1).ToLowerInvariant();
            }

            if (UserNames.Validate(user) is { } problem)
            {
                throw new CommandFailedException(ExitCodes.DataError, problem);
            }

            return "sip:" + user + "@" + domain.ToLowerInvariant();
        }

        private Command CreateList()
        {
            var user = new Option<string?>("--user", "-u") { Description = "Only the messages waiting for this user (name or AOR)", HelpName = "NAME" };
            var command = new Command(
                "list",
                "List stored messages in delivery order: id, recipient, sender, arrival and expiry (UTC), failed attempts, content type, body bytes; tab-separated")
            {
                user,
            };
            command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (storage, domain, ct) =>
            {
                string? name = parse.GetValue(user);
                IReadOnlyList<DeferredMessage> messages = name is null
                    ? await storage.Messages.ListAllAsync(ct).ConfigureAwait(false)
                    : await storage.Messages.ListAsync(RecipientOf(name, domain), ct).ConfigureAwait(false);
                foreach (DeferredMessage message in messages)
                {
                    await _context.Output.WriteLineAsync(string.Join(
                        '\t',
                        message.Id.ToString(CultureInfo.InvariantCulture),
                        message.Recipient,
                        message.Sender,
                        Time(message.ArrivedAt),
                        Time(message.ExpiresAt),
                        message.Attempts.ToString(CultureInfo.InvariantCulture),
                        message.ContentType,
                        message.Body.Length.ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }));
            return command;
        }

        private Command CreatePurge()
        {
            var user = new Option<string>("--user", "-u") { Description = "The user whose stored messages are deleted (name or AOR)", HelpName = "NAME", Required = true };
            var command = new Command("purge", "Delete every stored message waiting for a user, undelivered") { user };
            command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (storage, domain, ct) =>
            {
                string recipient = RecipientOf(parse.GetRequiredValue(user), domain);
                int purged = await storage.Messages.DeleteAllAsync(recipient, ct).ConfigureAwait(false);
                await _context.Output.WriteLineAsync($"purged {purged} message(s) for {recipient}").ConfigureAwait(false);
                return ExitCodes.Success;
            }));
            return command;
        }

        // Builds the same host configuration as serve (without starting it) and opens the storage.
        private Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken, Func<IStorageProvider, string, CancellationToken, Task<int>> verb) =>
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
                string domain = host.Services.GetRequiredService<IOptions<SipOptions>>().Value.Domain;
                IStorageProvider storage = host.Services.GetRequiredService<IStorageProvider>();
                await storage.MigrateAsync(ct).ConfigureAwait(false);
                return await verb(storage, domain, ct).ConfigureAwait(false);
            }, cancellationToken);
    }
}
