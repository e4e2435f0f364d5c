using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Cli;
using SimpleImGateway.Companion.Tests.Support;

namespace SimpleImGateway.Companion.Tests.Cli
{
    [TestClass]
    public sealed class ServeCommandTests
    {
        private TempDirectory _temp = null!;

        private string DataDir => _temp.Combine("data");

        [TestInitialize]
        public void CreateTemp() => _temp = new TempDirectory();

        [TestCleanup]
        public void DeleteTemp() => _temp.Dispose();

        [TestMethod]
        public async Task Serve_PortOutOfRange_ExitsWithConfigurationCodeAndOneLine()
        {
            string config = ConfigFile.Write(_temp, """{ "Core": { "Port": 70000 } }""");

            CliResult result = await CliRunner.RunAsync("serve", "--config", config, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Configuration, result.ExitCode, result.ToString());
            CollectionAssert.AreEqual(
                new[] { "simpleim: error: invalid configuration: Core:Port must be between 1 and 65535 (got 70000)" },
                result.ErrorLines);
        }

        [TestMethod]
        public async Task Serve_SeveralInvalidValues_NamesThemAllOnOneLine()
        {
            string config = ConfigFile.Write(_temp, """{ "Sip": { "Domain": "bad domain" }, "Presence": { "Address": "localhost", "Udp": false, "Tcp": false } }""");

            CliResult result = await CliRunner.RunAsync("serve", "--config", config, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Configuration, result.ExitCode, result.ToString());
            Assert.AreEqual(1, result.ErrorLines.Length, result.Error);
            StringAssert.Contains(result.Error, "Sip:Domain must be a host name or IP address (got 'bad domain')");
            StringAssert.Contains(result.Error, "Presence:Address must be a literal IP address (got 'localhost')");
            StringAssert.Contains(result.Error, "Presence: at least one of Udp and Tcp must be true");
        }

        [TestMethod]
        public async Task Serve_NonNumericPort_ExitsWithConfigurationCode()
        {
            string config = ConfigFile.Write(_temp, """{ "Im": { "Port": "fifty" } }""");

            CliResult result = await CliRunner.RunAsync("serve", "--config", config, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Configuration, result.ExitCode, result.ToString());
            Assert.AreEqual(1, result.ErrorLines.Length, result.Error);
            StringAssert.Contains(result.Error, "'fifty'");
            StringAssert.Contains(result.Error, "Im:Port");
        }

        [TestMethod]
        public async Task Serve_MisspeltKey_ExitsWithConfigurationCodeNamingIt()
        {
            string config = ConfigFile.Write(_temp, """{ "Core": { "Prot": 5060 } }""");

            CliResult result = await CliRunner.RunAsync("serve", "--config", config, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Configuration, result.ExitCode, result.ToString());
            StringAssert.Contains(result.Error, "'Prot'");
        }

        [TestMethod]
        public async Task Serve_UnknownRoleInConfiguration_ExitsWithConfigurationCode()
        {
            string config = ConfigFile.Write(_temp, """{ "Companion": { "Role": "Registrar" } }""");

            CliResult result = await CliRunner.RunAsync("serve", "--config", config, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Configuration, result.ExitCode, result.ToString());
            StringAssert.Contains(result.Error, "'Registrar'");
        }

        [TestMethod]
        public async Task Serve_MissingConfigFile_ExitsWithConfigurationCode()
        {
            CliResult result = await CliRunner.RunAsync("serve", "--config", _temp.Combine("absent.json"), "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Configuration, result.ExitCode, result.ToString());
            CollectionAssert.AreEqual(new[] { $"simpleim: error: invalid configuration: configuration file not found: {_temp.Combine("absent.json")}" }, result.ErrorLines);
        }

        [TestMethod]
        public async Task Serve_MalformedJson_ExitsWithConfigurationCodeOnOneLine()
        {
            string path = _temp.Combine("broken.json");
            await System.IO.File.WriteAllTextAsync(path, "{ \"Core\": { \"Port\": 5060, } ");

            CliResult result = await CliRunner.RunAsync("serve", "--config", path, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Configuration, result.ExitCode, result.ToString());
            Assert.AreEqual(1, result.ErrorLines.Length, result.Error);
            StringAssert.Contains(result.Error, path);
        }

        [TestMethod]
        public async Task Serve_UnknownRoleOption_ExitsWithUsageCodeAndOneLine()
        {
            CliResult result = await CliRunner.RunAsync("serve", "--role", "registrar", "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Usage, result.ExitCode, result.ToString());
            CollectionAssert.AreEqual(
                new[] { "simpleim: error: Argument 'registrar' not recognized. Must be one of: 'core' 'presence' 'im' 'all'" },
                result.ErrorLines);
        }

        [TestMethod]
        public async Task Serve_UdpPortAlreadyBound_ExitsWithPortInUse()
        {
            using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)squatter.LocalEndPoint!).Port;
            string config = ConfigFile.Write(_temp, $$"""{ "Core": { "Port": {{port}} } }""");

            CliResult result = await CliRunner.RunAsync("serve", "--role", "core", "--config", config, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.PortInUse, result.ExitCode, result.ToString());
            CollectionAssert.AreEqual(new[] { $"simpleim: error: port already in use: udp 127.0.0.1:{port} (core)" }, result.ErrorLines);
        }

