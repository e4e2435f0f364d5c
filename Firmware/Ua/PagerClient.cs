using System;
using SimpleImGateway.Firmware.Pager;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>
    /// Pager-mode messaging (RFC 3428) over the journals: drains the <see cref="Outbox"/> in order while
    /// registered, one MESSAGE at a time, and stores incoming MESSAGE requests in the <see cref="Inbox"/>
    /// before answering them.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Outgoing: every attempt carries the Message-ID the outbox gave the message, so a retry is stored
    /// once by the server. The message leaves the outbox only on a 2xx (202 included); any other answer,
    /// a timeout or a transport error keeps it at the head and backs off. Only the head message is ever
    /// in RAM, in one reused <see cref="PagerMessage"/>.
    /// </para>
    /// <para>
    /// Incoming: 200 only after the inbox has the message on flash (or already had it: a retransmission);
    /// 480 with a Retry-After when the inbox is full, so the IM Server keeps it; 413 when too large;
    /// 415 for a content type outside <see cref="UserAgentSettings.AcceptedContentTypes"/>.
    /// </para>
    /// </remarks>
    public sealed class PagerClient : ISipClientTransactionUser
    {
        /// <summary>The reason phrase of the 480 sent while the inbox is full.</summary>
        public const string InboxFullReason = "Inbox Full";

        /// <summary>The Retry-After, in seconds, sent with the 480 while the inbox is full.</summary>
        public const int InboxFullRetryAfterSeconds = 60;

        private const string Source = "pager";

        private readonly UaContext _ctx;
        private readonly Backoff _backoff;
        private readonly Outbox _outbox;
        private readonly Inbox _inbox;
        private readonly PagerMessage _head = new PagerMessage();
        private SipMessage _request;
        private string _fromTag;
        private int _cseq;
        private bool _awaiting;
        private int _challenges;
        private long _dueAt;

        internal PagerClient(UaContext ctx, Backoff backoff, Outbox outbox, Inbox inbox)
        {
            _ctx = ctx;
            _backoff = backoff;
            _outbox = outbox;
            _inbox = inbox;
        }

        /// <summary>The Message-ID of the MESSAGE in flight or waiting for its retry, or null.</summary>
        public string CurrentMessageId { get; private set; }

        /// <summary>Failed attempts of the head message since the last success.</summary>
        public int ConsecutiveFailures { get; private set; }

        /// <summary>Why the last attempt failed, or null after a success.</summary>
        public string LastFailure { get; private set; }

        /// <summary>When the head message is tried again after a failure; 0 when nothing waits.</summary>
        public long RetryAtMilliseconds => _dueAt;

        /// <summary>Whether a MESSAGE is waiting for its final response.</summary>
        public bool IsBusy => _awaiting;

        /// <summary>Messages acknowledged by the server since start.</summary>
        public int SentCount { get; private set; }

        /// <summary>Messages stored in the inbox since start (retransmissions not counted).</summary>
        public int ReceivedCount { get; private set; }

        internal long NextDueMilliseconds
        {
            get
            {
                if (_awaiting || _ctx.ShuttingDown || !_ctx.IsRegistered || _outbox.Count == 0)
                {
                    return SipTransactionLayer.Never;
                }

                return _dueAt;
            }
        }

        internal void Poll(long now)
        {
            if (NextDueMilliseconds > now)
            {
                return;
            }

            bool found;
            try
            {
                found = _outbox.PeekNext(_head);
            }
            catch (Exception e)
            {
                // The flash failed us; try again later rather than spin.
                ConsecutiveFailures++;
                _dueAt = now + _backoff.Next(ConsecutiveFailures);
                _ctx.Log.Write(LogLevel.Error, Source, "cannot read the outbox: " + e.Message);
                return;
            }

            if (!found)
            {
                return;
            }

            if (CurrentMessageId != _head.MessageId)
            {
                CurrentMessageId = _head.MessageId;
                ConsecutiveFailures = 0;
            }

            SipMessage request = _ctx.NewRequest(
                SipMethods.Message, _head.Peer, "<" + _head.Peer + ">", _fromTag = _ctx.Layer.NewTag(), _ctx.NewCallId(), _cseq = 1);
            request.Headers.Add(SipHeaderNames.MessageId, _head.MessageId);
            request.Headers.Add(SipHeaderNames.ContentType, _head.ContentType);
            request.Body = _head.CopyBody();
            _request = request;
            _challenges = 0;
            _ctx.Log.Write(LogLevel.Info, Source, "sending MESSAGE " + _head.MessageId + " to " + _head.Peer
                + (ConsecutiveFailures == 0 ? string.Empty : " (retry " + ConsecutiveFailures + ")"));
            _ctx.Raise(UaEventKind.MessageSent, _head.MessageId, 0, _head.Peer);
            Transmit(false);
        }

        /// <summary>Gives up on an outgoing message the application no longer wants delivered.</summary>
        internal bool Discard(string messageId)
        {
            bool released = _outbox.Acknowledge(messageId);
            if (released)
            {
                _ctx.Log.Write(LogLevel.Warning, Source, "message " + messageId + " discarded by the application, undelivered");
                if (messageId == CurrentMessageId && !_awaiting)
                {
                    CurrentMessageId = null;
                    ConsecutiveFailures = 0;
                    _dueAt = 0;
                }
            }

            return released;
        }

        /// <summary>Stores an incoming MESSAGE, then answers it.</summary>
        internal void OnIncoming(SipServerTransaction transaction, SipMessage request)
        {
            string contentType = request.Headers.Get(SipHeaderNames.ContentType);
            if (contentType == null)
            {
                if (request.Body.Length > 0)
                {
                    Refuse(transaction, 400, "Missing Content-Type", null);
                    return;
                }

                contentType = "text/plain";
            }

            if (!IsAccepted(contentType))
            {
                SipMessage refusal = transaction.CreateResponse(415, "Unsupported Media Type");
                refusal.Headers.Add(SipHeaderNames.Accept, Join(_ctx.Settings.AcceptedContentTypes));
                transaction.SendResponse(refusal);
                Refused(415, contentType + " not accepted", request);
                return;
            }

            string from = UriOf(request.Headers.Get(SipHeaderNames.From));
            string messageId = request.Headers.Get(SipHeaderNames.MessageId);
            PagerStatus status;
            try
            {
                byte[] body = request.Body;
                status = _inbox.TryAppend(from, contentType, body, 0, body.Length, messageId);
            }
            catch (ArgumentException e)
            {
                Refuse(transaction, 400, "Bad Message", e.Message);
                return;
            }
            catch (Exception e)
            {
                _ctx.Log.Write(LogLevel.Error, Source, "cannot store an incoming message: " + e.Message);
                Refuse(transaction, 500, "Storage Error", e.Message);
                return;
            }

            switch (status)
            {
                case PagerStatus.Stored:
                    transaction.Respond(200, "OK");
                    ReceivedCount++;
                    _ctx.Log.Write(LogLevel.Info, Source, "received MESSAGE " + (messageId ?? "(no Message-ID)") + " from " + from
                        + " (" + contentType + ", " + request.Body.Length + " bytes); stored, answered 200");
                    _ctx.Raise(UaEventKind.MessageReceived, messageId, 200, from);
                    break;
                case PagerStatus.Duplicate:
                    transaction.Respond(200, "OK");
                    _ctx.Log.Write(LogLevel.Info, Source, "MESSAGE " + messageId + " from " + from + " is already in the inbox; answered 200 again");
                    break;
                case PagerStatus.TooLarge:
                    Refuse(transaction, 413, "Message Too Large", "the inbox takes " + _inbox.Options.MaxBodyBytes + " bytes at most");
                    break;
                default:
                    SipMessage full = transaction.CreateResponse(480, InboxFullReason);
                    full.Headers.Add(SipHeaderNames.RetryAfter, InboxFullRetryAfterSeconds.ToString());
                    transaction.SendResponse(full);
                    Refused(480, "inbox full (" + _inbox.Count + " messages, " + _inbox.Bytes + " bytes)", request);
                    break;
            }
        }

        /// <inheritdoc/>
        public void OnResponse(SipClientTransaction transaction, SipMessage response)
        {
            int code = response.StatusCode;
            if (code < 200 || !_awaiting)
            {
                return;
            }

            _awaiting = false;
            if (code >= 200 && code < 300)
            {
                OnDelivered(code);
                return;
            }

            if (code == 401 || code == 407)
            {
                AuthOutcome outcome = _ctx.Auth.OnChallenge(_request, response, _challenges, out string reason);
                _challenges++;
                if (outcome == AuthOutcome.Retry || outcome == AuthOutcome.RetryStale)
                {
                    Transmit(true);
                    return;
                }

                OnFailure(code, reason, -1);
                return;
            }

            OnFailure(code, response.ReasonPhrase, ResponseValues.RetryAfterSeconds(response));
        }

        /// <inheritdoc/>
        public void OnTimeout(SipClientTransaction transaction)
        {
            if (_awaiting)
            {
                _awaiting = false;
                OnFailure(408, "no response", -1);
            }
        }

        /// <inheritdoc/>
        public void OnTransportError(SipClientTransaction transaction, Exception error)
        {
            if (_awaiting)
            {
                _awaiting = false;
                OnFailure(503, "transport error: " + error.Message, -1);
            }
        }

        // "Alice <sip:a@x>;tag=1" → "sip:a@x"; a bare addr-spec loses its header parameters.
        private static string UriOf(string nameAddr)
        {
            if (nameAddr == null)
            {
                return "unknown";
            }

            int open = nameAddr.IndexOf('<');
            if (open >= 0)
            {
                int close = nameAddr.IndexOf('>', open);
                return close > open ? nameAddr.Substring(open + 1, close - open - 1) : nameAddr;
            }

            int semicolon = nameAddr.IndexOf(';');
            return (semicolon < 0 ? nameAddr : nameAddr.Substring(0, semicolon)).Trim();
        }

        private static string Join(string[] values)
        {
            string joined = string.Empty;
            for (int i = 0; i < values.Length; i++)
            {
                joined = i == 0 ? values[i] : joined + ", " + values[i];
            }

            return joined;
        }

        // Compares the media type without parameters, ignoring case and spaces.
        private static bool SameType(string contentType, string accepted)
        {
            int end = contentType.IndexOf(';');
            string bare = (end < 0 ? contentType : contentType.Substring(0, end)).Trim();
            return SipHeaderNames.EqualsIgnoreCase(bare, accepted.Trim());
        }

        private bool IsAccepted(string contentType)
        {
            string[] accepted = _ctx.Settings.AcceptedContentTypes;
            if (accepted == null)
            {
                return true;
            }

            for (int i = 0; i < accepted.Length; i++)
            {
                if (SameType(contentType, accepted[i]))
                {
                    return true;
                }
            }

            return false;
        }

        private void Refuse(SipServerTransaction transaction, int code, string reason, string detail)
        {
            transaction.Respond(code, reason);
            Refused(code, detail == null ? reason : reason + ": " + detail, transaction.Request);
        }

        private void Refused(int code, string why, SipMessage request)
        {
            string messageId = request.Headers.Get(SipHeaderNames.MessageId);
            _ctx.Log.Write(LogLevel.Warning, Source, "refused MESSAGE " + (messageId ?? "(no Message-ID)") + " with " + code + ": " + why);
            _ctx.Raise(UaEventKind.MessageRefused, messageId, code, why);
        }

        private void Transmit(bool again)
        {
            if (again)
            {
                _request.Headers.Remove(SipHeaderNames.Via);
                _request.Headers.Set(SipHeaderNames.CSeq, _ctx.CSeqValue(++_cseq, SipMethods.Message));
            }

            _ctx.Auth.Apply(_request);
            _awaiting = true;
            if (!_ctx.StartRequest(_request, this, out string failure))
            {
                _awaiting = false;
                OnFailure(503, failure, -1);
            }
        }

        private void OnDelivered(int code)
        {
            string id = _head.MessageId;
            _request = null;
            try
            {
                _outbox.Acknowledge(id);
            }
            catch (Exception e)
            {
                // The Released record did not make it to flash: the message goes again with the same Message-ID.
                _ctx.Log.Write(LogLevel.Error, Source, "server took " + id + " but the outbox could not release it: " + e.Message);
                ConsecutiveFailures++;
                _dueAt = _ctx.Now + _backoff.Next(ConsecutiveFailures);
                return;
            }

            SentCount++;
            CurrentMessageId = null;
            ConsecutiveFailures = 0;
            LastFailure = null;
            _dueAt = 0;
            _ctx.Log.Write(LogLevel.Info, Source, "MESSAGE " + id + " accepted by the server (" + code + "); released from the outbox, "
                + _outbox.Count + " left");
            _ctx.Raise(UaEventKind.MessageAcknowledged, id, code, null);
        }

        private void OnFailure(int code, string reason, long retryAfterSeconds)
        {
            _request = null;
            ConsecutiveFailures++;
            long delay = _backoff.Next(ConsecutiveFailures);
            if (retryAfterSeconds > 0)
            {
                long asked = (retryAfterSeconds > 3600 ? 3600 : retryAfterSeconds) * 1000;
                delay = asked > delay ? asked : delay;
            }

            _dueAt = _ctx.Now + delay;
            LastFailure = code + " " + reason;
            _ctx.Log.Write(LogLevel.Warning, Source, "MESSAGE " + CurrentMessageId + " failed: " + code + " " + reason
                + "; kept in the outbox, retrying in " + ((delay + 999) / 1000) + " s");
            _ctx.Raise(UaEventKind.MessageFailed, CurrentMessageId, code, reason);
        }
    }
}
