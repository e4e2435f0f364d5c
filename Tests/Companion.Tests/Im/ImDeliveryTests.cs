using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using static SimpleImGateway.Companion.Tests.Im.ImTestHarness;

namespace SimpleImGateway.Companion.Tests.Im
{
    /// <summary>The seed's offline and online messaging through a real IM Server on loopback.</summary>
    [TestClass]
    public sealed class ImDeliveryTests
    {
        [TestMethod]
        public async Task Message_RecipientNotRegistered_Answered202AndStoredDurably()
        {
            await using ImTestHarness im = await StartAsync();

            SipMessage answer = await im.SendMessageAsync(Bob, "are you there?");

            Assert.AreEqual(202, answer.StatusCode, answer.ToString());
            DeferredMessage stored = (await im.Messages.ListAsync(Bob)).Single();
            Assert.AreEqual("are you there?", System.Text.Encoding.UTF8.GetString(stored.Body));
            Assert.AreEqual("Tom <sip:tom@simpleim.test>", stored.Sender, "From without its tag");
            Assert.AreEqual("text/plain;charset=UTF-8", stored.ContentType);

            // committed before the 202: a provider opened afresh on the file sees it
            await using IStorageProvider reopened = im.Database.OpenProvider();
            Assert.AreEqual(1, await reopened.Messages.CountAsync(Bob));
        }

        [TestMethod]
        public async Task Message_RegisteredButNotAvailable_StoredAndNotDelivered()
        {
            await using ImTestHarness im = await StartAsync();
            await im.RegisterAsync(Bob, available: false);

            SipMessage answer = await im.SendMessageAsync(Bob, "later");

            Assert.AreEqual(202, answer.StatusCode);
            await im.ExpectNoDeliveryAsync(TimeSpan.FromMilliseconds(400));
            CollectionAssert.AreEqual(new[] { "later" }, await im.StoredTextsAsync(Bob));
        }

        [TestMethod]
        public async Task Register_SubscribesToPresenceThroughTheCoreAsTheImServer()
        {
            await using ImTestHarness im = await StartAsync();

            SipMessage answer = await im.SendRegisterAsync(Bob, 600);
            SipMessage subscribe = await im.Core.ReceiveRequestAsync(SipMethods.Subscribe);

            Assert.AreEqual(200, answer.StatusCode);
            Assert.AreEqual("600", answer.Headers.Get(SipHeaderNames.Expires));
            Assert.AreEqual(Bob, subscribe.RequestUri);
            Assert.AreEqual("presence", subscribe.Headers.Get(SipHeaderNames.Event));
            Assert.AreEqual("application/pidf+xml", subscribe.Headers.Get(SipHeaderNames.Accept));
            Assert.AreEqual("3600", subscribe.Headers.Get(SipHeaderNames.Expires));
            NameAddress from = NameAddress.Parse(subscribe.Headers.Get(SipHeaderNames.From)!);
            Assert.AreEqual("sip:im-server@simpleim.test", from.Uri!.ToString());
            Assert.IsNotNull(from.Tag);
            Assert.AreEqual("<sip:bob@simpleim.test>", subscribe.Headers.Get(SipHeaderNames.To));
            StringAssert.StartsWith(subscribe.Headers.Get(SipHeaderNames.Contact), "<sip:im-server@127.0.0.1:" + im.Options.Port);
        }

