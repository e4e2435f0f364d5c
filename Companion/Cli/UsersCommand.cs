using System;
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
    /// <c>users add|list|remove</c>: manages the domain's users in the configured storage. The realm of the
    /// stored HA1 values is the configured SIP domain.
    /// </summary>
    internal sealed class UsersCommand
    {
        private readonly CommandContext _context;
        private readonly CommonOptions _common;

        public UsersCommand(CommandContext context, CommonOptions common)
        {
            _context = context;
            _common = common;
        }

        public Command Create()
        {
            var users = new Command("users", "Manage the SIP users of the domain");
            users.Add(CreateAdd());
            users.Add(CreateList());
            users.Add(CreateRemove());
            return users;
        }

        private Command CreateAdd()
        {
            var name = new Argument<string>("NAME") { Description = "User name (the user part of the AOR)" };
            var password = new Option<string>("--password", "-p") { Description = "Password; only its HA1 digests are stored", Required = true };
            var command = new Command("add", "Add a user, storing HA1 digests (MD5 and SHA-256) of user:realm:password") { name, password };
            command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (storage, realm, ct) =>
            {
                string user = parse.GetRequiredValue(name);
                if (UserNames.Validate(user) is { } problem)
                {
                    throw new CommandFailedException(ExitCodes.DataError, problem);
                }

                string secret = parse.GetRequiredValue(password);
                if (secret.Length == 0)
                {
                    throw new CommandFailedException(ExitCodes.DataError, "the password is empty");
                }

                var account = new UserAccount(
                    user,
                    realm,
                    DigestHa1.Md5(user, realm, secret),
                    DigestHa1.Sha256(user, realm, secret),
                    DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                if (!await storage.Users.AddAsync(account, ct).ConfigureAwait(false))
                {
                    throw new CommandFailedException(ExitCodes.DataError, $"user '{user}' already exists");
                }

                await _context.Output.WriteLineAsync($"added user {user} (sip:{user}@{realm})").ConfigureAwait(false);
                return ExitCodes.Success;
            }));
            return command;
        }

        private Command CreateList()
        {
            var command = new Command("list", "List the users: name, realm and creation time (UTC), tab-separated");
            command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (storage, realm, ct) =>
            {
                foreach (UserAccount account in await storage.Users.ListAsync(ct).ConfigureAwait(false))
                {
                    string created = account.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    await _context.Output.WriteLineAsync($"{account.Name}\t{account.Realm}\t{created}").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }));
            return command;
        }

        private Command CreateRemove()
        {
            var name = new Argument<string>("NAME") { Description = "User name" };
            var command = new Command("remove", "Remove a user") { name };
            command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (storage, realm, ct) =>
            {
                string user = parse.GetRequiredValue(name);
                if (!await storage.Users.RemoveAsync(user, ct).ConfigureAwait(false))
                {
                    throw new CommandFailedException(ExitCodes.NoSuchUser, $"no such user: {user}");
                }

                await _context.Output.WriteLineAsync($"removed user {user}").ConfigureAwait(false);
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
                string realm = host.Services.GetRequiredService<IOptions<SipOptions>>().Value.Domain;
                IStorageProvider storage = host.Services.GetRequiredService<IStorageProvider>();
                await storage.MigrateAsync(ct).ConfigureAwait(false);
                return await verb(storage, realm, ct).ConfigureAwait(false);
            }, cancellationToken);
    }
}
