using System;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Accounts;
using SimpleImGateway.Companion.Hosting;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Transport;
using SimpleImGateway.Sip.Bodies.Pidf;

namespace SimpleImGateway.Companion.Tests.Dashboard.Support
{
    /// <summary>Writes test state through the store interfaces, as the SIP elements and the <c>users</c> verb do.</summary>
    public static class DashboardSeed
    {
        public static async Task AddUserAsync(IStorageProvider storage, string name, string realm = "simpleim.test")
        {
            var account = new UserAccount(name, realm, DigestHa1.Md5(name, realm, "secret"), DigestHa1.Sha256(name, realm, "secret"), DateTimeOffset.UtcNow);
            if (!await storage.Users.AddAsync(account))
            {
                throw new InvalidOperationException($"user {name} exists");
            }
        }

        public static async Task<long> StoreMessageAsync(IStorageProvider storage, string from, string to, string text, DateTimeOffset arrivedAt, string contentType = "text/plain")
        {
            MessageStoreResult result = await storage.Messages.StoreAsync(new NewDeferredMessage
            {
                Sender = from,
                Recipient = to,
                ContentType = contentType,
                Body = Encoding.UTF8.GetBytes(text),
                ArrivedAt = arrivedAt,
                ExpiresAt = arrivedAt.AddDays(1),
                DedupKey = "test:" + Guid.NewGuid().ToString("N"),
            }, quota: 100);
            return result.Outcome == MessageStoreOutcome.Stored ? result.MessageId : throw new InvalidOperationException($"message not stored: {result.Outcome}");
        }

        /// <summary>The PIDF a device publishes: one OMA IM tuple, open or closed, willing or not.</summary>
        public static byte[] Pidf(string aor, bool open, bool availableForIm, string? note = null) =>
            PidfWriter.Write(PresenceDocument.CreateForDevice(aor, "t1", open, availableForIm, null, note));

        public static Task PublishAsync(IStorageProvider storage, string aor, byte[] pidf, DateTimeOffset publishedAt, int lifetimeSeconds = 3600) =>
            storage.Presence.AddPublicationAsync(new PresencePublication
            {
                ETag = Guid.NewGuid().ToString("N"),
                Presentity = aor,
                EventPackage = "presence",
                ExpiresAt = publishedAt.AddSeconds(lifetimeSeconds),
                ContentType = "application/pidf+xml",
                Body = pidf,
                PublishedAt = publishedAt,
            });

        public static Task SubscribeAsync(IStorageProvider storage, string watcher, string presentity, SubscriptionState state, DateTimeOffset expiresAt, string callId) =>
            storage.Presence.UpsertSubscriptionAsync(new PresenceSubscription
            {
                Key = new SubscriptionKey(new DialogId(callId, "local-" + callId, "remote-" + callId), "presence"),
                Watcher = watcher,
                Presentity = presentity,
                ExpiresAt = expiresAt,
                State = state,
                RemoteTarget = watcher,
                LocalCSeq = 1,
                RemoteCSeq = 1,
            });

        /// <summary>Registers <see cref="SeedFlowStandIn"/> as the Core element of the host.</summary>
        public static void AddStandInCore(IServiceCollection services) =>
            services.AddKeyedSingleton<SipElement>(SipElementKind.Core, (sp, _) => new SeedFlowStandIn(
                new SipTransportOptions(),
                sp.GetRequiredService<IStorageProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<SeedFlowStandIn>()));
    }
}
