using System;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>
    /// Publishes the device's presence (RFC 3903, Event: presence): a PIDF document with basic status
    /// open and the OMA IM service marked available while the application says the device is available,
    /// no publication while it is not. Keeps the SIP-ETag, refreshes with SIP-If-Match and no body at
    /// 80-85 % of the granted expiry, starts afresh after 412, and removes the publication (Expires: 0)
    /// when the device becomes unavailable or shuts down.
    /// </summary>
    /// <remarks>Publishing waits for the registration; the removal at shutdown does not.</remarks>
    public sealed class PublicationClient : ISipClientTransactionUser
    {
        private const string Source = "publish";
        private const string PidfType = "application/pidf+xml";

        private readonly UaContext _ctx;
        private readonly Backoff _backoff;
        private readonly string _callId;
        private readonly string _fromTag;
        private SipMessage _request;
        private int _cseq;
        private long _requestedExpires;
        private bool _desired;
        private bool _awaiting;
        private int _challenges;
        private Operation _operation;
        private long _dueAt = SipTransactionLayer.Never;
        private long _expiresAt;

        internal PublicationClient(UaContext ctx, Backoff backoff)
        {
            _ctx = ctx;
            _backoff = backoff;
            _callId = ctx.NewCallId();
            _fromTag = ctx.Layer.NewTag();
            _requestedExpires = ctx.Settings.PublishExpiresSeconds;
        }

        private enum Operation
        {
            Initial,
            Refresh,
            Remove,
        }

        /// <summary>Where the client stands.</summary>
        public PublicationState State { get; private set; }

        /// <summary>What the application asked for with <see cref="UserAgent.SetAvailable"/>.</summary>
        public bool Available => _desired;

        /// <summary>The entity tag of the publication the server holds, or null.</summary>
        public string ETag { get; private set; }

        /// <summary>Whether a PUBLISH is waiting for its final response.</summary>
        public bool IsBusy => _awaiting;

        /// <summary>Failures since the last success.</summary>
        public int ConsecutiveFailures { get; private set; }

        /// <summary>Why the last attempt failed, or null after a success.</summary>
        public string LastFailure { get; private set; }

        /// <summary>When the next refresh or retry is due, or <see cref="SipTransactionLayer.Never"/>.</summary>
        public long NextAttemptMilliseconds => _dueAt;

        /// <summary>Whether nothing remains to be done before shutdown: no PUBLISH in flight and nothing published.</summary>
        internal bool IsSettled => !_awaiting && (ETag == null || State == PublicationState.Disabled);

        internal long NextDueMilliseconds
        {
            get
            {
                if (_awaiting || State == PublicationState.Disabled || !_ctx.Settings.PublishPresence)
                {
                    return SipTransactionLayer.Never;
                }

                bool want = _desired && !_ctx.ShuttingDown;
                if (!_ctx.IsRegistered && !(_ctx.ShuttingDown && ETag != null))
                {
                    return SipTransactionLayer.Never;
                }

                if (State == PublicationState.RetryWait || (State == PublicationState.Published && want))
                {
                    return _dueAt;
                }

                return want != (ETag != null) ? 0 : SipTransactionLayer.Never;
            }
        }

        internal void SetAvailable(bool available)
        {
            if (available == _desired)
            {
                return;
            }

            _desired = available;
            if (State == PublicationState.Disabled || State == PublicationState.RetryWait)
            {
                // A new decision deserves a fresh try.
                State = ETag == null ? PublicationState.Idle : PublicationState.Published;
                ConsecutiveFailures = 0;
            }
        }

        internal void Poll(long now)
        {
            if (NextDueMilliseconds > now)
            {
                return;
            }

            if (ETag != null && now >= _expiresAt)
            {
                ETag = null; // lapsed while we could not refresh
            }

            bool want = _desired && !_ctx.ShuttingDown;
            _challenges = 0;
            if (want && ETag == null)
            {
                _operation = Operation.Initial;
            }
            else if (!want && ETag != null)
            {
                _operation = Operation.Remove;
            }
            else if (want)
            {
                _operation = Operation.Refresh;
            }
            else
            {
                State = PublicationState.Idle;
                _dueAt = SipTransactionLayer.Never;
                return;
            }

            Transmit();
        }

        /// <inheritdoc/>
        public void OnResponse(SipClientTransaction transaction, SipMessage response)
        {
            if (response.StatusCode < 200 || !_awaiting)
            {
                return;
            }

            _awaiting = false;
            HandleFinal(response);
            ReleaseRequest();
        }

        /// <inheritdoc/>
        public void OnTimeout(SipClientTransaction transaction)
        {
            if (_awaiting)
            {
                _awaiting = false;
                OnFailure(408, "no response", -1);
                ReleaseRequest();
            }
        }

        /// <inheritdoc/>
        public void OnTransportError(SipClientTransaction transaction, Exception error)
        {
            if (_awaiting)
            {
                _awaiting = false;
                OnFailure(503, "transport error: " + error.Message, -1);
                ReleaseRequest();
            }
        }

        private static long Seconds(long milliseconds) => (milliseconds + 999) / 1000;

        private void HandleFinal(SipMessage response)
        {
            int code = response.StatusCode;
            if (code == 401 || code == 407)
            {
                AuthOutcome outcome = _ctx.Auth.OnChallenge(_request, response, _challenges, out string reason);
                _challenges++;
                if (outcome == AuthOutcome.Retry || outcome == AuthOutcome.RetryStale)
                {
                    Transmit();
                    return;
                }

                OnFailure(code, reason, -1);
                return;
            }

            if (code >= 200 && code < 300)
            {
                OnSuccess(response);
                return;
            }

            switch (code)
            {
                case 412:
                    // The server lost our publication (restart, expiry): start over with a full document.
                    ETag = null;
                    State = PublicationState.Idle;
                    _dueAt = SipTransactionLayer.Never;
                    _ctx.Log.Write(LogLevel.Info, Source, "412 Conditional Request Failed: the server no longer knows the publication"
                        + (_operation == Operation.Remove ? "; nothing to remove" : "; publishing afresh"));
                    if (_operation == Operation.Remove)
                    {
                        _ctx.Raise(UaEventKind.PublicationRemoved, null, 412, null);
                    }

                    return;
                case 423:
                    long minimum = ResponseValues.Seconds(response, SipHeaderNames.MinExpires);
                    if (minimum > _requestedExpires && _operation != Operation.Remove)
                    {
                        _ctx.Log.Write(LogLevel.Info, Source, "423 Interval Too Brief: publishing again for the server's Min-Expires of " + minimum + " s");
                        _requestedExpires = minimum;
                        _challenges = 0;
                        Transmit();
                        return;
                    }

                    break;
                case 403:
                case 405:
                case 489:
                case 501:
                    State = PublicationState.Disabled;
                    ETag = null;
                    _dueAt = SipTransactionLayer.Never;
                    LastFailure = code + " " + response.ReasonPhrase;
                    _ctx.Log.Write(LogLevel.Error, Source, "PUBLISH refused: " + code + " " + response.ReasonPhrase
                        + "; presence publication disabled until availability changes");
                    _ctx.Raise(UaEventKind.PublicationFailed, null, code, response.ReasonPhrase);
                    return;
            }

            OnFailure(code, response.ReasonPhrase, ResponseValues.RetryAfterSeconds(response));
        }

        // Between operations (an hour apart) the request is not worth its RAM; a retry after a challenge keeps it.
        private void ReleaseRequest()
        {
            if (!_awaiting)
            {
                _request = null;
            }
        }

        private void Transmit()
        {
            if (_request == null)
            {
                _request = _ctx.NewRequest(SipMethods.Publish, _ctx.AddressOfRecord, _ctx.OwnAddress, _fromTag, _callId, ++_cseq);
                _request.Headers.Add(SipHeaderNames.Event, "presence");
            }
            else
            {
                _request.Headers.Remove(SipHeaderNames.Via);
                _request.Headers.Set(SipHeaderNames.CSeq, _ctx.CSeqValue(++_cseq, SipMethods.Publish));
            }

            SipHeaderCollection headers = _request.Headers;
            headers.Set(SipHeaderNames.Expires, _operation == Operation.Remove ? "0" : _requestedExpires.ToString());
            if (_operation == Operation.Initial)
            {
                headers.Remove(SipHeaderNames.SipIfMatch);
                headers.Set(SipHeaderNames.ContentType, PidfType);
                _request.Body = NewBody();
            }
            else
            {
                headers.Set(SipHeaderNames.SipIfMatch, ETag);
                headers.Remove(SipHeaderNames.ContentType);
                _request.Body = null;
            }

            _ctx.Auth.Apply(_request);
            State = PublicationState.Publishing;
            _awaiting = true;
            if (!_ctx.StartRequest(_request, this, out string failure))
            {
                _awaiting = false;
                OnFailure(503, failure, -1);
            }
        }

        // Built for each full publication (rare) rather than kept: it would sit in RAM for hours.
        private byte[] NewBody()
        {
            string device = _ctx.Settings.DeviceId;
            string tupleId = device.Length > 0 && ((device[0] >= 'a' && device[0] <= 'z') || (device[0] >= 'A' && device[0] <= 'Z')) ? device : "d" + device;
            PresenceDocument document = PresenceDocument.CreateForDevice(_ctx.AddressOfRecord, tupleId, true, true, _ctx.AddressOfRecord, null);
            return PidfWriter.Write(document);
        }

        private void OnSuccess(SipMessage response)
        {
            ConsecutiveFailures = 0;
            LastFailure = null;
            if (_operation == Operation.Remove)
            {
                ETag = null;
                State = PublicationState.Idle;
                _dueAt = SipTransactionLayer.Never;
                _ctx.Log.Write(LogLevel.Info, Source, "publication removed (" + response.StatusCode + ")");
                _ctx.Raise(UaEventKind.PublicationRemoved, null, response.StatusCode, null);
                return;
            }

            long granted = ResponseValues.Seconds(response, SipHeaderNames.Expires);
            if (granted <= 0)
            {
                granted = _requestedExpires;
            }

            string etag = response.Headers.Get(SipHeaderNames.SipETag);
            long delay = _ctx.RefreshDelay(granted);
            _expiresAt = _ctx.Now + (granted * 1000);
            _dueAt = _ctx.Now + delay;
            State = PublicationState.Published;
            ETag = etag;
            if (etag == null)
            {
                // Without an entity tag there is nothing to refresh; the next round publishes in full.
                _ctx.Log.Write(LogLevel.Warning, Source, "2xx to PUBLISH without SIP-ETag; publishing in full again in " + Seconds(delay) + " s");
            }

            if (_operation == Operation.Initial)
            {
                _ctx.Log.Write(LogLevel.Info, Source, "published presence open for " + _ctx.AddressOfRecord + " (" + response.StatusCode
                    + ", etag " + etag + ", expires " + granted + " s, refresh in " + Seconds(delay) + " s)");
                _ctx.Raise(UaEventKind.Published, etag, response.StatusCode, "expires " + granted + " s");
            }
            else if (_ctx.Debugging)
            {
                _ctx.Log.Write(LogLevel.Debug, Source, "publication refreshed (etag " + etag + ", expires " + granted + " s)");
            }
        }

        private void OnFailure(int code, string reason, long retryAfterSeconds)
        {
            LastFailure = code + " " + reason;
            if (_operation == Operation.Remove && _ctx.ShuttingDown)
            {
                ETag = null;
                State = PublicationState.Idle;
                _dueAt = SipTransactionLayer.Never;
                _ctx.Log.Write(LogLevel.Warning, Source, "removing the publication failed (" + code + " " + reason + "); it expires on its own");
                _ctx.Raise(UaEventKind.PublicationFailed, null, code, reason);
                return;
            }

            ConsecutiveFailures++;
            long delay = _backoff.Next(ConsecutiveFailures);
            if (retryAfterSeconds > 0)
            {
                long asked = (retryAfterSeconds > 3600 ? 3600 : retryAfterSeconds) * 1000;
                delay = asked > delay ? asked : delay;
            }

            State = PublicationState.RetryWait;
            _dueAt = _ctx.Now + delay;
            _ctx.Log.Write(LogLevel.Warning, Source, "PUBLISH failed: " + code + " " + reason + "; retrying in " + Seconds(delay) + " s");
            _ctx.Raise(UaEventKind.PublicationFailed, null, code, reason);
        }
    }
}
