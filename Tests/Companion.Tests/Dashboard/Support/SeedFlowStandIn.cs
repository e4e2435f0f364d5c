using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Transport;
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Tests.Dashboard.Support
{
    /// <summary>
    /// A test stand-in for the SIP/IP Core, Presence Server and IM Server, which are written on other branches.
    /// It is a real <see cref="SipElement"/> on the real transport (so its messages reach the dashboard through
    /// <see cref="SipElement.Traced"/>) and writes through the store interfaces as the elements do: a REGISTER
    /// stores a binding, a PUBLISH stores a publication, and once a PUBLISH says the user is available for IM
    /// the user's stored messages are sent to its contact and deleted on 2xx. No digest, no third-party
    /// registration, no subscriptions or NOTIFYs: those belong to the real elements.
    /// </summary>
    public sealed class SeedFlowStandIn : SipElement
    {
        private readonly IStorageProvider _storage;

        public SeedFlowStandIn(SipTransportOptions transport, IStorageProvider storage, ILogger logger)
            : base("core", transport, logger)
        {
            _storage = storage;
        }

        /// <summary>Messages delivered and deleted from the store.</summary>
        public int Delivered { get; private set; }

        public override void OnRequest(SipServerTransaction transaction, SipMessage request)
        {
            switch (request.Method)
            {
                case SipMethods.Register:
                    RunAsync(() => RegisterAsync(transaction, request), "registering");
                    break;
                case SipMethods.Publish:
                    RunAsync(() => PublishAsync(transaction, request), "publishing");
                    break;
                default:
                    transaction.Respond(405, "Not handled by the dashboard test stand-in");
                    break;
            }
        }

        private static string Aor(SipMessage request)
        {
            var uri = NameAddress.Parse(request.Headers.Get(SipHeaderNames.To)).SipUri;
            return $"sip:{uri.User}@{uri.Host}";
        }

        private async Task RegisterAsync(SipServerTransaction transaction, SipMessage request)
        {
            string aor = Aor(request);
            string contact = NameAddress.ParseContact(request.Headers.Get(SipHeaderNames.Contact)).Uri?.ToString() ?? throw new InvalidOperationException("REGISTER without a contact URI");
            long expires = ExpiresHeader.Parse(request.Headers.Get(SipHeaderNames.Expires) ?? "3600");
            CSeqHeader cseq = CSeqHeader.Parse(request.Headers.Get(SipHeaderNames.CSeq));
            if (expires == 0)
            {
                await _storage.Bindings.RemoveAsync(aor, contact);
            }
            else
            {
                await _storage.Bindings.UpsertAsync(new ContactBinding
                {
                    Aor = aor,
                    ContactUri = contact,
                    ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(expires),
                    CallId = request.CallId,
                    CSeq = cseq.Number,
                    Source = $"{transaction.Source.Host}:{transaction.Source.Port}",
                    Transport = transaction.Source.TransportToken.ToLowerInvariant(),
                });
            }

            Loop.Post(() =>
            {
                SipMessage ok = transaction.CreateResponse(200, "OK");
                if (expires > 0)
                {
                    ok.Headers.Add(SipHeaderNames.Contact, $"<{contact}>;expires={expires}");
                }

                transaction.SendResponse(ok);
            });
        }

        private async Task PublishAsync(SipServerTransaction transaction, SipMessage request)
        {
            string aor = Aor(request);
            long expires = ExpiresHeader.Parse(request.Headers.Get(SipHeaderNames.Expires) ?? "3600");
            string etag = Guid.NewGuid().ToString("N")[..12];
            var publication = new PresencePublication
            {
                ETag = etag,
                Presentity = aor,
                EventPackage = "presence",
                ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(expires),
                ContentType = request.Headers.Get(SipHeaderNames.ContentType) ?? "application/pidf+xml",
                Body = request.Body,
                PublishedAt = DateTimeOffset.UtcNow,
            };
            await _storage.Presence.AddPublicationAsync(publication);
            Loop.Post(() =>
            {
                SipMessage ok = transaction.CreateResponse(200, "OK");
                ok.Headers.Add(SipHeaderNames.SipETag, etag);
                ok.Headers.Add(SipHeaderNames.Expires, expires.ToString());
                transaction.SendResponse(ok);
            });

            if (PidfReader.Parse(request.Body, 0, request.Body.Length).IsAvailableForIm)
            {
                await DeliverStoredAsync(aor);
            }
        }

        private async Task DeliverStoredAsync(string aor)
        {
            IReadOnlyList<ContactBinding> contacts = await _storage.Bindings.ListLiveAsync(aor, DateTimeOffset.UtcNow);
            if (contacts.Count == 0 || contacts[0].Source is not { } source)
            {
                return;
            }

            string[] hostPort = source.Split(':');
            var destination = new SipEndPoint(hostPort[0], int.Parse(hostPort[1]), SipTransportType.Udp);
            foreach (DeferredMessage stored in await _storage.Messages.ListAsync(aor))
            {
                Loop.Post(() =>
                {
                    SipMessage message = SipMessage.CreateRequest(SipMethods.Message, contacts[0].ContactUri);
                    message.Headers.Add(SipHeaderNames.MaxForwards, "70");
                    message.Headers.Add(SipHeaderNames.From, $"<{stored.Sender}>;tag={Guid.NewGuid():N}");
                    message.Headers.Add(SipHeaderNames.To, $"<{aor}>");
                    message.Headers.Add(SipHeaderNames.CallId, Guid.NewGuid().ToString("N") + "@" + HostPort);
                    message.Headers.Add(SipHeaderNames.CSeq, "1 MESSAGE");
                    message.Headers.Add(SipHeaderNames.ContentType, stored.ContentType);
                    message.Body = stored.Body;
                    SendRequest(message, destination, new DeleteOnSuccess(this, stored.Id));
                });
            }
        }

        /// <summary>Deletes a delivered message once its MESSAGE got a 2xx, as the IM Server does.</summary>
        private sealed class DeleteOnSuccess(SeedFlowStandIn element, long id) : ISipClientTransactionUser
        {
            public void OnResponse(SipClientTransaction transaction, SipMessage response)
            {
                if (response.StatusCode is >= 200 and < 300)
                {
                    element.RunAsync(async () =>
                    {
                        if (await element._storage.Messages.DeleteAsync(id))
                        {
                            element.Loop.Post(() => element.Delivered++);
                        }
                    }, "deleting a delivered message");
                }
            }

            public void OnTimeout(SipClientTransaction transaction)
            {
            }

            public void OnTransportError(SipClientTransaction transaction, Exception error)
            {
            }
        }
    }
}
