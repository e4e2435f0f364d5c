using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Cli;

namespace SimpleImGateway.Companion.Tests.Support
{
    /// <summary>Runs the <c>simpleim</c> command line in-process with captured output and no console logging.</summary>
    public static class CliRunner
    {
        public static async Task<CliResult> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

        public static async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exitCode = await CompanionCommandLine.InvokeAsync(args, output, error, logging => logging.ClearProviders(), cancellationToken);
            return new CliResult(exitCode, output.ToString(), error.ToString());
        }
    }
}
