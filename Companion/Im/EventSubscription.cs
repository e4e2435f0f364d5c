using System;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>
    /// The IM Server as a subscriber (RFC 6665) to one event package of one resource: presence of a user, or
    /// that user's registrations (RFC 3680). It sends the initial SUBSCRIBE through the Core, refreshes before
    /// expiry, answers the NOTIFYs of its dialog, and resubscribes with backoff whenever the subscription is
    /// terminated or refused while it is still wanted. <see cref="Stop"/> unsubscribes (Expires: 0).
    /// Everything runs on the element's loop.
    /// </summary>
    internal sealed class EventSubscription : ISipClientTransactionUser
    {
        // How long an unsubscribed dialog waits for the final NOTIFY before it is forgotten (64·T1).
        private static readonly TimeSpan s_linger = TimeSpan.FromSeconds(32);

        private readonly ImElement _host;
        private readonly ISubscriptionListener _listener;
        private readonly string _accept;
        private readonly LoopTimer _refresh;
        private readonly LoopTimer _retry;
        private SubscriptionDialog? _dialog;
        private SipClientTransaction? _pending;
        private bool _pendingIsUnsubscribe;
        private bool _wanted;
        private int _failures;
        private long _requestedExpires;

        public EventSubscription(ImElement host, string resource, string eventPackage, string accept, ISubscriptionListener listener)
        {
            _host = host;
            Resource = resource;
            Package = eventPackage;
            _accept = accept;
            _listener = listener;
            _requestedExpires = host.Options.SubscriptionExpires;
            _refresh = new LoopTimer(host.Time, host.Loop, OnRefreshDue);
            _retry = new LoopTimer(host.Time, host.Loop, OnRetryDue);
        }

        /// <summary>The subscribed resource (a canonical AOR).</summary>
        public string Resource { get; }

        /// <summary>The event package: presence or reg.</summary>
        public string Package { get; }

        /// <summary>Whether the last NOTIFY said active (state is flowing).</summary>
        public bool IsActive { get; private set; }

        /// <summary>Whether the subscription is over for good (after <see cref="Stop"/>).</summary>
        public bool IsEnded { get; private set; }

        /// <summary>Consecutive failures since the last active NOTIFY (drives the backoff).</summary>
        public int Failures => _failures;

        /// <summary>Subscribes (again); harmless while a subscription is up or an attempt is scheduled.</summary>
        public void Start()
        {
            _wanted = true;
            IsEnded = false;
            if (_dialog is null && _pending is null && !_retry.IsArmed)
            {
                SendInitial();
            }
        }

        /// <summary>Ends the subscription: SUBSCRIBE with Expires: 0 in an established dialog, else simply forgets it.</summary>
        public void Stop()
        {
            if (!_wanted && (IsEnded || _pendingIsUnsubscribe))
            {
                return;
            }

            _wanted = false;
            IsActive = false;
            _refresh.Cancel();
            _retry.Cancel();
            if (_pending is not null)
            {
                // The answer to the SUBSCRIBE in flight decides: a 2xx is followed by the unsubscribe.
                return;
            }

            if (_dialog is not null && _dialog.IsEstablished)
            {
                SendUnsubscribe();
            }
            else
            {
                Finish();
            }
        }

        /// <summary>A NOTIFY whose Call-ID is this subscription's; answers it.</summary>
        public void HandleNotify(SipServerTransaction transaction, SipMessage notify)
        {
            if (_dialog is null || !_dialog.Matches(notify))
            {
                transaction.Respond(481, "Subscription does not exist");
                return;
            }

            EventHeader? eventHeader = ParseEvent(notify);
            if (eventHeader is null || !string.Equals(eventHeader.Package, Package, StringComparison.OrdinalIgnoreCase))
            {
                transaction.Respond(489, "Bad Event: this subscription is for the " + Package + " package");
                return;
            }

            long cseq = CSeqHeader.Parse(notify.Headers.Get(SipHeaderNames.CSeq)).Number;
            if (cseq <= _dialog.RemoteCSeq)
            {
                transaction.Respond(500, "CSeq " + cseq + " is not above the previous NOTIFY's " + _dialog.RemoteCSeq);
                return;
            }

            SubscriptionStateHeader state;
            try
            {
                string? value = notify.Headers.Get(SipHeaderNames.SubscriptionState);
                if (value is null)
                {
                    transaction.Respond(400, "Missing Subscription-State");
                    return;
                }

                state = SubscriptionStateHeader.Parse(value);
                _ = state.Expires;
                _ = state.RetryAfter;
            }
            catch (SipParseException e)
            {
                transaction.Respond(400, "Malformed Subscription-State: " + e.Reason);
                return;
            }

            if (!_dialog.IsEstablished)
            {
                _dialog.EstablishFromNotify(notify);
            }
            else
            {
                _dialog.UpdateTarget(notify);
            }

            _dialog.RemoteCSeq = cseq;

            string? problem = _wanted ? _listener.OnNotify(this, state, notify) : null;
            if (problem is null)
            {
                transaction.Respond(200, "OK");
            }
            else
            {
                transaction.Respond(400, problem);
            }

            if (state.IsTerminated)
            {
                OnTerminated(state.Reason, state.RetryAfter);
                return;
            }

            if (!_wanted)
            {
                return;
            }

            if (state.IsActive && problem is null)
            {
                IsActive = true;
                _failures = 0;
            }
            else if (state.IsPending)
            {
                IsActive = false;
            }

            long expires = state.Expires;
            if (expires > 0)
            {
                DateTimeOffset refreshAt = _host.Now + RefreshDelay(expires);
                if (!_refresh.IsArmed || refreshAt < _refresh.DueAt)
                {
                    _refresh.StartAt(refreshAt);
                }
            }
        }

        public void OnResponse(SipClientTransaction transaction, SipMessage response)
        {
            if (response.StatusCode >= 200)
            {
                OnFinal(transaction, response.StatusCode, response);
            }
        }

        // Failures are reported from inside SendRequest before it returns the transaction: handle them after.
        public void OnTimeout(SipClientTransaction transaction) => _host.Loop.Post(() => OnFinal(transaction, 408, null));

        public void OnTransportError(SipClientTransaction transaction, Exception error) => _host.Loop.Post(() => OnFinal(transaction, 503, null));

        private static EventHeader? ParseEvent(SipMessage message)
        {
            string? value = message.Headers.Get(SipHeaderNames.Event);
            if (value is null)
            {
                return null;
            }

            try
            {
                return EventHeader.Parse(value);
            }
            catch (SipParseException)
            {
                return null;
            }
        }

        private static TimeSpan RefreshDelay(long grantedSeconds) =>
            TimeSpan.FromSeconds(grantedSeconds > 120 ? grantedSeconds - 60 : Math.Max(1, grantedSeconds / 2));

        private void OnFinal(SipClientTransaction transaction, int status, SipMessage? response)
        {
            if (!ReferenceEquals(transaction, _pending))
            {
                return;
            }

            _pending = null;
            if (_pendingIsUnsubscribe)
            {
                _pendingIsUnsubscribe = false;
                if (status < 200 || status >= 300)
                {
                    Finish();
                }

                // After a 2xx the final NOTIFY (terminated) ends it, or the linger timer does.
                return;
            }

            bool wasRefresh = _dialog is not null && _dialog.IsEstablished;
            if (status >= 200 && status < 300 && response is not null && _dialog is not null)
            {
                if (!_dialog.IsEstablished)
                {
                    _dialog.EstablishFromResponse(response);
                }

                if (!_wanted)
                {
                    SendUnsubscribe();
                    return;
                }

                long granted = _requestedExpires;
                string? expiresValue = response.Headers.Get(SipHeaderNames.Expires);
                if (expiresValue is not null)
                {
                    try
                    {
                        granted = ExpiresHeader.Parse(expiresValue);
                    }
                    catch (SipParseException)
                    {
                        granted = _requestedExpires;
                    }
                }

                if (granted <= 0)
                {
                    // The notifier ended it at once; the terminated NOTIFY may follow. Try again later.
                    Lose(null, -1);
                    return;
                }

                _refresh.Start(RefreshDelay(granted));
                return;
            }

            if (!_wanted)
            {
                Finish();
                return;
            }

            if (status == 423 && response is not null && TryMinExpires(response, out long minimum))
            {
                _requestedExpires = minimum;
                if (wasRefresh)
                {
                    SendRefresh();
                }
                else
                {
                    SendInitial();
                }

                return;
            }

            _host.ImLogger.LogWarning("IM Server: SUBSCRIBE ({Package}) for {Resource} answered {Status}", Package, Resource, status);
            Lose(status == 481 ? "deactivated" : null, RetryAfterOf(response));
        }

        private static bool TryMinExpires(SipMessage response, out long minimum)
        {
            minimum = 0;
            string? value = response.Headers.Get(SipHeaderNames.MinExpires);
            if (value is null)
            {
                return false;
            }

            try
            {
                minimum = ExpiresHeader.Parse(value);
                return minimum > 0;
            }
            catch (SipParseException)
            {
                return false;
            }
        }

        private static long RetryAfterOf(SipMessage? response)
        {
            string? value = response?.Headers.Get(SipHeaderNames.RetryAfter);
            if (value is null)
            {
                return -1;
            }

            int end = value.IndexOfAny([';', '(', ' ']);
            try
            {
                return ExpiresHeader.Parse(end < 0 ? value : value.Substring(0, end));
            }
            catch (SipParseException)
            {
                return -1;
            }
        }

        private void OnTerminated(string? reason, long retryAfter)
        {
            if (!_wanted)
            {
                Finish();
                return;
            }

            Lose(reason, retryAfter);
        }

        // The dialog is gone while the subscription is still wanted: report it and schedule a new one (RFC 6665
        // §4.1.3: deactivated and timeout may retry at once, others after retry-after or a backoff).
        private void Lose(string? reason, long retryAfter)
        {
            DropDialog();
            IsActive = false;
            _failures++;
            _listener.OnStateLost(this);
            if (!_wanted)
            {
                return;
            }

            bool immediate = _failures == 1 && (reason is null || reason == "deactivated" || reason == "timeout") && retryAfter < 0;
            TimeSpan delay = retryAfter >= 0
                ? TimeSpan.FromSeconds(Math.Min(retryAfter, (long)_host.Options.RetryMaxDelay.TotalSeconds))
                : immediate ? TimeSpan.Zero : _host.Backoff.Delay(_failures);
            _retry.Start(delay);
        }

        private void OnRetryDue()
        {
            if (!_wanted)
            {
                // The linger after an unsubscribe ran out without a final NOTIFY.
                Finish();
                return;
            }

            if (_pending is null && _dialog is null)
            {
                SendInitial();
            }
        }

        private void OnRefreshDue()
        {
            if (_wanted && _pending is null && _dialog is not null && _dialog.IsEstablished)
            {
                SendRefresh();
            }
        }

        private void SendInitial()
        {
            DropDialog();
            _dialog = new SubscriptionDialog(_host.NewCallId(), _host.NewTag(), _host.Identity, Resource);
            _host.Track(_dialog.CallId, this);
            SipMessage request = _dialog.CreateInitialRequest(SipMethods.Subscribe);
            AddSubscribeHeaders(request, _requestedExpires);
            Send(request, _host.Core);
        }

        private void SendRefresh()
        {
            SipMessage request = _dialog!.CreateRequest(SipMethods.Subscribe);
            AddSubscribeHeaders(request, _requestedExpires);
            Send(request, _dialog.NextHop() ?? _host.Core);
        }

        private void SendUnsubscribe()
        {
            _refresh.Cancel();
            SipMessage request = _dialog!.CreateRequest(SipMethods.Subscribe);
            AddSubscribeHeaders(request, 0);
            _pendingIsUnsubscribe = true;
            _retry.Start(s_linger);
            Send(request, _dialog.NextHop() ?? _host.Core);
        }

        private void Send(SipMessage request, SipEndPoint destination)
        {
            try
            {
                _pending = _host.SendRequest(request, destination, this);
            }
            catch (Exception e) when (e is SipTransactionException or InvalidOperationException or ArgumentException)
            {
                _host.ImLogger.LogWarning("IM Server: could not send SUBSCRIBE ({Package}) for {Resource}: {Error}", Package, Resource, e.Message);
                _pending = null;
                if (_pendingIsUnsubscribe || !_wanted)
                {
                    _pendingIsUnsubscribe = false;
                    Finish();
                }
                else
                {
                    Lose(null, -1);
                }
            }
        }

        private void AddSubscribeHeaders(SipMessage request, long expires)
        {
            request.Headers.Add(SipHeaderNames.Contact, _host.ContactValue);
            request.Headers.Add(SipHeaderNames.Event, Package);
            request.Headers.Add(SipHeaderNames.Accept, _accept);
            request.Headers.Add(SipHeaderNames.Expires, expires.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        private void DropDialog()
        {
            if (_dialog is not null)
            {
                _host.Untrack(_dialog.CallId, this);
                _dialog = null;
            }
        }

        private void Finish()
        {
            _refresh.Cancel();
            _retry.Cancel();
            DropDialog();
            IsActive = false;
            IsEnded = true;
        }
    }
}
