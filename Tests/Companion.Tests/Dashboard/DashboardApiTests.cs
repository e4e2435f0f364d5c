using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Dashboard.Support;

namespace SimpleImGateway.Companion.Tests.Dashboard
{
    /// <summary>The dashboard's JSON endpoints over real HTTP on 127.0.0.1, with state written through the stores.</summary>
    [TestClass]
    public sealed class DashboardApiTests
    {
        private const string Bob = "sip:bob@simpleim.test";
        private const string Tom = "sip:tom@simpleim.test";
        private const string ImServer = "sip:im@simpleim.test";

        [TestMethod]
        public async Task Registrations_LiveAndExpiredBindings_ListsOnlyTheLiveOnesWithTheirFacts()
        {
            await using DashboardTestHost host = await DashboardTestHost.StartAsync();
            DateTimeOffset now = DateTimeOffset.UtcNow;
            await host.Storage.Bindings.UpsertAsync(new ContactBinding
            {
                Aor = Bob,
                ContactUri = "sip:bob@127.0.0.1:5062",
                Q = 0.5,
                ExpiresAt = now.AddSeconds(600),
                CallId = "reg-1",
                CSeq = 3,
                Source = "127.0.0.1:5062",
                Transport = "udp",
                InstanceId = "<urn:uuid:00000000-0000-0000-0000-000000000001>",
                RegId = 1,
            });
            await host.Storage.Bindings.UpsertAsync(new ContactBinding { Aor = Tom, ContactUri = "sip:tom@127.0.0.1:5064", ExpiresAt = now.AddSeconds(-1), CallId = "reg-2", CSeq = 1 });

            JsonElement body = await host.GetJsonAsync("/api/registrations");

            JsonElement[] registrations = body.GetProperty("registrations").EnumerateArray().ToArray();
            Assert.AreEqual(1, registrations.Length, body.ToString());
            JsonElement bob = registrations[0];
            Assert.AreEqual(Bob, bob.GetProperty("aor").GetString());
            Assert.AreEqual("bob", bob.GetProperty("user").GetString());
            Assert.AreEqual("sip:bob@127.0.0.1:5062", bob.GetProperty("contact").GetString());
            Assert.AreEqual("udp", bob.GetProperty("transport").GetString());
            Assert.AreEqual("127.0.0.1:5062", bob.GetProperty("source").GetString());
            Assert.AreEqual(0.5, bob.GetProperty("q").GetDouble());
            Assert.AreEqual("reg-1", bob.GetProperty("callId").GetString());
            Assert.AreEqual(3, bob.GetProperty("cSeq").GetInt64());
            Assert.AreEqual(1, bob.GetProperty("regId").GetInt32());
            long left = bob.GetProperty("expiresInSeconds").GetInt64();
            Assert.IsTrue(left is > 590 and <= 600, $"expiresInSeconds {left}");
        }

