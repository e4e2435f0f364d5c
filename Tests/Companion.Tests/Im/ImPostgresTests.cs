using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Tests.Support;
using SimpleImGateway.Sip.Message;
using static SimpleImGateway.Companion.Tests.Im.ImTestHarness;

namespace SimpleImGateway.Companion.Tests.Im
{
    /// <summary>The IM Server on PostgreSQL (inconclusive when no PostgreSQL is configured).</summary>
    [TestClass]
    public sealed class ImPostgresTests
    {
        [TestMethod]
        public async Task Postgres_StoreDedupQuotaAndDeliver()
        {
            await using PostgresTestDatabase database = await PostgresTestDatabase.CreateAsync();
            await using ImTestHarness im = await StartAsync(o => o.QuotaPerUser = 2, database: database);

            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "one", m => m.Headers.Add(SipHeaderNames.MessageId, "pg-1"))).StatusCode);
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "one again", m => m.Headers.Add(SipHeaderNames.MessageId, "pg-1"))).StatusCode);
            Assert.AreEqual(202, (await im.SendMessageAsync(Bob, "two")).StatusCode);
            Assert.AreEqual(486, (await im.SendMessageAsync(Bob, "three")).StatusCode);
            await im.RegisterAsync(Bob, available: true);

            SipMessage first = await im.ExpectDeliveryAsync();
            im.Core.Respond(first, 200, "OK");
            SipMessage second = await im.ExpectDeliveryAsync();
            im.Core.Respond(second, 200, "OK");

            Assert.AreEqual("one", TextOf(first));
            Assert.AreEqual("two", TextOf(second));
            await WaitUntilAsync(async () => await im.Messages.CountAsync(Bob) == 0, "both delivered and deleted");
        }
    }
}