        [TestMethod]
        public async Task Serve_TcpPortAlreadyListening_ExitsWithPortInUseAndReleasesTheUdpPort()
        {
            int port = FreePorts.Next();
            using var squatter = new TcpListener(IPAddress.Loopback, port);
            squatter.Start();
            string config = ConfigFile.Write(_temp, $$"""{ "Im": { "Port": {{port}} } }""");

            CliResult result = await CliRunner.RunAsync("serve", "--role", "im", "--config", config, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.PortInUse, result.ExitCode, result.ToString());
            CollectionAssert.AreEqual(new[] { $"simpleim: error: port already in use: tcp 127.0.0.1:{port} (im)" }, result.ErrorLines);
            Assert.IsTrue(FreePorts.IsUdpFree(port), "the UDP socket bound before the failure must be closed");
        }

        [TestMethod]
        public async Task Serve_TwoElementsOnOneEndpoint_ExitsWithConfigurationCode()
        {
            int port = FreePorts.Next();
            string config = ConfigFile.Write(_temp, $$"""{ "Core": { "Port": {{port}} }, "Presence": { "Port": {{port}}, "Tcp": false } }""");

            CliResult result = await CliRunner.RunAsync("serve", "--config", config, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.Configuration, result.ExitCode, result.ToString());
            CollectionAssert.AreEqual(
                new[] { $"simpleim: error: invalid configuration: core and presence are both configured on udp 127.0.0.1:{port}" },
                result.ErrorLines);
        }

        [TestMethod]
        public async Task Serve_DataDirectoryIsAFile_ExitsWithStorageUnavailable()
        {
            await System.IO.File.WriteAllTextAsync(DataDir, "a file, not a directory");
            string config = ConfigFile.Write(_temp);

            CliResult result = await CliRunner.RunAsync("serve", "--config", config, "--data-dir", DataDir);

            Assert.AreEqual(ExitCodes.StorageUnavailable, result.ExitCode, result.ToString());
            Assert.AreEqual(1, result.ErrorLines.Length, result.Error);
            StringAssert.StartsWith(result.Error, "simpleim: error: storage unavailable: cannot open SQLite database " + DataDir);
        }

        [TestMethod]
        public async Task Serve_Role_BindsOnlyItsElementsUntilCancelled()
        {
            int core = FreePorts.Next();
            int presence = FreePorts.Next();
            int im = FreePorts.Next();
            string config = ConfigFile.Write(_temp, $$"""{ "Core": { "Port": {{core}} }, "Presence": { "Port": {{presence}} }, "Im": { "Port": {{im}} } }""");
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

            Task<CliResult> serve = CliRunner.RunAsync(stop.Token, "serve", "--role", "presence", "--config", config, "--data-dir", DataDir);
            bool bound = await WaitUntilAsync(() => !FreePorts.IsUdpFree(presence), serve);

            try
            {
                Assert.IsTrue(bound, "serve did not bind the Presence Server's UDP port");
                Assert.IsFalse(FreePorts.IsTcpFree(presence), "the Presence Server's TCP port is not bound");
                Assert.IsTrue(FreePorts.IsUdpFree(core) && FreePorts.IsTcpFree(core), "role presence must not bind the Core");
                Assert.IsTrue(FreePorts.IsUdpFree(im) && FreePorts.IsTcpFree(im), "role presence must not bind the IM Server");
                Assert.IsTrue(System.IO.File.Exists(System.IO.Path.Combine(DataDir, "simpleim.db")), "the database was not created");
            }
            finally
            {
                stop.Cancel();
            }

            CliResult result = await serve;
            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            Assert.IsTrue(FreePorts.IsUdpFree(presence) && FreePorts.IsTcpFree(presence), "the ports must be released on shutdown");
        }

        private static async Task<bool> WaitUntilAsync(Func<bool> condition, Task running)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(20) && !running.IsCompleted)
            {
                if (condition())
                {
                    return true;
                }

                await Task.Delay(25);
            }

            return condition();
        }
    }
}