        [TestMethod]
        public async Task Notify_ShowsAvailable_DeliversStoredMessageWithOriginalSenderAndArrivalDate()
        {
            await using ImTestHarness im = await StartAsync();
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "hello while you were away", m => m.Headers.Add(SipHeaderNames.MessageId, "m-1@tom"))).StatusCode);
            DeferredMessage stored = (await im.Messages.ListAsync(Bob)).Single();
            StandInSubscription presence = await im.RegisterAsync(Bob, available: false);
            await im.ExpectNoDeliveryAsync(TimeSpan.FromMilliseconds(200));

            Assert.AreEqual(200, (await presence.NotifyAsync(available: true)).StatusCode);
            SipMessage delivery = await im.ExpectDeliveryAsync();

            Assert.AreEqual(Bob, delivery.RequestUri);
            NameAddress from = NameAddress.Parse(delivery.Headers.Get(SipHeaderNames.From)!);
            Assert.AreEqual("Tom", from.DisplayName);
            Assert.AreEqual(Tom, from.Uri!.ToString());
            Assert.AreEqual("<sip:bob@simpleim.test>", delivery.Headers.Get(SipHeaderNames.To));
            Assert.AreEqual(stored.ArrivedAt.UtcDateTime.ToString("r", CultureInfo.InvariantCulture), delivery.Headers.Get(SipHeaderNames.Date));
            StringAssert.EndsWith(delivery.Headers.Get(SipHeaderNames.Date), " GMT");
            Assert.AreEqual("m-1@tom", delivery.Headers.Get(SipHeaderNames.MessageId));
            Assert.AreEqual("text/plain;charset=UTF-8", delivery.Headers.Get(SipHeaderNames.ContentType));
            Assert.AreEqual("hello while you were away", TextOf(delivery));

            Assert.AreEqual(1, await im.Messages.CountAsync(Bob), "deleted only after the 2xx");
            im.Core.Respond(delivery, 200, "OK");
            await WaitUntilAsync(async () => await im.Messages.CountAsync(Bob) == 0, "the delivered message is deleted");
        }

        [TestMethod]
        public async Task Message_RecipientAvailable_RelayedThroughTheCoreAndFinalResponsePassedBack()
        {
            await using ImTestHarness im = await StartAsync();
            await im.RegisterAsync(Bob, available: true);

            Task<SipMessage> answer = im.SendMessageAsync(Bob, "hi bob");
            SipMessage relayed = await im.ExpectDeliveryAsync();
            im.Core.Respond(relayed, 486, "Busy Here", r => r.Headers.Add(SipHeaderNames.Warning, "399 bob \"in a meeting\""));

            Assert.AreEqual(Bob, relayed.RequestUri);
            Assert.AreEqual("hi bob", TextOf(relayed));
            StringAssert.Contains(relayed.Headers.Get(SipHeaderNames.From), Tom);
            Assert.AreEqual("69", relayed.Headers.Get(SipHeaderNames.MaxForwards));
            SipMessage final = await answer;
            Assert.AreEqual(486, final.StatusCode);
            Assert.AreEqual("Busy Here", final.ReasonPhrase);
            Assert.AreEqual("399 bob \"in a meeting\"", final.Headers.Get(SipHeaderNames.Warning));
            Assert.AreEqual(0, await im.Messages.CountAsync(Bob));
        }

        [TestMethod]
        public async Task Message_RecipientAvailable_200FromRecipientReachesTheSender()
        {
            await using ImTestHarness im = await StartAsync();
            await im.RegisterAsync(Bob, available: true);

            Task<SipMessage> answer = im.SendMessageAsync(Bob, "hi");
            im.Core.Respond(await im.ExpectDeliveryAsync(), 200, "OK");

            Assert.AreEqual(200, (await answer).StatusCode);
        }

        [TestMethod]
        public async Task Relay_CoreAnswers480_MessageStoredAndAnswered202()
        {
            await using ImTestHarness im = await StartAsync();
            await im.RegisterAsync(Bob, available: true);

            Task<SipMessage> answer = im.SendMessageAsync(Bob, "keep me");
            im.Core.Respond(await im.ExpectDeliveryAsync(), 480, "Temporarily Unavailable");

            Assert.AreEqual(202, (await answer).StatusCode);
            SipMessage retry = await im.ExpectDeliveryAsync();
            Assert.AreEqual("keep me", TextOf(retry));
            im.Core.Respond(retry, 200, "OK");
            await WaitUntilAsync(async () => await im.Messages.CountAsync(Bob) == 0, "delivered from the store");
        }

        [TestMethod]
        public async Task Deliveries_StoredMessages_GoOutInArrivalOrderOneAtATime()
        {
            await using ImTestHarness im = await StartAsync();
            for (int i = 1; i <= 3; i++)
            {
                Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "m" + i)).StatusCode);
            }

            await im.RegisterAsync(Bob, available: true);

            for (int i = 1; i <= 3; i++)
            {
                SipMessage delivery = await im.ExpectDeliveryAsync();
                Assert.AreEqual("m" + i, TextOf(delivery));
                await im.ExpectNoDeliveryAsync(TimeSpan.FromMilliseconds(150));
                im.Core.Respond(delivery, 200, "OK");
            }

            await WaitUntilAsync(async () => await im.Messages.CountAsync(Bob) == 0, "all delivered");
        }

        [TestMethod]
        public async Task Message_WhileStoredMessagesAreDelivered_QueuesBehindThemInOrder()
        {
            await using ImTestHarness im = await StartAsync();
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "first")).StatusCode);
            await im.RegisterAsync(Bob, available: true);
            SipMessage first = await im.ExpectDeliveryAsync();

            SipMessage second = await im.SendMessageAsync(Bob, "second");
            im.Core.Respond(first, 200, "OK");

            Assert.AreEqual(202, second.StatusCode, "stored behind the one in flight, not relayed past it");
            Assert.AreEqual("first", TextOf(first));
            SipMessage next = await im.ExpectDeliveryAsync();
            Assert.AreEqual("second", TextOf(next));
            im.Core.Respond(next, 200, "OK");
        }

        [TestMethod]
        public async Task Delivery_RecipientAnswers5xxThen200_OneRetryOneDelivery()
        {
            await using ImTestHarness im = await StartAsync();
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "persist")).StatusCode);
            await im.RegisterAsync(Bob, available: true);

            SipMessage firstAttempt = await im.ExpectDeliveryAsync();
            im.Core.Respond(firstAttempt, 500, "Server Internal Error");
            await WaitUntilAsync(async () => (await im.Messages.ListAsync(Bob)).Single().Attempts == 1, "the failed attempt is recorded");
            SipMessage secondAttempt = await im.ExpectDeliveryAsync();
            im.Core.Respond(secondAttempt, 200, "OK");

            Assert.AreEqual("persist", TextOf(secondAttempt));
            Assert.AreEqual(firstAttempt.CallId, secondAttempt.CallId, "a retry keeps its Call-ID so the recipient can tell");
            await WaitUntilAsync(async () => await im.Messages.CountAsync(Bob) == 0, "deleted after the 2xx");
            await im.ExpectNoDeliveryAsync(TimeSpan.FromMilliseconds(600));
            Assert.AreEqual(2, im.Core.Received.Count(m => m.IsRequest && m.Method == SipMethods.Message));
        }

        [TestMethod]
        public async Task Delivery_RecipientTimesOutThenAnswers_Retried()
        {
            await using ImTestHarness im = await StartAsync(o => o.RetryInitialDelay = TimeSpan.FromMilliseconds(100));
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "x")).StatusCode);
            await im.RegisterAsync(Bob, available: true);

            SipMessage first = await im.ExpectDeliveryAsync();
            im.Core.Respond(first, 503, "Service Unavailable");
            SipMessage second = await im.ExpectDeliveryAsync();
            im.Core.Respond(second, 202, "Accepted");

            await WaitUntilAsync(async () => await im.Messages.CountAsync(Bob) == 0, "a 202 counts as delivered");
        }

        [TestMethod]
        public async Task Delivery_RecipientRefusesForGood_MessageRemovedAndSenderNotifiedOnce()
        {
            await using ImTestHarness im = await StartAsync();
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "odd format")).StatusCode);
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "plain")).StatusCode);
            await im.RegisterAsync(Bob, available: true);

            im.Core.Respond(await im.ExpectDeliveryAsync(), 415, "Unsupported Media Type");
            SipMessage next = await im.ExpectDeliveryAsync();
            im.Core.Respond(next, 200, "OK");

            Assert.AreEqual("plain", TextOf(next), "a refused message does not block the ones behind it");
            await WaitUntilAsync(async () => (await im.Messages.ListAsync(Tom)).Count == 1, "a notice is stored for tom");
            DeferredMessage notice = (await im.Messages.ListAsync(Tom)).Single();
            Assert.AreEqual("<sip:im-server@simpleim.test>", notice.Sender);
            StringAssert.Contains(System.Text.Encoding.UTF8.GetString(notice.Body), "415");
            await WaitUntilAsync(async () => await im.Messages.CountAsync(Bob) == 0, "both are removed");
        }

        [TestMethod]
        public async Task Notify_Closed_StopsFurtherDeliveries()
        {
            await using ImTestHarness im = await StartAsync();
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "a")).StatusCode);
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "b")).StatusCode);
            StandInSubscription presence = await im.RegisterAsync(Bob, available: true);
            SipMessage first = await im.ExpectDeliveryAsync();

            Assert.AreEqual(200, (await presence.NotifyAsync(available: false)).StatusCode);
            im.Core.Respond(first, 200, "OK");

            await im.ExpectNoDeliveryAsync(TimeSpan.FromMilliseconds(400));
            CollectionAssert.AreEqual(new[] { "b" }, await im.StoredTextsAsync(Bob));
        }

        [TestMethod]
        public async Task DeliverOnRegister_RegistrationAloneTriggersDelivery()
        {
            await using ImTestHarness im = await StartAsync(o => o.DeliverOnRegister = true);
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "msilo style")).StatusCode);

            Assert.AreEqual(200, (await im.SendRegisterAsync(Bob, 600)).StatusCode);
            SipMessage delivery = await im.ExpectDeliveryAsync();

            Assert.AreEqual("msilo style", TextOf(delivery));
            im.Core.Respond(delivery, 200, "OK");
        }

        [TestMethod]
        public async Task Message_NonPagerContentType_StoredAndDeliveredByteForByte()
        {
            await using ImTestHarness im = await StartAsync();
            byte[] body = [0x00, 0xFF, 0x10, 0x0D, 0x0A, 0x80, 0x7F];

            SipMessage answer = await im.SendMessageAsync(Bob, "x", m =>
            {
                m.Headers.Set(SipHeaderNames.ContentType, "application/vnd.example+octets; v=2");
                m.Body = body;
            });
            await im.RegisterAsync(Bob, available: true);
            SipMessage delivery = await im.ExpectDeliveryAsync();
            im.Core.Respond(delivery, 200, "OK");

            Assert.AreEqual(202, answer.StatusCode);
            Assert.AreEqual("application/vnd.example+octets; v=2", delivery.Headers.Get(SipHeaderNames.ContentType));
            CollectionAssert.AreEqual(body, delivery.Body);
        }
    }
}
