using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Support;
using SimpleImGateway.Companion.Tests.TestSupport;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Tests.Im
{
    /// <summary>
    /// The IM Server as an operator runs it (<c>simpleim serve --role im</c>, a child process) is killed right after
    /// a 202; the restarted process still delivers the message, exactly once.
    /// </summary>
    [TestClass]
    public sealed class ImCrashTests
    {
        private const string Bob = ImTestHarness.Bob;
        private const string Tom = ImTestHarness.Tom;

        [TestMethod]
        public async Task Kill_AfterA202_RestartedServerDeliversTheMessageExactlyOnce()
        {
            using var temp = new TempDirectory();
            string dataDir = temp.Combine("data");
            foreach (string user in new[] { "bob", "tom" })
            {
                CliResult added = await CliRunner.RunAsync("users", "add", user, "--password", "pw-" + user, "--data-dir", dataDir);
                Assert.AreEqual(0, added.ExitCode, added.ToString());
            }

            await using PagerTestUserAgent core = PagerTestUserAgent.Start();
            await using PagerTestUserAgent tom = PagerTestUserAgent.Start();
            int port = FreePorts.Next();
            var im = new IPEndPoint(IPAddress.Loopback, port);

            using (Process first = StartServe(dataDir, port, core.Port))
            {
                try
                {
                    await WaitForAnswerAsync(tom, im, first);
                    await RegisterAsync(core, im, port);
                    await AcceptAndNotifyAsync(core, im, available: false);

                    SipMessage message = tom.CreateRequest(SipMethods.Message, Bob, Tom, Bob);
                    message.Headers.Add(SipHeaderNames.ContentType, "text/plain");
                    message.Body = Encoding.UTF8.GetBytes("survive the crash");
                    Assert.AreEqual(202, (await tom.SendRequestAsync(message, im)).StatusCode);
                }
                finally
                {
                    first.Kill(entireProcessTree: true);
                    await first.WaitForExitAsync();
                }
            }

            using Process second = StartServe(dataDir, port, core.Port);
            try
            {
                await WaitForAnswerAsync(tom, im, second);

                // No new REGISTER: the restarted server resubscribes from the registration it recorded.
                await AcceptAndNotifyAsync(core, im, available: true);
                SipMessage delivery = await core.ReceiveRequestAsync(SipMethods.Message, timeout: TimeSpan.FromSeconds(10));
                core.Respond(delivery, 200, "OK");

                Assert.AreEqual("survive the crash", Encoding.UTF8.GetString(delivery.Body));
                StringAssert.Contains(delivery.Headers.Get(SipHeaderNames.From), Tom);
                await using IStorageProvider storage = StorageProviderFactory.CreateSqlite(Path.Combine(dataDir, StorageOptions.SqliteFileName));
                await ImTestHarness.WaitUntilAsync(async () => await storage.Messages.CountAsync(Bob) == 0, "the delivered message is deleted");
                Assert.IsNull(await core.TryReceiveAsync(m => m.IsRequest && m.Method == SipMethods.Message, TimeSpan.FromMilliseconds(700)));
            }
            finally
            {
                second.Kill(entireProcessTree: true);
                await second.WaitForExitAsync();
            }
        }

        private static Process StartServe(string dataDir, int port, int corePort)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "simpleim.dll"));
            foreach (string argument in new[] { "serve", "--role", "im", "--data-dir", dataDir })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["SIMPLEIM_Im__Port"] = port.ToString(CultureInfo.InvariantCulture);
            start.Environment["SIMPLEIM_Im__CorePort"] = corePort.ToString(CultureInfo.InvariantCulture);
            start.Environment["SIMPLEIM_Dashboard__Enabled"] = "false";
            Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start simpleim");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }

        // The server is up once it answers OPTIONS.
        private static async Task WaitForAnswerAsync(PagerTestUserAgent ua, IPEndPoint im, Process process)
        {
            DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                Assert.IsFalse(process.HasExited, "simpleim serve exited with " + (process.HasExited ? process.ExitCode : 0));
                SipMessage options = ua.CreateRequest(SipMethods.Options, "sip:127.0.0.1:" + im.Port, Tom, "sip:im-server@simpleim.test");
                try
                {
                    SipMessage answer = await ua.SendRequestAsync(options, im, TimeSpan.FromMilliseconds(400));
                    if (answer.StatusCode == 200)
                    {
                        return;
                    }
                }
                catch (TimeoutException)
                {
                    // not listening yet
                }
            }

            Assert.Fail("simpleim serve --role im did not answer within 20 s");
        }

        private static async Task RegisterAsync(PagerTestUserAgent core, IPEndPoint im, int port)
        {
            SipMessage register = core.CreateRequest(SipMethods.Register, "sip:127.0.0.1:" + port, Bob, Bob);
            register.Headers.Add(SipHeaderNames.Contact, "<sip:" + core.HostPort + ">");
            register.Headers.Add(SipHeaderNames.Expires, "3600");
            Assert.AreEqual(200, (await core.SendRequestAsync(register, im)).StatusCode);
        }

        private static async Task AcceptAndNotifyAsync(PagerTestUserAgent core, IPEndPoint im, bool available)
        {
            SipMessage subscribe = await core.ReceiveRequestAsync(SipMethods.Subscribe, timeout: TimeSpan.FromSeconds(10));
            string tag = PagerTestUserAgent.NewToken();
            core.Respond(subscribe, 200, "OK", r => r.Headers.Add(SipHeaderNames.Expires, "3600"), tag);

            NameAddress contact = NameAddress.ParseContact(subscribe.Headers.Get(SipHeaderNames.Contact)!);
            SipMessage notify = SipMessage.CreateRequest(SipMethods.Notify, contact.Uri!.ToString());
            notify.Headers.Add(SipHeaderNames.Via, "SIP/2.0/UDP " + core.HostPort + ";branch=z9hG4bK" + PagerTestUserAgent.NewToken());
            notify.Headers.Add(SipHeaderNames.MaxForwards, "70");
            notify.Headers.Add(SipHeaderNames.From, subscribe.Headers.Get(SipHeaderNames.To) + ";tag=" + tag);
            notify.Headers.Add(SipHeaderNames.To, subscribe.Headers.Get(SipHeaderNames.From)!);
            notify.Headers.Add(SipHeaderNames.CallId, subscribe.CallId!);
            notify.Headers.Add(SipHeaderNames.CSeq, "1 NOTIFY");
            notify.Headers.Add(SipHeaderNames.Event, "presence");
            notify.Headers.Add(SipHeaderNames.SubscriptionState, "active;expires=3600");
            notify.Headers.Add(SipHeaderNames.ContentType, "application/pidf+xml");
            notify.Body = ImTestHarness.Pidf(Bob, available);
            Assert.AreEqual(200, (await core.SendRequestAsync(notify, im)).StatusCode);
        }
    }
}
