using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Cli;
using SimpleImGateway.Companion.Tests.Support;
using SimpleImGateway.Companion.Tests.TestSupport;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Tests.Presence
{
    /// <summary>The Presence Server as <c>serve</c> runs it: built by the host from configuration.</summary>
    [TestClass]
    public sealed class ServePresenceTests
    {
        [TestMethod]
        public async Task Serve_RolePresence_ElementAnswersOptionsAndSubscribe()
        {
            using var temp = new TempDirectory();
            int port = FreePorts.Next();
            string config = ConfigFile.Write(temp, $$"""{ "Presence": { "Port": {{port}} } }""");
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Task<CliResult> serve = CliRunner.RunAsync(stop.Token, "serve", "--role", "presence", "--config", config, "--data-dir", temp.Combine("data"));
            await using TestUserAgent im = TestUserAgent.Start(PresenceTestServer.ImServer);
            var target = new IPEndPoint(IPAddress.Loopback, port);
            try
            {
                SipMessage? options = null;
                for (int attempt = 0; attempt < 100 && options is null && !serve.IsCompleted; attempt++)
                {
                    try
                    {
                        options = await im.SendAsync(im.CreateRequest(SipMethods.Options, $"sip:{target}"), target, TimeSpan.FromMilliseconds(200));
                    }
                    catch (TimeoutException)
                    {
                        // not listening yet
                    }
                }

                Assert.IsNotNull(options, "the Presence Server did not answer OPTIONS");
                Assert.AreEqual(200, options.StatusCode);
                CollectionAssert.AreEqual(new[] { "presence", "reg" }, options.Headers.GetAll(SipHeaderNames.AllowEvents));

                SipMessage response = await im.SendAsync(PresenceTestServer.CreateSubscribe(im, PresenceTestServer.Bob), target);
                SipMessage notify = await im.NextRequestAsync(SipMethods.Notify);
                Assert.AreEqual(200, response.StatusCode, response.ReasonPhrase);
                Assert.IsTrue(PresenceTestServer.State(notify).IsActive, "the configured IM Server identity is trusted");
            }
            finally
            {
                stop.Cancel();
            }

            CliResult result = await serve;
            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        }
    }
}
