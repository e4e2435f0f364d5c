using System;
using System.CommandLine;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace SimpleImGateway.Companion.Cli
{
    /// <summary>The <c>simpleim</c> command line: <c>serve</c>, <c>users add|list|remove</c>, <c>watchers allow|block|polite-block|remove|list</c>, <c>messages list|purge</c>, <c>devices pair|list|unpair</c> and <c>demo</c>.</summary>
    public static partial class CompanionCommandLine
    {
        /// <summary>Builds the root command, its verbs writing to <paramref name="context"/>.</summary>
        public static RootCommand CreateRootCommand(CommandContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            var common = new CommonOptions();
            var root = new RootCommand("SimpleImGateway companion: SIP/IP Core, Presence Server and IM Server (OMA SIMPLE IM)")
            {
                common.DataDirectory,
                common.ConfigFile,
            };
            root.Add(new ServeCommand(context, common).Create());
            root.Add(new UsersCommand(context, common).Create());
            root.Add(new WatchersCommand(context, common).Create());
            root.Add(new DevicesCommand(context, common).Create());
            root.Add(new DemoCommand(context).Create());
            root.Add(new MessagesCommand(context, common).Create());
            return root;
        }

        /// <summary>
        /// Parses and runs a command line; returns one of <see cref="ExitCodes"/>. A command-line error prints
        /// one line per problem and returns <see cref="ExitCodes.Usage"/>. Cancelling <paramref name="cancellationToken"/>
        /// stops <c>serve</c> as a signal would.
        /// </summary>
        public static async Task<int> InvokeAsync(
            string[] args,
            TextWriter? output = null,
            TextWriter? error = null,
            Action<ILoggingBuilder>? configureLogging = null,
            CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(args);
            var context = new CommandContext(output ?? Console.Out, error ?? Console.Error, configureLogging);
            ParseResult parse = CreateRootCommand(context).Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var parseError in parse.Errors)
                {
                    // The parser lays out long messages with tabs and line breaks; one line reads better in logs.
                    CommandRunner.Fail(context, ExitCodes.Usage, Whitespace().Replace(parseError.Message, " ").Trim());
                }

                return ExitCodes.Usage;
            }

            var configuration = new InvocationConfiguration
            {
                Output = context.Output,
                Error = context.Error,

                // The host's console lifetime handles SIGINT and SIGTERM for serve.
                ProcessTerminationTimeout = null,
                EnableDefaultExceptionHandler = false,
            };
            try
            {
                return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                CommandRunner.Fail(context, ExitCodes.Failure, $"unexpected {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
                await context.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        }

        [GeneratedRegex(@"\s+")]
        private static partial Regex Whitespace();
    }
}
