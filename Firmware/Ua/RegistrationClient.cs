using System;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>
    /// Keeps the device's binding at the registrar (RFC 3261 §10): REGISTER with digest authentication,
    /// refresh at 80-85 % of the granted expiry, 423 answered with the server's Min-Expires, exponential
    /// backoff with jitter after failures, a stop on 403, and Expires: 0 on orderly shutdown.
    /// </summary>
    /// <remarks>
    /// One Call-ID and From tag serve every REGISTER of this UA, with CSeq increasing, as §10.2 asks.
    /// The request object is built once and updated in place (Via, CSeq, Expires, credentials) so a
    /// refresh allocates little; at most one REGISTER is in flight at a time.
    /// </remarks>
    public sealed class RegistrationClient : ISipClientTransactionUser
    {
        private const string Source = "register";

        private readonly UaContext _ctx;
        private readonly Backoff _backoff;
        private readonly string _callId;
        private readonly string _fromTag;
        private readonly string _requestUri;
        private SipMessage _request;
        private int _cseq;
        private long _requestedExpires;
        private string _expiresText;
        private long _expiresTextValue = -1;
        private bool _awaiting;
        private bool _sendingRemoval;
        private bool _unregisterRequested;
        private bool _hasBinding;
        private int _challenges;
        private long _dueAt = SipTransactionLayer.Never;

        internal RegistrationClient(UaContext ctx, Backoff backoff)
        {
            _ctx = ctx;
            _backoff = backoff;
            _callId = ctx.NewCallId();
            _fromTag = ctx.Layer.NewTag();
            _requestUri = "sip:" + ctx.Settings.Domain;
            _requestedExpires = ctx.Settings.RegisterExpiresSeconds;
        }

        /// <summary>Where the client stands.</summary>
        public RegistrationState State { get; private set; }

        /// <summary>Whether the binding is in force.</summary>
        public bool IsRegistered => State == RegistrationState.Registered;

        /// <summary>Whether a REGISTER is waiting for its final response.</summary>
        public bool IsBusy => _awaiting;

        /// <summary>The expiry the registrar granted last, in seconds; 0 before the first success.</summary>
        public long GrantedExpiresSeconds { get; private set; }

        /// <summary>The expiry the next REGISTER asks for (raised by a 423).</summary>
        public long RequestedExpiresSeconds => _requestedExpires;

        /// <summary>When the next REGISTER goes out (refresh or retry), or <see cref="SipTransactionLayer.Never"/>.</summary>
        public long NextAttemptMilliseconds => _dueAt;

        /// <summary>Failures since the last success; drives the backoff.</summary>
        public int ConsecutiveFailures { get; private set; }

        /// <summary>The status of the last final response (408 timeout, 503 transport error), 0 before any.</summary>
        public int LastStatusCode { get; private set; }

        /// <summary>Why the last attempt failed, or null after a success.</summary>
        public string LastFailure { get; private set; }

        /// <summary>The address and port the registrar saw (Via received and rport), or null.</summary>
        public string PublicAddress { get; private set; }

        /// <summary>The Call-ID of every REGISTER of this UA.</summary>
        public string CallId => _callId;

        internal long NextDueMilliseconds => _awaiting ? SipTransactionLayer.Never : _dueAt;

        /// <summary>Starts registering on the next poll (also after a 403 or an unregistration).</summary>
        internal void Start()
        {
            if (State == RegistrationState.Registered || State == RegistrationState.Registering || _awaiting)
            {
                return;
            }

            State = RegistrationState.Registering;
            ConsecutiveFailures = 0;
            _requestedExpires = _ctx.Settings.RegisterExpiresSeconds;
            _dueAt = _ctx.Now;
        }

        internal void Poll(long now)
        {
            if (_awaiting || _dueAt > now)
            {
                return;
            }

            _dueAt = SipTransactionLayer.Never;
            if (State == RegistrationState.RetryWait)
            {
                State = RegistrationState.Registering;
            }

            if (State == RegistrationState.Registering || State == RegistrationState.Registered)
            {
                _challenges = 0;
                Transmit();
            }
        }

        /// <summary>Removes the binding (Expires: 0), after the REGISTER in flight if there is one.</summary>
        internal void Unregister()
        {
            if (_awaiting)
            {
                _unregisterRequested = true;
                return;
            }

            BeginRemoval();
        }

        /// <summary>The TCP connection dropped: the binding points at a dead flow, so register again soon.</summary>
        internal void OnChannelLost()
        {
            if (State == RegistrationState.Registered && !_awaiting)
            {
                State = RegistrationState.RetryWait;
                _ctx.IsRegistered = false;
                _dueAt = _ctx.Now + _backoff.Next(1);
                _ctx.Log.Write(LogLevel.Warning, Source, "connection lost; registering again in " + Seconds(_dueAt - _ctx.Now) + " s");
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
            LastStatusCode = code;
            if (code == 401 || code == 407)
            {
                OnChallenge(response);
            }
            else if (_sendingRemoval)
            {
                FinishRemoval(code, response.ReasonPhrase);
            }
            else if (code >= 200 && code < 300)
            {
                OnRegistered(response);
            }
            else if (code == 423)
            {
                OnIntervalTooBrief(response);
            }
            else if (code == 403)
            {
                OnForbidden(response);
            }
            else
            {
                OnFailure(code, response.ReasonPhrase, ResponseValues.RetryAfterSeconds(response));
            }

            AfterFinal();
        }

        /// <inheritdoc/>
        public void OnTimeout(SipClientTransaction transaction)
        {
            if (!_awaiting)
            {
                return;
            }

            _awaiting = false;
            LastStatusCode = 408;
            if (_sendingRemoval)
            {
                FinishRemoval(408, "no response");
            }
            else
            {
                OnFailure(408, "no response from " + _ctx.Server.Host + ":" + _ctx.Server.Port, -1);
            }

            AfterFinal();
        }

        /// <inheritdoc/>
        public void OnTransportError(SipClientTransaction transaction, Exception error)
        {
            if (!_awaiting)
            {
                return;
            }

            _awaiting = false;
            LastStatusCode = 503;
            if (_sendingRemoval)
            {
                FinishRemoval(503, "transport error: " + error.Message);
            }
            else
            {
                OnFailure(503, "transport error: " + error.Message, -1);
            }

            AfterFinal();
        }

        private static long Seconds(long milliseconds) => (milliseconds + 999) / 1000;

        private void Transmit()
        {
            long expires = _sendingRemoval ? 0 : _requestedExpires;
            if (expires != _expiresTextValue)
            {
                _expiresText = expires.ToString();
                _expiresTextValue = expires;
            }

            if (_request == null)
            {
                _request = _ctx.NewRequest(SipMethods.Register, _requestUri, _ctx.OwnAddress, _fromTag, _callId, ++_cseq);
                _request.Headers.Add(SipHeaderNames.Contact, _ctx.Contact);
                _request.Headers.Add(SipHeaderNames.Expires, _expiresText);
            }
            else
            {
                SipHeaderCollection headers = _request.Headers;
                headers.Remove(SipHeaderNames.Via);
                headers.Set(SipHeaderNames.CSeq, _ctx.CSeqValue(++_cseq, SipMethods.Register));
                headers.Set(SipHeaderNames.Contact, _ctx.Contact);
                headers.Set(SipHeaderNames.Expires, _expiresText);
            }

            _ctx.Auth.Apply(_request);
            _awaiting = true;
            if (!_ctx.StartRequest(_request, this, out string failure))
            {
                _awaiting = false;
                LastStatusCode = 503;
                if (_sendingRemoval)
                {
                    FinishRemoval(503, failure);
                }
                else
                {
                    OnFailure(503, failure, -1);
                }

                AfterFinal();
            }
        }

        private void OnChallenge(SipMessage response)
        {
            AuthOutcome outcome = _ctx.Auth.OnChallenge(_request, response, _challenges, out string reason);
            _challenges++;
            if (outcome == AuthOutcome.Retry || outcome == AuthOutcome.RetryStale)
            {
                if (outcome == AuthOutcome.RetryStale)
                {
                    _ctx.Log.Write(LogLevel.Info, Source, "nonce went stale; answering the new challenge");
                }
                else if (_ctx.Debugging)
                {
                    _ctx.Log.Write(LogLevel.Debug, Source, response.StatusCode + " challenge from realm '" + _ctx.Auth.Realm + "'; sending credentials");
                }

                Transmit();
                return;
            }

            if (outcome == AuthOutcome.Rejected)
            {
                _ctx.Log.Write(LogLevel.Error, Source, response.StatusCode + " " + response.ReasonPhrase + ": " + reason + "; check the user name and password");
                _ctx.Raise(UaEventKind.AuthenticationFailed, _ctx.AddressOfRecord, response.StatusCode, reason);
            }

            if (_sendingRemoval)
            {
                FinishRemoval(response.StatusCode, reason);
            }
            else
            {
                OnFailure(response.StatusCode, reason, -1);
            }
        }

        private void OnRegistered(SipMessage response)
        {
            long granted = ResponseValues.ContactExpires(response, _ctx.ContactKey);
            if (granted < 0)
            {
                granted = ResponseValues.Seconds(response, SipHeaderNames.Expires);
            }

            if (granted < 0)
            {
                granted = _requestedExpires;
            }

            if (granted == 0)
            {
                OnFailure(response.StatusCode, "the registrar granted an expiry of 0 s", -1);
                return;
            }

            bool refreshed = State == RegistrationState.Registered;
            State = RegistrationState.Registered;
            _ctx.IsRegistered = true;
            _hasBinding = true;
            ConsecutiveFailures = 0;
            LastFailure = null;
            GrantedExpiresSeconds = granted;
            long delay = _ctx.RefreshDelay(granted);
            _dueAt = _ctx.Now + delay;
            if (refreshed)
            {
                if (_ctx.Debugging)
                {
                    _ctx.Log.Write(LogLevel.Debug, Source, "refreshed for " + granted + " s; next refresh in " + Seconds(delay) + " s");
                }

                return;
            }

            PublicAddress = ResponseValues.PublicAddress(response);
            _ctx.Log.Write(LogLevel.Info, Source, "registered " + _ctx.AddressOfRecord + " at " + _ctx.Server.Host + ":" + _ctx.Server.Port
                + " (" + response.StatusCode + ", expires " + granted + " s, refresh in " + Seconds(delay) + " s"
                + (PublicAddress == null ? ")" : ", seen as " + PublicAddress + ")"));
            _ctx.Raise(UaEventKind.Registered, _ctx.AddressOfRecord, response.StatusCode, "expires " + granted + " s");
        }

        private void OnIntervalTooBrief(SipMessage response)
        {
            long minimum = ResponseValues.Seconds(response, SipHeaderNames.MinExpires);
            if (minimum > _requestedExpires)
            {
                _ctx.Log.Write(LogLevel.Info, Source, "423 Interval Too Brief: asking again with the registrar's Min-Expires of " + minimum + " s");
                _requestedExpires = minimum;
                _challenges = 0;
                Transmit();
                return;
            }

            OnFailure(423, "423 without a Min-Expires above the " + _requestedExpires + " s asked for", -1);
        }

        private void OnForbidden(SipMessage response)
        {
            State = RegistrationState.Forbidden;
            _ctx.IsRegistered = false;
            _hasBinding = false;
            _dueAt = SipTransactionLayer.Never;
            LastFailure = "403 " + response.ReasonPhrase;
            _ctx.Log.Write(LogLevel.Error, Source, "403 " + response.ReasonPhrase + ": the registrar refuses " + _ctx.AddressOfRecord
                + "; registration stopped (check the account, then start the UA again)");
            _ctx.Raise(UaEventKind.RegistrationForbidden, _ctx.AddressOfRecord, 403, response.ReasonPhrase);
        }

        private void OnFailure(int code, string reason, long retryAfterSeconds)
        {
            ConsecutiveFailures++;
            long delay = _backoff.Next(ConsecutiveFailures);
            if (retryAfterSeconds > 0)
            {
                long asked = (retryAfterSeconds > 3600 ? 3600 : retryAfterSeconds) * 1000;
                delay = asked > delay ? asked : delay;
            }

            State = RegistrationState.RetryWait;
            _ctx.IsRegistered = false;
            _dueAt = _ctx.Now + delay;
            LastFailure = code + " " + reason;
            _ctx.Log.Write(LogLevel.Warning, Source, "REGISTER failed: " + code + " " + reason + "; attempt " + ConsecutiveFailures
                + " failed, retrying in " + Seconds(delay) + " s");
            _ctx.Raise(UaEventKind.RegistrationFailed, _ctx.AddressOfRecord, code, reason);
        }

        private void AfterFinal()
        {
            if (_unregisterRequested && !_awaiting)
            {
                BeginRemoval();
            }
        }

        private void BeginRemoval()
        {
            _unregisterRequested = false;
            _dueAt = SipTransactionLayer.Never;
            _ctx.IsRegistered = false;
            if (!_hasBinding)
            {
                State = RegistrationState.Unregistered;
                _ctx.Log.Write(LogLevel.Info, Source, "no binding to remove");
                _ctx.Raise(UaEventKind.Unregistered, _ctx.AddressOfRecord, 0, "no binding");
                return;
            }

            State = RegistrationState.Unregistering;
            _sendingRemoval = true;
            _challenges = 0;
            Transmit();
        }

        private void FinishRemoval(int code, string reason)
        {
            _sendingRemoval = false;
            _hasBinding = false;
            State = RegistrationState.Unregistered;
            _dueAt = SipTransactionLayer.Never;
            bool ok = code >= 200 && code < 300;
            _ctx.Log.Write(ok ? LogLevel.Info : LogLevel.Warning, Source, ok
                ? "unregistered " + _ctx.AddressOfRecord + " (" + code + ")"
                : "unregistering failed (" + code + " " + reason + "); the binding expires on its own");
            _ctx.Raise(UaEventKind.Unregistered, _ctx.AddressOfRecord, code, ok ? null : reason);
        }
    }
}
