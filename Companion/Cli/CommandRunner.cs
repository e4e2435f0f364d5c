using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Hosting;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Cli
{
    /// <summary>Runs a verb and turns the failures an operator can fix into one line and an exit code.</summary>
    internal static class CommandRunner
    {
        public static async Task<int> RunAsync(CommandContext context, Func<CancellationToken, Task<int>> verb, CancellationToken cancellationToken)
        {
            try
            {
                return await verb(cancellationToken).ConfigureAwait(false);
            }
            catch (CommandFailedException e)
            {
                return Fail(context, e.ExitCode, e.Message);
            }
            catch (CompanionConfigurationException e)
            {
                return Fail(context, ExitCodes.Configuration, "invalid configuration: " + e.Message);
            }
            catch (PortInUseException e)
            {
                return Fail(context, ExitCodes.PortInUse, e.Message);
            }
            catch (StorageUnavailableException e)
            {
                return Fail(context, ExitCodes.StorageUnavailable, "storage unavailable: " + e.Message);
            }
            catch (DbException e)
            {
                return Fail(context, ExitCodes.StorageUnavailable, "storage error: " + e.Message.ReplaceLineEndings(" "));
            }
        }

        /// <summary>Writes <c>simpleim: error: MESSAGE</c> to standard error and returns the exit code.</summary>
        public static int Fail(CommandContext context, int exitCode, string message)
        {
            context.Error.WriteLine("simpleim: error: " + message);
            return exitCode;
        }
    }
}
