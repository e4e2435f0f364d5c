using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Cli;
using SimpleImGateway.Companion.Tests.Support;

namespace SimpleImGateway.Companion.Tests.Im
{
    [TestClass]
    public sealed class ImOptionsTests
    {
        [TestMethod]
        public async Task Serve_InvalidImSettings_NamesEveryProblemOnOneLine()
        {
            using var temp = new TempDirectory();
            string config = ConfigFile.Write(temp, """
                { "Im": { "CoreAddress": "core.local", "QuotaPerUser": 0, "MessageLifetime": "-1.00:00:00",
                          "MaxUdpBodyBytes": 70000, "Identity": "not a uri", "RetryMaxDelay": "00:00:01", "SubscriptionExpires": 10 } }
                """);

            CliResult result = await CliRunner.RunAsync("serve", "--role", "im", "--config", config, "--data-dir", temp.Combine("data"));

            Assert.AreEqual(ExitCodes.Configuration, result.ExitCode, result.ToString());
            Assert.AreEqual(1, result.ErrorLines.Length, result.Error);
            StringAssert.Contains(result.Error, "Im:CoreAddress must be a literal IP address (got 'core.local')");
            StringAssert.Contains(result.Error, "Im:QuotaPerUser must be at least 1 (got 0)");
            StringAssert.Contains(result.Error, "Im:MessageLifetime must be a positive time span");
            StringAssert.Contains(result.Error, "Im:MaxUdpBodyBytes must be between 1 and 65000 (got 70000)");
            StringAssert.Contains(result.Error, "Im:Identity must be a SIP URI");
            StringAssert.Contains(result.Error, "Im:RetryMaxDelay must not be shorter than RetryInitialDelay");
            StringAssert.Contains(result.Error, "Im:SubscriptionExpires must be between 60 and 86400 seconds (got 10)");
        }

        [TestMethod]
        public async Task Serve_UnknownRegistrationSource_IsAConfigurationError()
        {
            using var temp = new TempDirectory();
            string config = ConfigFile.Write(temp, """{ "Im": { "RegistrationSource": "Carrier pigeon" } }""");

            CliResult result = await CliRunner.RunAsync("serve", "--role", "im", "--config", config, "--data-dir", temp.Combine("data"));

            Assert.AreEqual(ExitCodes.Configuration, result.ExitCode, result.ToString());
            StringAssert.Contains(result.Error, "RegistrationSource");
        }
    }
}
