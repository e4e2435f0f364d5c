using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>The IM Server: incoming MESSAGEs, relayed to an available recipient or stored (RFC 3428).</summary>
    public sealed partial class ImElement
    {
        private void HandleMessage(SipServerTransaction transaction, SipMessage request)
        {
            string? recipient = RecipientOf(request);
            if (recipient is null)
            {
                transaction.Respond(404, "Not Found: the Request-URI and To name no SIP user");
                return;
            }

            if (!ImAddresses.IsInDomain(recipient, _domain))
            {
                transaction.Respond(404, "Not Found: " + recipient + " is not in domain " + _domain);
                return;
            }

            if (recipient == _identityAor)
            {
                transaction.Respond(404, "Not Found: the IM Server itself takes no messages");
                return;
            }

            byte[] body = request.Body;
            if (transaction.Source.Transport == SipTransportType.Udp && body.Length > Options.MaxUdpBodyBytes)
            {
                transaction.Respond(513, "Message Too Large: a body of " + body.Length + " bytes exceeds the " + Options.MaxUdpBodyBytes + "-byte limit over UDP; send it over TCP");
                return;
            }

            if (body.Length == 0)
            {
                transaction.Respond(400, "Bad Request: MESSAGE without a body");
                return;
            }

            string? contentType = request.Headers.Get(SipHeaderNames.ContentType);
            if (string.IsNullOrWhiteSpace(contentType))
            {
                transaction.Respond(400, "Bad Request: the body has no Content-Type");
                return;
            }

            NameAddress? from = ImAddresses.TryParseNameAddress(request.Headers.Get(SipHeaderNames.From));
            if (from?.Uri is null)
            {
                transaction.Respond(400, "Bad Request: malformed From");
                return;
            }

            var incoming = new IncomingMessage(
                transaction,
                request,
                recipient,
                ImAddresses.WithoutTag(from),
                contentType.Trim(),
                body,
                DedupKeyOf(request),
                Now);

            RecipientQueue queue = GetQueue(recipient);
            if (_stateLoaded && queue.IsIdle && IsAvailable(recipient))
            {
                if (_recent.Contains(recipient, incoming.DedupKey))
                {
                    transaction.Respond(200, "OK (already delivered)");
                    return;
                }

                Relay(incoming, queue);
                return;
            }

            if (queue.Relaying && queue.RelayingKey == incoming.DedupKey)
            {
                // The same message re-sent while its relay is under way: it shares that relay's outcome.
                queue.RelayCopies.Add(transaction);
                return;
            }

            Store(incoming, queue, checkUser: !_watches.ContainsKey(recipient));
        }

        // The Core sends MESSAGE with the recipient's AOR as Request-URI; a Request-URI naming this server
        // (a Core that rewrote it to the application server) leaves the To header to say who it is for.
        private string? RecipientOf(SipMessage request)
        {
            string? aor = ImAddresses.AorOfUri(request.RequestUri);
            if (aor is null || ImAddresses.SameAddress(ImAddresses.DomainOf(aor), Transport.AdvertisedHost))
            {
                return ImAddresses.AorOfNameAddress(request.Headers.Get(SipHeaderNames.To));
            }

            return aor;
        }

        private static string DedupKeyOf(SipMessage request)
        {
            string? messageId = request.Headers.Get(SipHeaderNames.MessageId);
            if (!string.IsNullOrWhiteSpace(messageId))
            {
                return MessageDedupKey.FromMessageId(messageId);
            }

            CSeqHeader cseq = CSeqHeader.Parse(request.Headers.Get(SipHeaderNames.CSeq));
            return MessageDedupKey.FromCallIdAndCSeq(request.CallId ?? string.Empty, cseq.Number);
        }

        // ---- relay ----

        private static readonly HashSet<string> s_notRelayed = new(StringComparer.OrdinalIgnoreCase)
        {
            SipHeaderNames.Via, SipHeaderNames.Route, SipHeaderNames.RecordRoute, SipHeaderNames.MaxForwards,
            SipHeaderNames.ContentLength, SipHeaderNames.Authorization, SipHeaderNames.ProxyAuthorization,
            SipHeaderNames.ProxyRequire, SipHeaderNames.Contact,
        };

        private static readonly string[] s_passedBack =
        [
            SipHeaderNames.Warning, SipHeaderNames.RetryAfter, SipHeaderNames.Unsupported, SipHeaderNames.Allow,
            SipHeaderNames.Accept, SipHeaderNames.AcceptEncoding, SipHeaderNames.Date, SipHeaderNames.Server,
        ];

        private void Relay(IncomingMessage incoming, RecipientQueue queue)
        {
            SipMessage request = incoming.Request!;
            int maxForwards = MaxForwardsHeader.Default;
            string? maxForwardsValue = request.Headers.Get(SipHeaderNames.MaxForwards);
            if (maxForwardsValue is not null)
            {
                try
                {
                    maxForwards = MaxForwardsHeader.Parse(maxForwardsValue);
                }
                catch (SipParseException)
                {
                    maxForwards = MaxForwardsHeader.Default;
                }
            }

            if (maxForwards <= 0)
            {
                incoming.Transaction!.Respond(483, "Too Many Hops");
                return;
            }

            SipMessage forward = SipMessage.CreateRequest(SipMethods.Message, incoming.Recipient);
            forward.Headers.Add(SipHeaderNames.MaxForwards, (maxForwards - 1).ToString(CultureInfo.InvariantCulture));
            for (int i = 0; i < request.Headers.Count; i++)
            {
                SipHeader header = request.Headers[i];
                if (!s_notRelayed.Contains(header.Name))
                {
                    forward.Headers.Add(header.Name, header.Value);
                }
            }

            if (!forward.Headers.Contains(SipHeaderNames.Date))
            {
                forward.Headers.Add(SipHeaderNames.Date, FormatDate(incoming.ArrivedAt));
            }

            forward.Body = incoming.Body;
            queue.Relaying = true;
            queue.RelayingKey = incoming.DedupKey;
            try
            {
                SendRequest(forward, CoreFor(incoming.Body.Length), new ClientTransactionCallback(
                    (status, response) => Loop.Post(() => OnRelayed(incoming, queue, status, response))));
            }
            catch (Exception e) when (e is SipTransactionException or InvalidOperationException)
            {
                Logger.LogWarning("IM Server: could not relay a MESSAGE to {Recipient}: {Error}; storing it", incoming.Recipient, e.Message);
                queue.Relaying = false;
                Store(incoming, queue, checkUser: false);
            }
        }

        private void OnRelayed(IncomingMessage incoming, RecipientQueue queue, int status, SipMessage? response)
        {
            queue.Relaying = false;
            queue.RelayingKey = null;
            SipServerTransaction[] copies = [.. queue.RelayCopies];
            queue.RelayCopies.Clear();

            // The recipient looked available but cannot be reached: keep the message rather than fail it.
            if (status is 408 or 480 or 503)
            {
                LogRelayFellBack(incoming.Recipient, status);
                Store(incoming, queue, checkUser: false);
                foreach (SipServerTransaction copy in copies)
                {
                    // Stored after the original, each copy is its duplicate and gets the same 202.
                    Store(incoming with { Transaction = copy }, queue, checkUser: false);
                }

                return;
            }

            incoming.Transaction!.SendResponse(RelayAnswer(incoming.Transaction, status, response));
            foreach (SipServerTransaction copy in copies)
            {
                copy.SendResponse(RelayAnswer(copy, status, response));
            }

            if (status >= 200 && status < 300)
            {
                _recent.Add(incoming.Recipient, incoming.DedupKey);
            }

            queue.Kick();
            ReleaseIfIdle(queue);
        }

        // The recipient's final response as this server's answer to the sender: status, reason, and the headers
        // and body that speak to the sender.
        private static SipMessage RelayAnswer(SipServerTransaction transaction, int status, SipMessage? response)
        {
            SipMessage answer = transaction.CreateResponse(status, response?.ReasonPhrase ?? string.Empty);
            if (response is null)
            {
                return answer;
            }

            foreach (string name in s_passedBack)
            {
                foreach (string value in response.Headers.GetAll(name))
                {
                    answer.Headers.Add(name, value);
                }
            }

            if (response.Body.Length > 0 && response.Headers.Get(SipHeaderNames.ContentType) is { } type)
            {
                answer.Headers.Add(SipHeaderNames.ContentType, type);
                answer.Body = response.Body;
            }

            return answer;
        }

        // ---- store ----

        private void Store(IncomingMessage incoming, RecipientQueue queue, bool checkUser)
        {
            if (checkUser && !queue.UserChecked && !IsKnownUser(incoming.Recipient))
            {
                queue.PendingStores++;
                queue.AwaitingUserCheck.Add(incoming);
                if (!queue.CheckingUser)
                {
                    queue.CheckingUser = true;
                    CheckUser(queue);
                }

                return;
            }

            queue.UserChecked = true;
            var message = new NewDeferredMessage
            {
                Sender = incoming.Sender,
                Recipient = incoming.Recipient,
                ContentType = incoming.ContentType,
                Body = incoming.Body,
                ArrivedAt = incoming.ArrivedAt,
                ExpiresAt = incoming.ArrivedAt + Options.MessageLifetime,
                DedupKey = incoming.DedupKey,
            };
            queue.PendingStores++;
            if (!_storeWriter.Enqueue(message, (result, error) => Loop.Post(() => OnStored(incoming, queue, result, error))))
            {
                queue.PendingStores--;
                incoming.Transaction?.Respond(503, "Service Unavailable: the IM Server is stopping");
            }
        }

        private void CheckUser(RecipientQueue queue)
        {
            string user = ImAddresses.UserOf(queue.Aor);
            RunAsync(async () =>
            {
                bool? exists;
                try
                {
                    exists = await _users.GetAsync(user).ConfigureAwait(false) is not null;
                }
                catch (Exception e)
                {
                    Logger.LogError(e, "IM Server: could not look up user {User}", user);
                    exists = null;
                }

                Loop.Post(() => OnUserChecked(queue, exists));
            }, "looking up a recipient");
        }

        private void OnUserChecked(RecipientQueue queue, bool? exists)
        {
            queue.CheckingUser = false;
            var waiting = queue.AwaitingUserCheck.ToArray();
            queue.AwaitingUserCheck.Clear();
            queue.PendingStores -= waiting.Length;
            if (exists == true)
            {
                RememberKnownUser(queue.Aor);
                queue.UserChecked = true;
                foreach (IncomingMessage incoming in waiting)
                {
                    Store(incoming, queue, checkUser: false);
                }

                return;
            }

            foreach (IncomingMessage incoming in waiting)
            {
                if (exists is null)
                {
                    RespondUnavailable(incoming.Transaction);
                }
                else
                {
                    incoming.Transaction?.Respond(404, "Not Found: no such user " + queue.Aor);
                }
            }

            queue.Kick();
            ReleaseIfIdle(queue);
        }

        private void OnStored(IncomingMessage incoming, RecipientQueue queue, MessageStoreResult? result, Exception? error)
        {
            queue.OnStoreCompleted(error is null && result?.Outcome == MessageStoreOutcome.Stored);
            SipServerTransaction? transaction = incoming.Transaction;
            if (error is not null || result is null)
            {
                RespondUnavailable(transaction);
            }
            else
            {
                switch (result.Value.Outcome)
                {
                    case MessageStoreOutcome.Stored:
                        LogStored(incoming.Recipient, result.Value.MessageId);
                        transaction?.Respond(202, "Accepted");
                        break;
                    case MessageStoreOutcome.Duplicate:
                        LogDuplicate(incoming.Recipient, incoming.DedupKey);
                        transaction?.Respond(202, "Accepted");
                        break;
                    default:
                        LogQuota(incoming.Recipient, Options.QuotaPerUser);
                        transaction?.Respond(486, "Busy Here: message store full for " + incoming.Recipient + " (" + Options.QuotaPerUser + " messages waiting)");
                        break;
                }
            }

            ReleaseIfIdle(queue);
        }

        private static void RespondUnavailable(SipServerTransaction? transaction)
        {
            if (transaction is null)
            {
                return;
            }

            SipMessage response = transaction.CreateResponse(503, "Service Unavailable: the message store failed; try again");
            response.Headers.Add(SipHeaderNames.RetryAfter, "5");
            transaction.SendResponse(response);
        }

        private bool IsKnownUser(string aor)
        {
            if (_watches.ContainsKey(aor))
            {
                return true;
            }

            return _knownUsers.TryGetValue(aor, out DateTimeOffset until) && until > Now;
        }

        private void RememberKnownUser(string aor)
        {
            if (_knownUsers.Count >= KnownUserCacheLimit)
            {
                _knownUsers.Clear();
            }

            _knownUsers[aor] = Now + s_knownUserLifetime;
        }

        private RecipientQueue GetQueue(string aor)
        {
            if (!_queues.TryGetValue(aor, out RecipientQueue? queue))
            {
                queue = new RecipientQueue(this, aor);
                _queues[aor] = queue;
            }

            return queue;
        }

        internal void ReleaseIfIdle(RecipientQueue queue)
        {
            if (queue.CanBeReleased && queue.AwaitingUserCheck.Count == 0)
            {
                _queues.Remove(queue.Aor);
                queue.Dispose();
            }
        }
    }
}
