using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using SimpleImGateway.Companion.Demo;

namespace SimpleImGateway.Companion.Cli
{
    /// <summary>The <c>demo</c> verb: the seed's presence-usage flow in one process, printed as a ladder.</summary>
    internal sealed class DemoCommand
    {
        private readonly CommandContext _context;

        public DemoCommand(CommandContext context) => _context = context;

        public Command Create()
        {
            var regEvent = new Option<bool>("--reg-event") { Description = "The IM Server learns registrations through the reg event package (RFC 3680) instead of third-party REGISTER" };
            var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for each step", DefaultValueFactory = _ => 15 };
            var command = new Command("demo", "Run the Core, Presence and IM servers with simulated Bob (device UA) and Tom, and print the 24 steps of the OMA SIMPLE IM presence-usage flow")
            {
                regEvent,
                timeout,
            };
            command.SetAction(async (parse, cancellationToken) =>
            {
                var runner = new DemoRunner(_context.Output, parse.GetValue(regEvent), TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))));
                try
                {
                    return await runner.RunAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DemoStepException e)
                {
                    await _context.Error.WriteLineAsync("demo failed: " + e.Message).ConfigureAwait(false);
                    return 1;
                }
            });
            return command;
        }
    }
}