        [TestMethod]
        public async Task Presence_AvailablePublicationWithWatchers_ComposesStateAndListsWatchersWithRules()
        {
            await using DashboardTestHost host = await DashboardTestHost.StartAsync();
            DateTimeOffset now = DateTimeOffset.UtcNow;
            await DashboardSeed.AddUserAsync(host.Storage, "bob");
            await DashboardSeed.AddUserAsync(host.Storage, "tom");
            await DashboardSeed.PublishAsync(host.Storage, Bob, DashboardSeed.Pidf(Bob, open: false, availableForIm: false), now.AddSeconds(-20));
            await DashboardSeed.PublishAsync(host.Storage, Bob, DashboardSeed.Pidf(Bob, open: true, availableForIm: true, note: "at my desk"), now.AddSeconds(-10));
            await DashboardSeed.SubscribeAsync(host.Storage, Tom, Bob, SubscriptionState.Active, now.AddSeconds(300), "sub-tom");
            await DashboardSeed.SubscribeAsync(host.Storage, ImServer, Bob, SubscriptionState.Pending, now.AddSeconds(300), "sub-im");
            await host.Storage.Presence.SetWatcherRuleAsync(new WatcherRule(Bob, Tom, WatcherDecision.Allow));
            await host.Storage.Presence.SetWatcherRuleAsync(new WatcherRule(Bob, "sip:eve@simpleim.test", WatcherDecision.PoliteBlock));

            JsonElement body = await host.GetJsonAsync("/api/presence");

            JsonElement[] presentities = body.GetProperty("presentities").EnumerateArray().ToArray();
            CollectionAssert.AreEqual(new[] { Bob, Tom, }, presentities.Select(p => p.GetProperty("presentity").GetString()).ToArray(), body.ToString());
            JsonElement bob = presentities[0];
            Assert.AreEqual("available", bob.GetProperty("status").GetString());
            Assert.IsTrue(bob.GetProperty("open").GetBoolean());
            Assert.IsTrue(bob.GetProperty("availableForIm").GetBoolean());
            Assert.AreEqual(2, bob.GetProperty("publications").GetInt32());
            Assert.AreEqual(1, bob.GetProperty("tuples").GetInt32(), "both publications carry tuple t1: the newer replaces the older");
            Assert.AreEqual("at my desk", bob.GetProperty("note").GetString());
            JsonElement[] watchers = bob.GetProperty("watchers").EnumerateArray().ToArray();
            CollectionAssert.AreEqual(new[] { ImServer, Tom }, watchers.Select(w => w.GetProperty("watcher").GetString()).ToArray());
            Assert.AreEqual("pending", watchers[0].GetProperty("state").GetString());
            Assert.AreEqual(JsonValueKind.Null, watchers[0].GetProperty("rule").ValueKind);
            Assert.AreEqual("active", watchers[1].GetProperty("state").GetString());
            Assert.AreEqual("allow", watchers[1].GetProperty("rule").GetString());
            Assert.AreEqual("sub-tom", watchers[1].GetProperty("callId").GetString());
            CollectionAssert.AreEqual(
                new[] { "sip:eve@simpleim.test=politeBlock", Tom + "=allow" },
                bob.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("watcher").GetString() + "=" + r.GetProperty("decision").GetString()).ToArray());

            JsonElement tom = presentities[1];
            Assert.AreEqual("offline", tom.GetProperty("status").GetString(), "Tom only watches; he published nothing");
            Assert.IsFalse(tom.GetProperty("availableForIm").GetBoolean());
            Assert.AreEqual(0, tom.GetProperty("watchers").GetArrayLength());
        }

        [TestMethod]
        public async Task Presence_ClosedAndExpiredPublications_ReportClosedAndOffline()
        {
            await using DashboardTestHost host = await DashboardTestHost.StartAsync();
            DateTimeOffset now = DateTimeOffset.UtcNow;
            await DashboardSeed.AddUserAsync(host.Storage, "bob");
            await DashboardSeed.AddUserAsync(host.Storage, "tom");
            await DashboardSeed.PublishAsync(host.Storage, Bob, DashboardSeed.Pidf(Bob, open: true, availableForIm: false), now.AddSeconds(-5));
            await DashboardSeed.PublishAsync(host.Storage, Tom, DashboardSeed.Pidf(Tom, open: true, availableForIm: true), now.AddSeconds(-100), lifetimeSeconds: 50);

            JsonElement body = await host.GetJsonAsync("/api/presence");

            JsonElement[] presentities = body.GetProperty("presentities").EnumerateArray().ToArray();
            Assert.AreEqual("open", presentities[0].GetProperty("status").GetString(), "open but not willing to take IM");
            Assert.IsTrue(presentities[0].GetProperty("open").GetBoolean());
            Assert.IsFalse(presentities[0].GetProperty("availableForIm").GetBoolean());
            Assert.AreEqual("offline", presentities[1].GetProperty("status").GetString(), "Tom's only publication expired");
        }

