using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.TestSupport;
using SimpleImGateway.Sip.Message;
using static SimpleImGateway.Companion.Tests.Im.ImTestHarness;

namespace SimpleImGateway.Companion.Tests.Im
{
    /// <summary>What the IM Server stores: duplicates, quota, size limits, expiry and bad requests.</summary>
    [TestClass]
    public sealed class ImStoreTests
    {
        [TestMethod]
        public async Task Message_Retransmitted_AnsweredAgainAndStoredOnce()
        {
            await using ImTestHarness im = await StartAsync();
            SipMessage message = im.CreateMessage(Bob, "once");

            SipMessage first = await im.TomUa.SendRequestAsync(message, im.ImEndPoint);
            im.TomUa.Send(message, im.ImEndPoint);
            await Task.Delay(100);

            Assert.AreEqual(202, first.StatusCode);
            CollectionAssert.AreEqual(new[] { "once" }, await im.StoredTextsAsync(Bob));
        }

        [TestMethod]
        public async Task Message_SameCallIdAndCSeqInANewTransaction_Answered202AndStoredOnce()
        {
            await using ImTestHarness im = await StartAsync();
            SipMessage message = im.CreateMessage(Bob, "once");
            Assert.AreEqual(202, (await im.TomUa.SendRequestAsync(message, im.ImEndPoint)).StatusCode);

            im.TomUa.NewBranch(message);
            SipMessage again = await im.TomUa.SendRequestAsync(message, im.ImEndPoint);

            Assert.AreEqual(202, again.StatusCode);
            CollectionAssert.AreEqual(new[] { "once" }, await im.StoredTextsAsync(Bob));
        }

        [TestMethod]
        public async Task Message_ResentWithSameMessageId_Answered202AndStoredOnce()
        {
            await using ImTestHarness im = await StartAsync();

            SipMessage first = await im.SendMessageAsync(Bob, "original", m => m.Headers.Add(SipHeaderNames.MessageId, "abc-1@device"));
            SipMessage resent = await im.SendMessageAsync(Bob, "re-sent copy", m => m.Headers.Add(SipHeaderNames.MessageId, "abc-1@device"));
            SipMessage other = await im.SendMessageAsync(Bob, "different", m => m.Headers.Add(SipHeaderNames.MessageId, "abc-2@device"));

            Assert.AreEqual(202, first.StatusCode);
            Assert.AreEqual(202, resent.StatusCode);
            Assert.AreEqual(202, other.StatusCode);
            CollectionAssert.AreEqual(new[] { "original", "different" }, await im.StoredTextsAsync(Bob));
        }

