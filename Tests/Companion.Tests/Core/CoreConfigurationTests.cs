using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Cli;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Core;
using SimpleImGateway.Companion.Core.Configuration;
using SimpleImGateway.Companion.Tests.Core.Support;
using SimpleImGateway.Companion.Tests.Support;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Tests.Core
{
    /// <summary>The Core's options: defaults, how configuration files override them, validation, and serve wiring.</summary>
    [TestClass]
    public sealed class CoreConfigurationTests
    {
        [TestMethod]
        public void Defaults_AreTheSeedsServersCriteriaAndTrust()
        {
            CoreSettings settings = Create(new CoreOptions());

            CollectionAssert.AreEqual(new[] { "Presence", "Im" }, settings.ApplicationServers.Select(s => s.Name).ToArray());
            Assert.AreEqual(new SipEndPoint("127.0.0.1", 5070, SipTransportType.Udp), settings.ApplicationServers[0].EndPoint);
            Assert.AreEqual(new SipEndPoint("127.0.0.1", 5080, SipTransportType.Udp), settings.ApplicationServers[1].EndPoint);
            CollectionAssert.AreEqual(
                new[] { "PresenceEvents (priority 10) -> Presence", "PagerMessages (priority 20) -> Im", "ApplicationServerToUser (priority 100) -> Contacts" },
                settings.FilterCriteria.Select(c => c.ToString()).ToArray());
            Assert.IsTrue(settings.Trusted.Contains(new SipEndPoint("127.0.0.1", 5070, SipTransportType.Udp)));
            Assert.IsTrue(settings.Trusted.Contains(new SipEndPoint("127.0.0.1", 5080, SipTransportType.Udp)));
            Assert.IsFalse(settings.Trusted.Contains(new SipEndPoint("127.0.0.1", 5090, SipTransportType.Udp)));
        }

        [TestMethod]
        public void ConfigurationFile_OverridingOneEntry_KeepsTheOthers()
        {
            CoreOptions options = Bind("""
                { "Core": {
                    "ApplicationServers": { "Im": { "Enabled": false }, "Presence": { "Port": 5310 } },
                    "FilterCriteria": { "Extra": { "Priority": 5, "Methods": "OPTIONS", "Target": "127.0.0.1:6000" } },
                    "Registrar": { "MinExpires": 30 } } }
                """);

            CoreSettings settings = Create(options);

            Assert.AreEqual("Presence", settings.ApplicationServers.Single().Name);
            Assert.AreEqual(5310, settings.ApplicationServers.Single().EndPoint.Port);
            CollectionAssert.AreEqual(
                new[] { "Extra (priority 5) -> 127.0.0.1:6000", "PresenceEvents (priority 10) -> Presence", "ApplicationServerToUser (priority 100) -> Contacts" },
                settings.FilterCriteria.Select(c => c.ToString()).ToArray(),
                "the criterion naming the disabled Im is skipped");
            Assert.AreEqual(30, options.Registrar.MinExpires);
            Assert.AreEqual(3600, options.Registrar.DefaultExpires);
        }

        [TestMethod]
        public void Create_WithBadValues_NamesEveryProblem()
        {
            var options = new CoreOptions();
            options.Registrar.MinExpires = 7200;
            options.ApplicationServers["Im"].Address = "im.example";
            options.ApplicationServers["Presence"].Transport = "sctp";
            options.FilterCriteria["Broken"] = new FilterCriterionOptions { Methods = "MES SAGE\u0001", Target = "Nowhere" };
            options.TrustedApplicationServers.Add("not an address");
            var failures = new List<string>();

            Assert.IsNull(CoreSettings.Create(options, "simpleim.test", failures, CoreServiceCollectionExtensions.HostedElements(new PresenceOptions(), new ImOptions())));

            string all = string.Join("\n", failures);
            StringAssert.Contains(all, "Core:Registrar needs MinExpires <= DefaultExpires <= MaxExpires");
            StringAssert.Contains(all, "Core:ApplicationServers:Im:Address must be a literal IP address (got 'im.example')");
            StringAssert.Contains(all, "Core:ApplicationServers:Presence:Transport must be udp or tcp (got 'sctp')");
            StringAssert.Contains(all, "Core:FilterCriteria:Broken:Methods must be SIP method tokens");
            StringAssert.Contains(all, "Core:FilterCriteria:Broken:Target must be Contacts, an application server name or ip:port (got 'Nowhere')");
            StringAssert.Contains(all, "Core:TrustedApplicationServers:0 must be ip:port or ip (got 'not an address')");
        }

        [TestMethod]
        public void ApplicationServerWithoutAddress_TakesItFromTheElementSection()
        {
            var presence = new PresenceOptions { Address = "127.0.0.2", Port = 6070 };

            CoreSettings settings = Create(new CoreOptions(), presence);

            Assert.AreEqual(new SipEndPoint("127.0.0.2", 6070, SipTransportType.Udp), settings.ApplicationServers[0].EndPoint);
            Assert.IsTrue(settings.Trusted.Contains(new SipEndPoint("127.0.0.2", 6070, SipTransportType.Udp)));
        }

        [TestMethod]
        public void ApplicationServerWithoutAddressOrElement_IsAnError()
        {
            var options = new CoreOptions();
            options.ApplicationServers["Voicemail"] = new ApplicationServerOptions { Port = 7000 };
            var failures = new List<string>();

            Assert.IsNull(CoreSettings.Create(options, "simpleim.test", failures, CoreServiceCollectionExtensions.HostedElements(new PresenceOptions(), new ImOptions())));

            CollectionAssert.AreEqual(new[] { "Core:ApplicationServers:Voicemail needs Address and Port: no element section Voicemail to take them from" }, failures);
        }

        [TestMethod]
        public void TrustedApplicationServers_WhenSet_ReplaceTheDefault()
        {
            var options = new CoreOptions();
            options.TrustedApplicationServers.Add("192.0.2.7");
            options.TrustedApplicationServers.Add("192.0.2.8:5999");

            CoreSettings settings = Create(options);

            Assert.IsTrue(settings.Trusted.Contains(new SipEndPoint("192.0.2.7", 1234, SipTransportType.Tcp)));
            Assert.IsTrue(settings.Trusted.Contains(new SipEndPoint("192.0.2.8", 5999, SipTransportType.Udp)));
            Assert.IsFalse(settings.Trusted.Contains(new SipEndPoint("192.0.2.8", 5998, SipTransportType.Udp)));
            Assert.IsFalse(settings.Trusted.Contains(new SipEndPoint("127.0.0.1", 5070, SipTransportType.Udp)));
        }

        [TestMethod]
        public async Task Serve_WithAFilterCriterionNamingNoServer_ExitsWithConfigurationCode()
        {
            using var temp = new TempDirectory();
            string config = ConfigFile.Write(temp, """{ "Core": { "FilterCriteria": { "Bad": { "Target": "Voicemail" } } } }""");

            CliResult result = await CliRunner.RunAsync("serve", "--role", "core", "--config", config, "--data-dir", temp.Combine("data"));

            Assert.AreEqual(ExitCodes.Configuration, result.ExitCode, result.ToString());
            StringAssert.Contains(result.Error, "Core:FilterCriteria:Bad:Target must be Contacts, an application server name or ip:port (got 'Voicemail')");
        }

        [TestMethod]
        public async Task Serve_RoleCore_RegistersAndRelaysBetweenUsersAddedWithTheCli()
        {
            using var temp = new TempDirectory();
            string data = temp.Combine("data");
            int port = FreePorts.Next();
            string config = ConfigFile.Write(temp, $$"""
                { "Core": { "Port": {{port}}, "ApplicationServers": { "Presence": { "Enabled": false }, "Im": { "Enabled": false } } } }
                """);
            Assert.AreEqual(ExitCodes.Success, (await CliRunner.RunAsync("users", "add", "bob", "--password", "bob-pw", "--config", config, "--data-dir", data)).ExitCode);
            Assert.AreEqual(ExitCodes.Success, (await CliRunner.RunAsync("users", "add", "tom", "--password", "tom-pw", "--config", config, "--data-dir", data)).ExitCode);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Task<CliResult> serve = CliRunner.RunAsync(stop.Token, "serve", "--role", "core", "--config", config, "--data-dir", data);
            var core = new IPEndPoint(IPAddress.Loopback, port);
            await using var bob = new TestUa("bob", core) { Password = "bob-pw", Timeout = TimeSpan.FromSeconds(2) };
            await using var tom = new TestUa("tom", core) { Password = "tom-pw" };
            try
            {
                SipMessage registered = await RetryUntilServingAsync(() => bob.RegisterAsync(), serve);
                SipMessage relayed = await tom.SendAsync(tom.CreateMessage("sip:bob@simpleim.test", "through serve"));

                Assert.AreEqual(200, registered.StatusCode, registered.ReasonPhrase);
                Assert.AreEqual(200, relayed.StatusCode, relayed.ReasonPhrase);
                Assert.AreEqual("through serve", Encoding.UTF8.GetString((await bob.ReceiveRequestAsync()).Body));
                Assert.IsTrue(File.Exists(Path.Combine(data, AuthenticationOptions.DefaultSecretFile)), "the nonce secret is kept in the data directory");
            }
            finally
            {
                stop.Cancel();
            }

            CliResult result = await serve;
            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        }

        private static async Task<SipMessage> RetryUntilServingAsync(Func<Task<SipMessage>> request, Task running)
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    return await request();
                }
                catch (TimeoutException) when (attempt < 10 && !running.IsCompleted)
                {
                    // serve is still starting
                }
            }
        }

        private static CoreOptions Bind(string json)
        {
            IConfiguration configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
            var options = new CoreOptions();
            configuration.GetSection(CoreOptions.SectionName).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
            return options;
        }

        private static CoreSettings Create(CoreOptions options, PresenceOptions? presence = null)
        {
            var failures = new List<string>();
            CoreSettings? settings = CoreSettings.Create(
                options, "simpleim.test", failures, CoreServiceCollectionExtensions.HostedElements(presence ?? new PresenceOptions(), new ImOptions()));
            Assert.IsNotNull(settings, string.Join("; ", failures));
            return settings;
        }
    }
}
