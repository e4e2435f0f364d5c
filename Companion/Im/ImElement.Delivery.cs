using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>The IM Server: delivery of stored messages, their expiry, and notices to senders.</summary>
    public sealed partial class ImElement
    {
        internal void LoadPage(RecipientQueue queue, int limit)
        {
            RunAsync(async () =>
            {
                IReadOnlyList<DeferredMessage>? page;
                try
                {
                    page = await _messages.ListAsync(queue.Aor, limit).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    Logger.LogError(e, "IM Server: could not read the stored messages of {Recipient}", queue.Aor);
                    page = null;
                }

                Loop.Post(() => queue.OnPageLoaded(page));
            }, "reading stored messages");
        }

        internal void Deliver(DeferredMessage message, RecipientQueue queue)
        {
            SipMessage request = SipMessage.CreateRequest(SipMethods.Message, message.Recipient);
            request.Headers.Add(SipHeaderNames.MaxForwards, MaxForwardsHeader.Default.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(SipHeaderNames.From, message.Sender + ";tag=im" + message.Id.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(SipHeaderNames.To, "<" + message.Recipient + ">");

            // The same Call-ID and CSeq on every attempt, so a recipient can tell a retry from a new message.
            request.Headers.Add(SipHeaderNames.CallId, "im-" + message.Id.ToString(CultureInfo.InvariantCulture) + "-"
                + message.ArrivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "@" + ImAddresses.DomainOf(_identityAor));
            request.Headers.Add(SipHeaderNames.CSeq, "1 " + SipMethods.Message);
            request.Headers.Add(SipHeaderNames.Date, FormatDate(message.ArrivedAt));
            if (message.DedupKey.StartsWith("mid:", StringComparison.Ordinal))
            {
                request.Headers.Add(SipHeaderNames.MessageId, message.DedupKey.Substring(4));
            }

            request.Headers.Add(SipHeaderNames.ContentType, message.ContentType);
            request.Body = message.Body;
            try
            {
                SendRequest(request, CoreFor(message.Body.Length), new ClientTransactionCallback(
                    (status, response) => Loop.Post(() => queue.OnDelivered(message, status, response))));
            }
            catch (Exception e) when (e is SipTransactionException or InvalidOperationException)
            {
                Logger.LogWarning("IM Server: could not send stored message {Id} to {Recipient}: {Error}", message.Id, message.Recipient, e.Message);
                Loop.Post(() => queue.OnDelivered(message, 503, null));
            }
        }

        internal void CompleteDelivery(DeferredMessage message, RecipientQueue queue)
        {
            LogDelivered(message.Recipient, message.Id, message.Attempts + 1);
            _recent.Add(message.Recipient, message.DedupKey);
            DeleteDelivered(message.Id, queue);
        }

        internal void Refuse(DeferredMessage message, int status, string reason, RecipientQueue queue)
        {
            LogRefused(message.Recipient, message.Id, status, reason);
            DeleteDelivered(message.Id, queue);
            Notify(message, "the recipient refused it (" + status.ToString(CultureInfo.InvariantCulture) + " " + reason + ")");
        }

        private void DeleteDelivered(long id, RecipientQueue queue)
        {
            bool queued = _deleteWriter.Enqueue(id, (unused, error) =>
            {
                if (error is null)
                {
                    Loop.Post(() => queue.OnDeleted(id));
                    return;
                }

                // The message is still stored: keep it out of the lane and try the delete again shortly.
                Task.Delay(Backoff.Delay(1)).ContinueWith(t => Loop.Post(() => DeleteDelivered(id, queue)), TaskScheduler.Default);
            });
            if (!queued)
            {
                Logger.LogWarning("IM Server: stopping before delivered message {Id} was deleted; it may be delivered again after a restart", id);
            }
        }

        private async Task<IReadOnlyList<bool>> DeleteDeliveredAsync(IReadOnlyList<long> ids, System.Threading.CancellationToken cancellationToken)
        {
            await _messages.DeleteDeliveredAsync(ids, cancellationToken).ConfigureAwait(false);
            return new bool[ids.Count];
        }

        internal void RecordFailedAttempt(DeferredMessage message, int status, DateTimeOffset next)
        {
            LogDeliveryFailed(message.Recipient, message.Id, status, message.Attempts + 1, next);
            RunAsync(() => _messages.RecordFailedAttemptAsync(message.Id, next), "recording a failed delivery");
        }

        // ---- expiry and notices ----

        internal void RequestExpiryRun()
        {
            if (_expiryRunning)
            {
                _expiryRequested = true;
                return;
            }

            _expiryTimer.Start(TimeSpan.Zero);
        }

        private void RunExpiry()
        {
            if (_stopping)
            {
                return;
            }

            _expiryRunning = true;
            DateTimeOffset now = Now;
            RunAsync(async () =>
            {
                IReadOnlyList<DeferredMessage> expired = [];
                try
                {
                    expired = await _messages.PurgeExpiredAsync(now).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    Logger.LogError(e, "IM Server: the expiry run failed");
                }

                Loop.Post(() => OnExpired(expired));
            }, "removing expired messages");
        }

        private void OnExpired(IReadOnlyList<DeferredMessage> expired)
        {
            _expiryRunning = false;
            foreach (DeferredMessage message in expired)
            {
                LogExpired(message.Recipient, message.Id, message.Sender);
                if (_queues.TryGetValue(message.Recipient, out RecipientQueue? queue))
                {
                    queue.Forget(message.Id);
                }

                Notify(message, "it expired after " + Options.MessageLifetime.ToString("c", CultureInfo.InvariantCulture) + " undelivered");
            }

            if (_stopping)
            {
                return;
            }

            if (_expiryRequested)
            {
                _expiryRequested = false;
                _expiryTimer.Start(TimeSpan.Zero);
            }
            else
            {
                _expiryTimer.Start(Options.ExpiryCheckInterval);
            }

            _ready.TrySetResult();
        }

        /// <summary>
        /// Tells the sender of a message that was dropped undelivered, once: the notice is stored for the sender with
        /// a dedup key derived from the dropped message, and a notice (sender = this server) never gets a notice itself.
        /// </summary>
        private void Notify(DeferredMessage message, string why)
        {
            if (!Options.NotifySenderOnExpiry)
            {
                return;
            }

            string? sender = ImAddresses.AorOfNameAddress(message.Sender);
            if (sender is null || sender == _identityAor || !ImAddresses.IsInDomain(sender, _domain))
            {
                return;
            }

            DateTimeOffset now = Now;
            string text = "Your message to " + message.Recipient + " of " + FormatDate(message.ArrivedAt) + " was not delivered: " + why + ".";
            var notice = new IncomingMessage(
                null,
                null,
                sender,
                "<" + Identity + ">",
                "text/plain;charset=UTF-8",
                Encoding.UTF8.GetBytes(text),
                "notice:" + message.Id.ToString(CultureInfo.InvariantCulture) + ":" + message.ArrivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                now);
            Store(notice, GetQueue(sender), checkUser: false);
        }

        /// <summary>RFC 1123 date as SIP's Date header wants it (RFC 3261 §20.17), always GMT.</summary>
        internal static string FormatDate(DateTimeOffset time) => time.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
    }
}
