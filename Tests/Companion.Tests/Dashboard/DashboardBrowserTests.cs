using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Dashboard.Support;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Tests.Dashboard
{
    /// <summary>
    /// The dashboard page in headless Chromium (Debian's package, driven by Playwright through its executable path;
    /// no browser is downloaded). SIP traffic comes from a test UA through <see cref="SeedFlowStandIn"/>, which
    /// stands in for the Core, Presence and IM elements of other branches by writing through the same stores.
    /// </summary>
    [TestClass]
    public sealed class DashboardBrowserTests
    {
        private const string ChromiumPath = "/usr/bin/chromium";
        private const string Bob = "sip:bob@simpleim.test";
        private const string Tom = "sip:tom@simpleim.test";
        private const float WaitMilliseconds = 10_000;

        [TestMethod]
        public async Task Page_BobRegistersAndPublishes_GoesFromOfflineToAvailableAndHisStoredMessageDrains()
        {
            await using DashboardTestHost host = await DashboardTestHost.StartAsync(elements: DashboardSeed.AddStandInCore);
            await DashboardSeed.AddUserAsync(host.Storage, "bob");
            await DashboardSeed.AddUserAsync(host.Storage, "tom");
            await DashboardSeed.SubscribeAsync(host.Storage, Tom, Bob, SubscriptionState.Active, DateTimeOffset.UtcNow.AddHours(1), "tom-watches-bob");
            await host.Storage.Presence.SetWatcherRuleAsync(new WatcherRule(Bob, Tom, WatcherDecision.Allow));
            // Tom's MESSAGE to offline Bob, as the IM Server stores it before answering 202.
            await DashboardSeed.StoreMessageAsync(host.Storage, Tom, Bob, "Hello Bob, are you there?", DateTimeOffset.UtcNow);

            await using BrowserSession browser = await BrowserSession.LaunchAsync();
            IPage page = browser.Page;
            await page.GotoAsync(host.BaseAddress.ToString());

            await WaitForAsync(page, "#presence .card[data-user='bob'][data-status='offline']");
            await WaitForAsync(page, "#devices tr[data-user='bob'][data-registered='false']");
            await WaitForAsync(page, "#messages tr[data-user='bob'][data-count='1']");
            await WaitForAsync(page, "#presence .card[data-user='bob'] li[data-watcher='sip:tom@simpleim.test'][data-state='active']");
            Assert.AreEqual("offline", await page.InnerTextAsync("#presence .card[data-user='bob'] .title [data-field='badge']"));
            Assert.AreEqual("1", await page.InnerTextAsync("#messages tr[data-user='bob'] [data-field='count']"));
            await page.ScreenshotAsync(new() { Path = ArtifactPath("dashboard-before.png"), FullPage = true });

            await using var bob = new DashboardTestUa("bob", host.Domain, host.CorePort);
            Assert.AreEqual(200, (await bob.SendAsync(bob.CreateRegister())).StatusCode);
            Assert.AreEqual(200, (await bob.SendAsync(bob.CreatePublish(DashboardSeed.Pidf(Bob, open: true, availableForIm: true, note: "online")))).StatusCode);

            await WaitForAsync(page, "#devices tr[data-user='bob'][data-registered='true'][data-available='true']");
            await WaitForAsync(page, "#presence .card[data-user='bob'][data-status='available']");
            await WaitForAsync(page, "#messages tr[data-user='bob'][data-count='0']");
            await WaitForAsync(page, "#registrations tr[data-aor='sip:bob@simpleim.test']");
            await WaitForAsync(page, "#ladder tr[data-label='MESSAGE'][data-from='core'][data-to='bob']");
            Assert.AreEqual("available", await page.InnerTextAsync("#presence .card[data-user='bob'] .title [data-field='badge']"));
            Assert.AreEqual("0", await page.InnerTextAsync("#messages tr[data-user='bob'] [data-field='count']"));
            string ladder = await page.InnerTextAsync("#ladder tbody");
            foreach (string step in new[] { "REGISTER", "PUBLISH", "MESSAGE", "200 OK" })
            {
                StringAssert.Contains(ladder, step);
            }

            SipMessage delivered = bob.Received.Single(m => m.Method == SipMethods.Message);
            Assert.AreEqual("Hello Bob, are you there?", DashboardTestUa.BodyText(delivered));
            await page.ScreenshotAsync(new() { Path = ArtifactPath("dashboard.png"), FullPage = true });
            CollectionAssert.AreEqual(Array.Empty<string>(), browser.Errors.ToArray(), "the page logged errors");
        }

        [TestMethod]
        public async Task Page_TokenConfigured_ShowsDataWithTheTokenAndExplainsWithoutIt()
        {
            const string Token = "browser-token-0123456789";
            await using DashboardTestHost host = await DashboardTestHost.StartAsync($$"""{ "Dashboard": { "Token": "{{Token}}" } }""");
            await DashboardSeed.AddUserAsync(host.Storage, "bob");

            await using BrowserSession browser = await BrowserSession.LaunchAsync();
            IPage page = browser.Page;
            IResponse? refused = await page.GotoAsync(host.BaseAddress.ToString());
            Assert.AreEqual(401, refused?.Status);

            await page.GotoAsync(host.BaseAddress + "?token=" + Token);
            await WaitForAsync(page, "#devices tr[data-user='bob']");
            await WaitForAsync(page, "#health[data-status='ok']");
            Assert.IsTrue(await page.IsHiddenAsync("#banner"));
        }

        private static async Task WaitForAsync(IPage page, string selector)
        {
            try
            {
                await page.WaitForSelectorAsync(selector, new() { Timeout = WaitMilliseconds, State = WaitForSelectorState.Attached });
            }
            catch (TimeoutException)
            {
                string path = ArtifactPath("dashboard-failure.png");
                await page.ScreenshotAsync(new() { Path = path, FullPage = true });
                Assert.Fail($"the page never showed {selector}; screenshot: {path}");
            }
        }

        /// <summary>A file in <c>artifacts/dashboard/</c> of the repository (beside the solution), for a person to look at.</summary>
        private static string ArtifactPath(string name)
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SimpleImGateway.sln")))
            {
                directory = directory.Parent;
            }

            string folder = Path.Combine(directory?.FullName ?? Path.GetTempPath(), "artifacts", "dashboard");
            Directory.CreateDirectory(folder);
            return Path.Combine(folder, name);
        }

        /// <summary>Playwright, headless Chromium and one page, with the page's console errors collected.</summary>
        private sealed class BrowserSession : IAsyncDisposable
        {
            private readonly IPlaywright _playwright;
            private readonly IBrowser _browser;

            private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page)
            {
                _playwright = playwright;
                _browser = browser;
                Page = page;
                page.Console += (_, message) =>
                {
                    // A refused page load (the 401 test) is logged by the browser itself; it is expected there.
                    if (message.Type == "error" && !message.Text.Contains("401", StringComparison.Ordinal))
                    {
                        Errors.Add(message.Text);
                    }
                };
                page.PageError += (_, error) => Errors.Add(error);
            }

            public IPage Page { get; }

            public List<string> Errors { get; } = [];

            public static async Task<BrowserSession> LaunchAsync()
            {
                if (!File.Exists(ChromiumPath))
                {
                    Assert.Inconclusive($"{ChromiumPath} is missing: run tools/ci/setup-chromium.sh (Debian's chromium package)");
                }

                // Playwright must use the system browser; it never fetches one of its own.
                Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
                IPlaywright playwright = await Playwright.CreateAsync();
                try
                {
                    IBrowser browser = await playwright.Chromium.LaunchAsync(new()
                    {
                        ExecutablePath = ChromiumPath,
                        Headless = true,
                        Args =
                        [
                            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync",
                        ],
                    });
                    IPage page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
                    return new BrowserSession(playwright, browser, page);
                }
                catch
                {
                    playwright.Dispose();
                    throw;
                }
            }

            public async ValueTask DisposeAsync()
            {
                await _browser.DisposeAsync();
                _playwright.Dispose();
            }
        }
    }
}
