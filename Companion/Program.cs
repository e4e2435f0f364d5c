using System.Threading.Tasks;
using SimpleImGateway.Companion.Cli;

namespace SimpleImGateway.Companion
{
    /// <summary>The <c>simpleim</c> executable.</summary>
    internal static class Program
    {
        private static Task<int> Main(string[] args) => CompanionCommandLine.InvokeAsync(args);
    }
}
