using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Cli;
using SimpleImGateway.Companion.Tests.Support;

namespace SimpleImGateway.Companion.Tests.Cli
{
    [TestClass]
    public sealed class CommandLineTests
    {
        [TestMethod]
        public async Task NoVerb_IsAUsageError()
        {
            CliResult result = await CliRunner.RunAsync();

            Assert.AreEqual(ExitCodes.Usage, result.ExitCode, result.ToString());
            CollectionAssert.AreEqual(new[] { "simpleim: error: Required command was not provided." }, result.ErrorLines);
        }

        [TestMethod]
        public async Task UnknownVerb_IsAUsageError()
        {
            CliResult result = await CliRunner.RunAsync("frobnicate");

            Assert.AreEqual(ExitCodes.Usage, result.ExitCode, result.ToString());
            StringAssert.Contains(result.Error, "frobnicate");
        }

        [TestMethod]
        public async Task Help_ListsTheVerbs()
        {
            CliResult result = await CliRunner.RunAsync("--help");

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            StringAssert.Contains(result.Output, "serve");
            StringAssert.Contains(result.Output, "users");
            StringAssert.Contains(result.Output, "--data-dir");
        }
    }
}