        [TestMethod]
        public async Task Message_ResentAfterItWasDelivered_NotDeliveredAgain()
        {
            await using ImTestHarness im = await StartAsync();
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "only once", m => m.Headers.Add(SipHeaderNames.MessageId, "k-1"))).StatusCode);
            StandInSubscription presence = await im.RegisterAsync(Bob, available: true);
            im.Core.Respond(await im.ExpectDeliveryAsync(), 200, "OK");
            await WaitUntilAsync(async () => await im.Messages.CountAsync(Bob) == 0, "delivered and deleted");
            await Task.Delay(100); // the element learns of the committed delete just after the store shows it

            // Re-sent while Bob is available (relay path) and while he is not (store path).
            SipMessage whileAvailable = await im.SendMessageAsync(Bob, "only once", m => m.Headers.Add(SipHeaderNames.MessageId, "k-1"));
            await presence.NotifyAsync(available: false);
            SipMessage whileAway = await im.SendMessageAsync(Bob, "only once", m => m.Headers.Add(SipHeaderNames.MessageId, "k-1"));

            Assert.AreEqual(200, whileAvailable.StatusCode);
            Assert.AreEqual(202, whileAway.StatusCode);
            await im.ExpectNoDeliveryAsync(TimeSpan.FromMilliseconds(300));
            Assert.AreEqual(0, await im.Messages.CountAsync(Bob));
        }

        [TestMethod]
        public async Task Message_ResentWhileItsRelayIsUnderWay_SharesTheRelaysAnswerAndIsDeliveredOnce()
        {
            await using ImTestHarness im = await StartAsync();
            await im.RegisterAsync(Bob, available: true);

            Task<SipMessage> original = im.SendMessageAsync(Bob, "in flight", m => m.Headers.Add(SipHeaderNames.MessageId, "r-1"));
            SipMessage relayed = await im.ExpectDeliveryAsync();
            Task<SipMessage> copy = im.SendMessageAsync(Bob, "in flight", m => m.Headers.Add(SipHeaderNames.MessageId, "r-1"));
            await Task.Delay(100);
            im.Core.Respond(relayed, 200, "OK");

            Assert.AreEqual(200, (await original).StatusCode);
            Assert.AreEqual(200, (await copy).StatusCode);
            await im.ExpectNoDeliveryAsync(TimeSpan.FromMilliseconds(300));
            Assert.AreEqual(0, await im.Messages.CountAsync(Bob));
        }

        [TestMethod]
        public async Task Message_OverQuota_RefusedWithStoreFullAndNothingStoredIsDropped()
        {
            await using ImTestHarness im = await StartAsync(o => o.QuotaPerUser = 2);
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "1")).StatusCode);
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "2")).StatusCode);

            SipMessage refused = await im.SendMessageAsync(Bob, "3");
            SipMessage forAlice = await im.SendMessageAsync(Alice, "a");

            Assert.AreEqual(486, refused.StatusCode);
            StringAssert.Contains(refused.ReasonPhrase, "message store full");
            Assert.AreEqual(202, forAlice.StatusCode, "the quota is per recipient");
            CollectionAssert.AreEqual(new[] { "1", "2" }, await im.StoredTextsAsync(Bob));
        }

        [TestMethod]
        public async Task Message_BodyOverTheUdpLimit_Answered513()
        {
            await using ImTestHarness im = await StartAsync(o => o.MaxUdpBodyBytes = 100);

            SipMessage answer = await im.SendMessageAsync(Bob, new string('x', 101));
            SipMessage atLimit = await im.SendMessageAsync(Bob, new string('y', 100));

            Assert.AreEqual(513, answer.StatusCode);
            StringAssert.Contains(answer.ReasonPhrase, "101 bytes exceeds the 100-byte limit over UDP");
            Assert.AreEqual(202, atLimit.StatusCode);
            Assert.AreEqual(1, await im.Messages.CountAsync(Bob));
        }

        [TestMethod]
        public async Task Message_LargeBodyOverTcp_Stored()
        {
            await using ImTestHarness im = await StartAsync();
            SipMessage message = im.CreateMessage(Bob, new string('z', 5000));

            SipMessage answer = await PagerTestUserAgent.SendOverTcpAsync(message, im.ImEndPoint);

            Assert.AreEqual(202, answer.StatusCode);
            Assert.AreEqual(5000, (await im.Messages.ListAsync(Bob)).Single().Body.Length);
        }

        [TestMethod]
        public async Task Message_UnknownUser_Answered404AndNotStored()
        {
            await using ImTestHarness im = await StartAsync();

            SipMessage answer = await im.SendMessageAsync("sip:nobody@simpleim.test", "hello?");
            SipMessage foreign = await im.SendMessageAsync("sip:bob@elsewhere.test", "hello?");

            Assert.AreEqual(404, answer.StatusCode);
            StringAssert.Contains(answer.ReasonPhrase, "no such user");
            Assert.AreEqual(404, foreign.StatusCode);
            Assert.AreEqual(0, (await im.Messages.ListAllAsync()).Count);
        }

        [TestMethod]
        [DataRow("no body")]
        [DataRow("no content type")]
        public async Task Message_Malformed_Answered400(string problem)
        {
            await using ImTestHarness im = await StartAsync();

            SipMessage answer = await im.SendMessageAsync(Bob, "x", m =>
            {
                if (problem == "no body")
                {
                    m.Body = [];
                }
                else
                {
                    m.Headers.Remove(SipHeaderNames.ContentType);
                }
            });

            Assert.AreEqual(400, answer.StatusCode);
            Assert.AreEqual(0, await im.Messages.CountAsync(Bob));
        }

        [TestMethod]
        public async Task Message_ToRequestUriNamingTheServer_RecipientTakenFromTo()
        {
            await using ImTestHarness im = await StartAsync();

            SipMessage answer = await im.SendMessageAsync(Bob, "via as address", m => m.RequestUri = "sip:127.0.0.1:" + im.Options.Port);

            Assert.AreEqual(202, answer.StatusCode);
            Assert.AreEqual(1, await im.Messages.CountAsync(Bob));
        }

        [TestMethod]
        public async Task Expiry_MessageOutlivesItsLifetime_RemovedAndSenderGetsOneNoticeNeverANoticeAboutTheNotice()
        {
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            await using ImTestHarness im = await StartAsync(o => o.MessageLifetime = TimeSpan.FromDays(7), time);
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "too late")).StatusCode);

            time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(2));
            await WaitUntilAsync(async () => await im.Messages.CountAsync(Bob) == 0, "the expired message is removed");
            await WaitUntilAsync(async () => await im.Messages.CountAsync(Tom) == 1, "tom's notice is stored");

            DeferredMessage notice = (await im.Messages.ListAsync(Tom)).Single();
            Assert.AreEqual("<sip:im-server@simpleim.test>", notice.Sender);
            StringAssert.Contains(Encoding.UTF8.GetString(notice.Body), "to sip:bob@simpleim.test");
            StringAssert.Contains(Encoding.UTF8.GetString(notice.Body), "expired");

            // Another expiry run must not repeat the notice, and the notice's own expiry produces none.
            im.Element.RunExpiryNow();
            await Task.Delay(200);
            Assert.AreEqual(1, await im.Messages.CountAsync(Tom));
            time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(2));
            await WaitUntilAsync(async () => await im.Messages.CountAsync(Tom) == 0, "the notice expires");
            im.Element.RunExpiryNow();
            await Task.Delay(200);
            Assert.AreEqual(0, (await im.Messages.ListAllAsync()).Count);
        }

        [TestMethod]
        public async Task Expiry_NotYetDue_KeepsTheMessage()
        {
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            await using ImTestHarness im = await StartAsync(o => o.MessageLifetime = TimeSpan.FromHours(1), time);
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "still fresh")).StatusCode);

            time.Advance(TimeSpan.FromMinutes(59));
            im.Element.RunExpiryNow();
            await Task.Delay(200);

            Assert.AreEqual(1, await im.Messages.CountAsync(Bob));
            DeferredMessage stored = (await im.Messages.ListAsync(Bob)).Single();
            Assert.AreEqual(stored.ArrivedAt + TimeSpan.FromHours(1), stored.ExpiresAt);
        }

        [TestMethod]
        public async Task Expiry_WithNoticesOff_SenderGetsNothing()
        {
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            await using ImTestHarness im = await StartAsync(o => o.NotifySenderOnExpiry = false, time);
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "quiet")).StatusCode);

            time.Advance(TimeSpan.FromDays(8));
            await WaitUntilAsync(async () => await im.Messages.CountAsync(Bob) == 0, "expired");
            await Task.Delay(100);

            Assert.AreEqual(0, (await im.Messages.ListAllAsync()).Count);
        }

        [TestMethod]
        public async Task OtherMethods_AnsweredWithAllow()
        {
            await using ImTestHarness im = await StartAsync();
            SipMessage publish = im.TomUa.CreateRequest(SipMethods.Publish, Bob, Tom, Bob);
            SipMessage options = im.TomUa.CreateRequest(SipMethods.Options, "sip:127.0.0.1:" + im.Options.Port, Tom, "sip:im-server@simpleim.test");
            SipMessage strayNotify = im.TomUa.CreateRequest(SipMethods.Notify, "sip:im-server@127.0.0.1", Bob, "sip:im-server@simpleim.test");
            strayNotify.Headers.Add(SipHeaderNames.Event, "presence");
            strayNotify.Headers.Add(SipHeaderNames.SubscriptionState, "active");

            SipMessage publishAnswer = await im.TomUa.SendRequestAsync(publish, im.ImEndPoint);
            SipMessage optionsAnswer = await im.TomUa.SendRequestAsync(options, im.ImEndPoint);
            SipMessage notifyAnswer = await im.TomUa.SendRequestAsync(strayNotify, im.ImEndPoint);

            Assert.AreEqual(405, publishAnswer.StatusCode);
            StringAssert.Contains(publishAnswer.Headers.Get(SipHeaderNames.Allow), "MESSAGE");
            Assert.AreEqual(200, optionsAnswer.StatusCode);
            Assert.AreEqual(481, notifyAnswer.StatusCode);
        }

        [TestMethod]
        public async Task Register_NotFromTheCore_Refused403()
        {
            await using ImTestHarness im = await StartAsync(o => o.CoreAddress = "127.0.0.2");

            SipMessage answer = await im.SendRegisterAsync(Bob, 600);

            Assert.AreEqual(403, answer.StatusCode);
        }
    }
}