        [TestMethod]
        public async Task Messages_StoredForUsers_CountsOldestAndSizesWithoutBodies()
        {
            await using DashboardTestHost host = await DashboardTestHost.StartAsync();
            DateTimeOffset now = DateTimeOffset.UtcNow;
            await DashboardSeed.AddUserAsync(host.Storage, "bob");
            await DashboardSeed.AddUserAsync(host.Storage, "tom");
            DateTimeOffset first = now.AddMinutes(-5);
            await DashboardSeed.StoreMessageAsync(host.Storage, Tom, Bob, "Hello Bob", first);
            await DashboardSeed.StoreMessageAsync(host.Storage, Tom, Bob, "Are you there?", now.AddMinutes(-1));
            await DashboardSeed.StoreMessageAsync(host.Storage, Bob, "sip:carol@simpleim.test", "hi", now);

            JsonElement body = await host.GetJsonAsync("/api/messages");

            Assert.AreEqual(3, body.GetProperty("totalCount").GetInt32());
            Assert.AreEqual(9 + 14 + 2, body.GetProperty("totalBytes").GetInt64());
            JsonElement[] queues = body.GetProperty("queues").EnumerateArray().ToArray();
            CollectionAssert.AreEqual(
                new[] { "bob:2", "carol:1", "tom:0" },
                queues.Select(q => q.GetProperty("user").GetString() + ":" + q.GetProperty("count").GetInt32()).ToArray(),
                "every user is listed, with or without messages, and a recipient that is no user too");
            JsonElement bob = queues[0];
            Assert.AreEqual(Bob, bob.GetProperty("recipient").GetString());
            Assert.AreEqual(23, bob.GetProperty("totalBytes").GetInt64());
            Assert.AreEqual(first.ToUnixTimeMilliseconds(), bob.GetProperty("oldestArrivedAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
            JsonElement message = bob.GetProperty("messages")[0];
            Assert.AreEqual(Tom, message.GetProperty("sender").GetString());
            Assert.AreEqual(9, message.GetProperty("size").GetInt32());
            Assert.AreEqual("text/plain", message.GetProperty("contentType").GetString());
            Assert.AreEqual(JsonValueKind.Null, message.GetProperty("body").ValueKind, "bodies are private unless asked for");
            Assert.AreEqual(JsonValueKind.Null, queues[2].GetProperty("oldestArrivedAt").ValueKind);
        }

        [TestMethod]
        public async Task Messages_BodiesAsked_IncludesTextAsUtf8AndOtherTypesAsBase64()
        {
            await using DashboardTestHost host = await DashboardTestHost.StartAsync();
            await DashboardSeed.StoreMessageAsync(host.Storage, Tom, Bob, "Grüße", DateTimeOffset.UtcNow.AddSeconds(-1));
            await DashboardSeed.StoreMessageAsync(host.Storage, Tom, Bob, "<x/>", DateTimeOffset.UtcNow, "application/xml");

            JsonElement body = await host.GetJsonAsync("/api/messages?bodies=true");

            JsonElement[] messages = body.GetProperty("queues")[0].GetProperty("messages").EnumerateArray().ToArray();
            Assert.AreEqual("Grüße", messages[0].GetProperty("body").GetString());
            Assert.AreEqual("utf-8", messages[0].GetProperty("bodyEncoding").GetString());
            Assert.AreEqual(Convert.ToBase64String("<x/>"u8.ToArray()), messages[1].GetProperty("body").GetString());
            Assert.AreEqual("base64", messages[1].GetProperty("bodyEncoding").GetString());
        }

        [TestMethod]
        public async Task LadderAndDevices_RegisterAndPublishThroughAnElement_AreTracedAndShown()
        {
            await using DashboardTestHost host = await DashboardTestHost.StartAsync(elements: DashboardSeed.AddStandInCore);
            await DashboardSeed.AddUserAsync(host.Storage, "bob");
            await DashboardSeed.AddUserAsync(host.Storage, "tom");
            await using var ua = new DashboardTestUa("bob", host.Domain, host.CorePort);

            Assert.AreEqual(200, (await ua.SendAsync(ua.CreateRegister(600))).StatusCode);
            Assert.AreEqual(200, (await ua.SendAsync(ua.CreatePublish(DashboardSeed.Pidf(ua.Aor, open: true, availableForIm: true)))).StatusCode);

            // The element traces a message just after handing it to the socket: wait for the last 200 OK.
            JsonElement ladder = await WaitForLadderAsync(host, 4);
            Assert.AreEqual(500, ladder.GetProperty("capacity").GetInt32());
            JsonElement[] entries = ladder.GetProperty("entries").EnumerateArray().ToArray();
            CollectionAssert.AreEqual(
                new[] { "bob→core REGISTER", "core→bob 200 OK", "bob→core PUBLISH", "core→bob 200 OK" },
                entries.Select(e => e.GetProperty("from").GetString() + "→" + e.GetProperty("to").GetString() + " " + e.GetProperty("label").GetString()).ToArray(),
                ladder.ToString());
            Assert.AreEqual(ua.CallId, entries[0].GetProperty("callId").GetString());
            Assert.AreEqual("in", entries[0].GetProperty("direction").GetString());
            Assert.AreEqual($"127.0.0.1:{ua.Port}", entries[0].GetProperty("fromAddress").GetString());
            Assert.AreEqual("UDP", entries[0].GetProperty("transport").GetString());
            Assert.AreEqual("bob → bob · Expires 600", entries[0].GetProperty("summary").GetString());
            Assert.AreEqual("REGISTER", entries[1].GetProperty("method").GetString());
            Assert.AreEqual(200, entries[1].GetProperty("status").GetInt32());
            StringAssert.EndsWith(entries[2].GetProperty("summary").GetString(), "application/pidf+xml " + DashboardSeed.Pidf(ua.Aor, true, true).Length + " B (open, available for IM)");
            long last = ladder.GetProperty("lastSequence").GetInt64();
            Assert.AreEqual(entries[^1].GetProperty("sequence").GetInt64(), last);
            Assert.AreEqual(2, (await host.GetJsonAsync($"/api/ladder?after={last - 2}")).GetProperty("entries").GetArrayLength());
            Assert.AreEqual(0, (await host.GetJsonAsync($"/api/ladder?after={last}")).GetProperty("entries").GetArrayLength());
            StringAssert.Contains((await host.GetJsonAsync("/api/ladder?after=-1", 400)).GetProperty("error").GetString(), "'after'");

            JsonElement[] devices = (await host.GetJsonAsync("/api/devices")).GetProperty("devices").EnumerateArray().ToArray();
            Assert.AreEqual(2, devices.Length);
            JsonElement bob = devices[0];
            Assert.AreEqual("bob", bob.GetProperty("user").GetString());
            Assert.AreEqual(Bob, bob.GetProperty("aor").GetString());
            Assert.IsTrue(bob.GetProperty("registered").GetBoolean());
            Assert.AreEqual(ua.ContactUri, bob.GetProperty("contact").GetString());
            Assert.AreEqual("udp", bob.GetProperty("transport").GetString());
            Assert.AreEqual($"127.0.0.1:{ua.Port}", bob.GetProperty("source").GetString());
            Assert.IsTrue(bob.GetProperty("available").GetBoolean());
            Assert.AreEqual("available", bob.GetProperty("presence").GetString());
            DateTimeOffset registeredAt = bob.GetProperty("lastRegistrationAt").GetDateTimeOffset();
            Assert.IsTrue(DateTimeOffset.UtcNow - registeredAt < TimeSpan.FromSeconds(30), registeredAt.ToString("O"));
            JsonElement tom = devices[1];
            Assert.IsFalse(tom.GetProperty("registered").GetBoolean());
            Assert.IsFalse(tom.GetProperty("available").GetBoolean());
            Assert.AreEqual("offline", tom.GetProperty("presence").GetString());
            Assert.AreEqual(JsonValueKind.Null, tom.GetProperty("lastRegistrationAt").ValueKind);
            Assert.AreEqual(JsonValueKind.Null, tom.GetProperty("contact").ValueKind);
        }

        private static async Task<JsonElement> WaitForLadderAsync(DashboardTestHost host, int entries)
        {
            DateTime deadline = DateTime.UtcNow.AddSeconds(5);
            while (true)
            {
                JsonElement ladder = await host.GetJsonAsync("/api/ladder");
                if (ladder.GetProperty("entries").GetArrayLength() >= entries || DateTime.UtcNow > deadline)
                {
                    return ladder;
                }

                await Task.Delay(20);
            }
        }

        [TestMethod]
        public async Task Health_StorageReadable_ReportsOkRoleDomainStorageAndTracedElements()
        {
            await using DashboardTestHost host = await DashboardTestHost.StartAsync(elements: DashboardSeed.AddStandInCore);

            JsonElement health = await host.GetJsonAsync("/api/health");

            Assert.AreEqual("ok", health.GetProperty("status").GetString());
            Assert.AreEqual("Core", health.GetProperty("role").GetString());
            Assert.AreEqual("simpleim.test", health.GetProperty("domain").GetString());
            StringAssert.StartsWith(health.GetProperty("storage").GetString(), "SQLite database ");
            Assert.AreEqual(JsonValueKind.Null, health.GetProperty("storageError").ValueKind);
            JsonElement element = health.GetProperty("elements").EnumerateArray().Single();
            Assert.AreEqual("core", element.GetProperty("name").GetString());
            Assert.AreEqual($"127.0.0.1:{host.CorePort}", element.GetProperty("address").GetString());
        }

        [TestMethod]
        public async Task StorageFailure_TableGone_AnswersWith503AndKeepsServingTheRest()
        {
            await using DashboardTestHost host = await DashboardTestHost.StartAsync();
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={host.Storage.Description["SQLite database ".Length..]};Pooling=False"))
            {
                await connection.OpenAsync();
                using var drop = connection.CreateCommand();
                drop.CommandText = "DROP TABLE users";
                await drop.ExecuteNonQueryAsync();
            }

            JsonElement devices = await host.GetJsonAsync("/api/devices", 503);
            JsonElement health = await host.GetJsonAsync("/api/health", 503);

            StringAssert.StartsWith(devices.GetProperty("error").GetString(), "cannot read devices: ");
            StringAssert.Contains(devices.GetProperty("error").GetString(), "users");
            Assert.AreEqual("degraded", health.GetProperty("status").GetString());
            StringAssert.Contains(health.GetProperty("storageError").GetString(), "users");
            await host.GetJsonAsync("/api/registrations", 200);
        }

        [TestMethod]
        public async Task UnknownApiPath_Answers404WithJsonError()
        {
            await using DashboardTestHost host = await DashboardTestHost.StartAsync();

            JsonElement body = await host.GetJsonAsync("/api/nothing-here", 404);

            Assert.AreEqual("no such endpoint: /api/nothing-here", body.GetProperty("error").GetString());
        }

        [TestMethod]
        public async Task Page_Root_ServesHtmlScriptAndStyleWithRestrictiveHeaders()
        {
            await using DashboardTestHost host = await DashboardTestHost.StartAsync();

            using HttpResponseMessage page = await host.Http.GetAsync("/");
            string html = await page.Content.ReadAsStringAsync();

            Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
            Assert.AreEqual("text/html", page.Content.Headers.ContentType?.MediaType);
            StringAssert.Contains(html, "<title>SimpleIM companion</title>");
            StringAssert.Contains(html, "<script src=\"dashboard.js\" defer></script>");
            StringAssert.Contains(page.Headers.GetValues("Content-Security-Policy").Single(), "script-src 'self'");
            Assert.AreEqual("no-store", page.Headers.CacheControl?.ToString());
            Assert.AreEqual("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.IsFalse(page.Headers.Contains("Server"), "Kestrel's Server header is off");

            using HttpResponseMessage script = await host.Http.GetAsync("/dashboard.js");
            Assert.AreEqual("text/javascript", script.Content.Headers.ContentType?.MediaType);
            StringAssert.Contains(await script.Content.ReadAsStringAsync(), "/api/ladder?after=");
            using HttpResponseMessage style = await host.Http.GetAsync("/dashboard.css");
            Assert.AreEqual("text/css", style.Content.Headers.ContentType?.MediaType);
        }
    }
}
