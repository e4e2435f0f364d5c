using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Cli;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Tests.Dashboard.Support;
using SimpleImGateway.Companion.Tests.Support;

namespace SimpleImGateway.Companion.Tests.Dashboard
{
    /// <summary>Who may read the dashboard: loopback by default, a token off loopback, and how <c>serve</c> reports problems.</summary>
    [TestClass]
    public sealed class DashboardAccessTests
    {
        private const string Token = "s3cret-token-0123456789";

        private TempDirectory _temp = null!;

        [TestInitialize]
        public void CreateTemp() => _temp = new TempDirectory();

        [TestCleanup]
        public void DeleteTemp() => _temp.Dispose();

        [TestMethod]
        public async Task Validation_NonLoopbackAddressWithoutToken_RefusesToStartWithOneLine()
        {
            var error = await Assert.ThrowsExactlyAsync<CompanionConfigurationException>(
                () => DashboardTestHost.StartAsync("""{ "Dashboard": { "Address": "0.0.0.0" } }"""));

            Assert.AreEqual("Dashboard:Token is required when Dashboard:Address is not a loopback address (got '0.0.0.0')", error.Message);
        }

        [TestMethod]
        public async Task Serve_NonLoopbackAddressWithoutToken_ExitsWithConfigurationCodeAndOneLine()
        {
            string config = ConfigFile.Write(_temp, """{ "Dashboard": { "Address": "::" } }""");

            CliResult result = await CliRunner.RunAsync("serve", "--config", config, "--data-dir", _temp.Combine("data"));

            Assert.AreEqual(ExitCodes.Configuration, result.ExitCode, result.ToString());
            CollectionAssert.AreEqual(
                new[] { "simpleim: error: invalid configuration: Dashboard:Token is required when Dashboard:Address is not a loopback address (got '::')" },
                result.ErrorLines);
        }

        [TestMethod]
        [DataRow("short", "Dashboard:Token must be at least 16 characters long (got 5)")]
        [DataRow("with a space in it!", "Dashboard:Token may contain only printable ASCII characters without spaces")]
        public async Task Validation_WeakOrUnsendableToken_IsRefused(string token, string expected)
        {
            var error = await Assert.ThrowsExactlyAsync<CompanionConfigurationException>(
                () => DashboardTestHost.StartAsync($$"""{ "Dashboard": { "Token": "{{token}}" } }"""));

            Assert.AreEqual(expected, error.Message);
        }

        [TestMethod]
        public async Task Token_Configured_EveryApiCallAndThePageNeedIt()
        {
            await using DashboardTestHost host = await DashboardTestHost.StartAsync($$"""{ "Dashboard": { "Token": "{{Token}}" } }""");

            using HttpResponseMessage missing = await host.Http.GetAsync("/api/registrations");
            Assert.AreEqual(HttpStatusCode.Unauthorized, missing.StatusCode);
            Assert.AreEqual("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
            StringAssert.Contains(await missing.Content.ReadAsStringAsync(), "a token is required");

            JsonElement wrong = await host.GetJsonAsync("/api/health", 401, bearer: Token + "x");
            Assert.AreEqual("the token is not valid", wrong.GetProperty("error").GetString());
            await host.GetJsonAsync("/api/health", 401, bearer: Token[..^1]);
            await host.GetJsonAsync("/api/presence?token=nope", 401);

            await host.GetJsonAsync("/api/registrations", 200, bearer: Token);
            await host.GetJsonAsync($"/api/devices?token={Token}", 200);

            using HttpResponseMessage page = await host.Http.GetAsync("/");
            Assert.AreEqual(HttpStatusCode.Unauthorized, page.StatusCode, "the page needs the token too");
            using HttpResponseMessage pageWithToken = await host.Http.GetAsync($"/?token={Token}");
            Assert.AreEqual(HttpStatusCode.OK, pageWithToken.StatusCode);
            using HttpResponseMessage script = await host.Http.GetAsync("/dashboard.js");
            Assert.AreEqual(HttpStatusCode.OK, script.StatusCode, "the script holds no data and is served without the token");
        }

        [TestMethod]
        public async Task Token_Configured_AnyHostNameIsServed()
        {
            await using DashboardTestHost host = await DashboardTestHost.StartAsync($$"""{ "Dashboard": { "Token": "{{Token}}" } }""");
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
            request.Headers.Host = "companion.example";
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);

            using HttpResponseMessage response = await host.Http.SendAsync(request);

            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        }

        [TestMethod]
        [DataRow("attacker.example")]
        [DataRow("attacker.example:8080")]
        public async Task NoToken_RequestForAForeignHostName_IsForbidden(string hostHeader)
        {
            // A page of attacker.example whose name is rebound to 127.0.0.1 must not read the dashboard.
            await using DashboardTestHost host = await DashboardTestHost.StartAsync();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/registrations");
            request.Headers.Host = hostHeader;

            using HttpResponseMessage response = await host.Http.SendAsync(request);

            Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
            StringAssert.Contains(await response.Content.ReadAsStringAsync(), "configure Dashboard:Token");
        }

        [TestMethod]
        [DataRow("localhost")]
        [DataRow("127.0.0.1")]
        [DataRow("[::1]")]
        public async Task NoToken_RequestForLocalhostOrAnAddress_IsServed(string hostName)
        {
            await using DashboardTestHost host = await DashboardTestHost.StartAsync();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
            request.Headers.Host = $"{hostName}:{host.BaseAddress.Port}";

            using HttpResponseMessage response = await host.Http.SendAsync(request);

            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        }

        [TestMethod]
        public async Task Serve_Default_ServesTheDashboardUntilStopped()
        {
            int port = FreePorts.Next();
            string config = ConfigFile.Write(_temp, $$"""{ "Dashboard": { "Port": {{port}} } }""");
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

            Task<CliResult> serve = CliRunner.RunAsync(stop.Token, "serve", "--role", "core", "--config", config, "--data-dir", _temp.Combine("data"));
            string? health = null;
            try
            {
                DateTime deadline = DateTime.UtcNow.AddSeconds(20);
                while (health is null && DateTime.UtcNow < deadline && !serve.IsCompleted)
                {
                    try
                    {
                        health = await http.GetStringAsync($"http://127.0.0.1:{port}/api/health");
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(25);
                    }
                }
            }
            finally
            {
                stop.Cancel();
            }

            CliResult result = await serve;
            Assert.IsNotNull(health, "serve did not answer /api/health: " + result);
            Assert.AreEqual("ok", JsonDocument.Parse(health).RootElement.GetProperty("status").GetString());
            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
            Assert.IsTrue(FreePorts.IsTcpFree(port), "the dashboard's port must be released on shutdown");
        }

        [TestMethod]
        public async Task Serve_DashboardPortInUse_ExitsWithPortInUseAndOneLine()
        {
            using var squatter = new TcpListener(IPAddress.Loopback, 0);
            squatter.Start();
            int port = ((IPEndPoint)squatter.LocalEndpoint).Port;
            string config = ConfigFile.Write(_temp, $$"""{ "Dashboard": { "Port": {{port}} } }""");

            CliResult result = await CliRunner.RunAsync("serve", "--role", "core", "--config", config, "--data-dir", _temp.Combine("data"));

            Assert.AreEqual(ExitCodes.PortInUse, result.ExitCode, result.ToString());
            CollectionAssert.AreEqual(new[] { $"simpleim: error: port already in use: tcp 127.0.0.1:{port} (dashboard)" }, result.ErrorLines);
        }

        [TestMethod]
        public async Task Disabled_DashboardPortIsNotBound()
        {
            await using DashboardTestHost host = await DashboardTestHost.StartAsync("""{ "Dashboard": { "Enabled": false } }""");

            Assert.IsTrue(FreePorts.IsTcpFree(host.BaseAddress.Port));
            Assert.AreEqual(0, host.Trace.LastSequence);
        }
    }
}
