using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Transport;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Presence.Events
{
    /// <summary>
    /// The notifier side of RFC 6665 for any number of event packages: answers SUBSCRIBE (dialog creation,
    /// refresh, unsubscribe, fetch), keeps the subscriptions with their dialogs and expiry timers, and sends
    /// NOTIFYs in those dialogs. A NOTIFY answered with an error, timed out or unsendable removes its
    /// subscription. Everything runs on the element's loop.
    /// </summary>
    public sealed class EventNotifier
    {
        /// <summary>How far CSeq and versions jump when subscriptions resume after a restart, past writes a crash may have lost.</summary>
        public const long RestartSequenceGap = 1000;

        private readonly Dictionary<string, IEventPackage> _packages = new(StringComparer.Ordinal);
        private readonly Dictionary<SubscriptionKey, EventSubscription> _subscriptions = new();
        private readonly Dictionary<(string Package, string Resource), List<EventSubscription>> _byResource = new();
        private readonly SipElement _element;
        private readonly LoopTimers _timers;
        private readonly ISubscriptionPersistence _persistence;
        private readonly NextHopResolver _nextHop;
        private readonly ExpiryPolicy _expiry;
        private readonly TimeProvider _time;
        private readonly ILogger _logger;
        private readonly string _domain;

        /// <summary>Creates a notifier sending through <paramref name="element"/>.</summary>
        public EventNotifier(
            SipElement element, LoopTimers timers, ISubscriptionPersistence persistence, NextHopResolver nextHop,
            ExpiryPolicy expiry, string domain, TimeProvider time, ILogger logger)
        {
            _element = element;
            _timers = timers;
            _persistence = persistence;
            _nextHop = nextHop;
            _expiry = expiry;
            _domain = domain;
            _time = time;
            _logger = logger;
        }

        /// <summary>Raised on the loop when a NOTIFY transaction ends: the status (408 for a timeout, 503 for a transport failure).</summary>
        public event Action<EventSubscription, int>? NotifyCompleted;

        /// <summary>The value of Allow-Events: the packages, comma-separated.</summary>
        public string AllowEvents => string.Join(", ", _packages.Keys);

        /// <summary>Number of live subscriptions.</summary>
        public int Count => _subscriptions.Count;

        /// <summary>Adds an event package.</summary>
        public void AddPackage(IEventPackage package) => _packages.Add(package.Name, package);

        /// <summary>The subscriptions to one resource in one package (live view; copy before changing them).</summary>
        public IReadOnlyList<EventSubscription> SubscriptionsOf(string package, string resource) =>
            _byResource.TryGetValue((package, resource), out List<EventSubscription>? list) ? list : [];

        /// <summary>Handles a SUBSCRIBE: creates, refreshes, ends or fetches a subscription and answers it.</summary>
        public void OnSubscribe(SipServerTransaction transaction, SipMessage request)
        {
            string? eventValue = request.Headers.Get(SipHeaderNames.Event);
            if (eventValue is null)
            {
                RespondBadEvent(transaction, "SUBSCRIBE without an Event header");
                return;
            }

            EventHeader eventHeader;
            try
            {
                eventHeader = EventHeader.Parse(eventValue);
            }
            catch (SipParseException e)
            {
                transaction.Respond(400, "Malformed Event: " + e.Reason);
                return;
            }

            if (eventHeader.Template is not null || !_packages.TryGetValue(eventHeader.Package, out IEventPackage? package))
            {
                RespondBadEvent(transaction, $"Event package '{eventHeader.EventType}' is not supported");
                return;
            }

            if (!Accepts(request, package.ContentType))
            {
                SipMessage notAcceptable = transaction.CreateResponse(406, $"Not Acceptable: {package.Name} state is only sent as {package.ContentType}");
                notAcceptable.Headers.Add(SipHeaderNames.Accept, package.ContentType);
                transaction.SendResponse(notAcceptable);
                return;
            }

            if (!TryReadExpires(transaction, request, out long requested))
            {
                return;
            }

            NameAddress from, to;
            CSeqHeader cseq;
            try
            {
                from = NameAddress.Parse(request.Headers.Get(SipHeaderNames.From)!);
                to = NameAddress.Parse(request.Headers.Get(SipHeaderNames.To)!);
                cseq = CSeqHeader.Parse(request.Headers.Get(SipHeaderNames.CSeq)!);
            }
            catch (SipParseException e)
            {
                transaction.Respond(400, "Malformed From, To or CSeq: " + e.Reason);
                return;
            }

            if (from.Tag is null)
            {
                transaction.Respond(400, "SUBSCRIBE without a From tag");
                return;
            }

            if (to.Tag is null)
            {
                CreateSubscription(transaction, request, package, eventHeader.Id ?? string.Empty, from, cseq.Number, requested);
            }
            else
            {
                var key = new SubscriptionKey(new DialogId(request.CallId!, to.Tag, from.Tag), package.Name, eventHeader.Id ?? string.Empty);
                UpdateSubscription(transaction, request, key, cseq.Number, requested);
            }
        }

        /// <summary>Sends every active subscription to the resource a NOTIFY with the body <paramref name="bodyFor"/> gives it.</summary>
        public void NotifyActive(string package, string resource, Func<EventSubscription, NotifyBody?> bodyFor)
        {
            if (!_byResource.TryGetValue((package, resource), out List<EventSubscription>? list))
            {
                return;
            }

            // A failed send may remove entries from the list: iterate over a copy.
            foreach (EventSubscription subscription in list.ToArray())
            {
                if (subscription.State == SubscriptionState.Active)
                {
                    SendNotify(subscription, StateValue(subscription), bodyFor(subscription));
                }
            }
        }

        /// <summary>
        /// Applies the package's current authorization to the subscriptions of <paramref name="resource"/> by
        /// <paramref name="watcher"/> (every watcher when null): pending becomes active with a NOTIFY of the state,
        /// active becomes pending, rejected ends; an active one that stays active gets a NOTIFY (its view may have changed).
        /// </summary>
        public void Reauthorize(string package, string resource, string? watcher)
        {
            if (!_byResource.TryGetValue((package, resource), out List<EventSubscription>? list))
            {
                return;
            }

            foreach (EventSubscription subscription in list.ToArray())
            {
                if (watcher is null || subscription.Watcher == watcher)
                {
                    Apply(subscription, subscription.Package.Authorize(subscription.Watcher, resource), notifyWhenUnchanged: true);
                }
            }
        }

        /// <summary>Ends a subscription with a final NOTIFY (<c>terminated;reason=...</c>), with the state when it was active.</summary>
        public void Terminate(EventSubscription subscription, string reason, bool withState)
        {
            Forget(subscription);
            NotifyBody? body = withState && subscription.State == SubscriptionState.Active ? subscription.Package.CreateFullState(subscription) : null;
            subscription.State = SubscriptionState.Terminated;
            SendNotify(subscription, "terminated;reason=" + reason, body);
        }

        /// <summary>
        /// Takes back subscriptions saved before a restart: CSeq and version jump by <see cref="RestartSequenceGap"/>,
        /// the package authorizes each again, and each gets a NOTIFY with the current state.
        /// </summary>
        public void Resume(IEnumerable<PresenceSubscription> saved)
        {
            DateTimeOffset now = _time.GetUtcNow();
            foreach (PresenceSubscription record in saved)
            {
                if (!_packages.TryGetValue(record.Key.EventPackage, out IEventPackage? package) || !record.IsLiveAt(now)
                    || record.State == SubscriptionState.Terminated || _subscriptions.ContainsKey(record.Key))
                {
                    _persistence.Remove(record.Key);
                    continue;
                }

                var subscription = new EventSubscription(record.Key, package, record.Watcher, record.Presentity, [.. record.RouteSet])
                {
                    RemoteTarget = record.RemoteTarget,
                    LocalCSeq = record.LocalCSeq + RestartSequenceGap,
                    RemoteCSeq = record.RemoteCSeq,
                    ExpiresAt = record.ExpiresAt,
                    State = record.State,
                    Version = record.Version + RestartSequenceGap,
                };
                Add(subscription);
                Apply(subscription, package.Authorize(subscription.Watcher, subscription.Resource), notifyWhenUnchanged: true);
            }
        }

        private static bool Accepts(SipMessage request, string contentType)
        {
            string[] accepts = request.Headers.GetAll(SipHeaderNames.Accept);
            if (accepts.Length == 0)
            {
                return true;
            }

            int slash = contentType.IndexOf('/');
            string anySubtype = contentType[..slash] + "/*";
            foreach (string header in accepts)
            {
                foreach (string range in header.Split(','))
                {
                    string media = range.Split(';')[0].Trim();
                    if (media.Equals(contentType, StringComparison.OrdinalIgnoreCase) || media == "*/*"
                        || media.Equals(anySubtype, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private void RespondBadEvent(SipServerTransaction transaction, string reason)
        {
            SipMessage response = transaction.CreateResponse(489, "Bad Event: " + reason);
            response.Headers.Add(SipHeaderNames.AllowEvents, AllowEvents);
            transaction.SendResponse(response);
        }

        /// <summary>Reads Expires: -1 when absent; false (answered) when malformed.</summary>
        private bool TryReadExpires(SipServerTransaction transaction, SipMessage request, out long seconds)
        {
            seconds = -1;
            string? value = request.Headers.Get(SipHeaderNames.Expires);
            if (value is null)
            {
                return true;
            }

            try
            {
                seconds = ExpiresHeader.Parse(value);
                return true;
            }
            catch (SipParseException e)
            {
                transaction.Respond(400, "Malformed Expires: " + e.Reason);
                return false;
            }
        }

        /// <summary>The granted expiry, or -1 after answering 423.</summary>
        private long Grant(SipServerTransaction transaction, long requested)
        {
            if (requested < 0)
            {
                return _expiry.DefaultSeconds;
            }

            if (requested > 0 && requested < _expiry.MinSeconds)
            {
                SipMessage tooBrief = transaction.CreateResponse(423, $"Interval Too Brief: at least {_expiry.MinSeconds} seconds");
                tooBrief.Headers.Add(SipHeaderNames.MinExpires, _expiry.MinSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                transaction.SendResponse(tooBrief);
                return -1;
            }

            return Math.Min(requested, _expiry.MaxSeconds);
        }

        private void CreateSubscription(SipServerTransaction transaction, SipMessage request, IEventPackage package, string eventId, NameAddress from, long cseq, long requested)
        {
            string? contactValue = request.Headers.Get(SipHeaderNames.Contact);
            if (contactValue is null)
            {
                transaction.Respond(400, "SUBSCRIBE without a Contact");
                return;
            }

            string remoteTarget;
            try
            {
                NameAddress contact = NameAddress.ParseContact(contactValue);
                if (contact.IsWildcard || contact.SipUri is null)
                {
                    transaction.Respond(400, "The Contact of a SUBSCRIBE must be a sip URI");
                    return;
                }

                remoteTarget = contact.SipUri.ToString();
            }
            catch (SipParseException e)
            {
                transaction.Respond(400, "Malformed Contact: " + e.Reason);
                return;
            }

            string? watcher = AddressOfRecord.FromUri(from.Uri?.ToString());
            if (watcher is null)
            {
                transaction.Respond(400, "The From of a SUBSCRIBE must be a sip URI with a user");
                return;
            }

            string? resource = AddressOfRecord.ResourceOf(request, _domain);
            if (resource is null)
            {
                transaction.Respond(404, "Not Found: no resource in the Request-URI or To");
                return;
            }

            SubscriptionDecision decision = package.Authorize(watcher, resource);
            if (decision == SubscriptionDecision.Rejected)
            {
                transaction.Respond(403, $"Forbidden: {watcher} may not watch {package.Name} of {resource}");
                return;
            }

            long granted = Grant(transaction, requested);
            if (granted < 0)
            {
                return;
            }

            string localTag = _element.Layer.NewTag();
            var key = new SubscriptionKey(new DialogId(request.CallId!, localTag, from.Tag!), package.Name, eventId);
            var subscription = new EventSubscription(key, package, watcher, resource, request.Headers.GetAll(SipHeaderNames.RecordRoute))
            {
                RemoteTarget = remoteTarget,
                RemoteCSeq = cseq,
                ExpiresAt = _time.GetUtcNow().AddSeconds(granted),
                State = decision == SubscriptionDecision.Active ? SubscriptionState.Active : SubscriptionState.Pending,
            };

            SipMessage ok = SipResponseBuilder.Create(request, 200, "OK", localTag);
            foreach (string recordRoute in request.Headers.GetAll(SipHeaderNames.RecordRoute))
            {
                ok.Headers.Add(SipHeaderNames.RecordRoute, recordRoute);
            }

            AddDialogHeaders(ok, granted);
            transaction.SendResponse(ok);

            if (granted == 0)
            {
                // A fetch (RFC 6665 §4.4.3): one NOTIFY with the state, and the subscription is over.
                _logger.LogDebug("Fetch of {Package} state of {Resource} by {Watcher}", package.Name, resource, watcher);
                Terminate(subscription, "timeout", withState: true);
                return;
            }

            Add(subscription);
            _logger.LogDebug("New subscription {Subscription}, {Seconds} s", subscription, granted);
            Notify(subscription);
        }

        private void UpdateSubscription(SipServerTransaction transaction, SipMessage request, SubscriptionKey key, long cseq, long requested)
        {
            if (!_subscriptions.TryGetValue(key, out EventSubscription? subscription))
            {
                transaction.Respond(481, "Subscription Does Not Exist");
                return;
            }

            if (cseq <= subscription.RemoteCSeq)
            {
                transaction.Respond(500, "CSeq lower than the last request in this dialog");
                return;
            }

            string? contactValue = request.Headers.Get(SipHeaderNames.Contact);
            string? newTarget = null;
            if (contactValue is not null)
            {
                try
                {
                    newTarget = NameAddress.ParseContact(contactValue).SipUri?.ToString();
                }
                catch (SipParseException e)
                {
                    transaction.Respond(400, "Malformed Contact: " + e.Reason);
                    return;
                }
            }

            long granted = Grant(transaction, requested);
            if (granted < 0)
            {
                return;
            }

            subscription.RemoteCSeq = cseq;
            subscription.RemoteTarget = newTarget ?? subscription.RemoteTarget;
            SubscriptionDecision decision = subscription.Package.Authorize(subscription.Watcher, subscription.Resource);
            if (decision == SubscriptionDecision.Rejected)
            {
                transaction.Respond(403, $"Forbidden: {subscription.Watcher} may no longer watch {subscription.Resource}");
                Terminate(subscription, "rejected", withState: false);
                return;
            }

            SipMessage ok = transaction.CreateResponse(200, "OK");
            AddDialogHeaders(ok, granted);
            transaction.SendResponse(ok);
            if (granted == 0)
            {
                _logger.LogDebug("Unsubscribed {Subscription}", subscription);
                Terminate(subscription, "timeout", withState: true);
                return;
            }

            subscription.ExpiresAt = _time.GetUtcNow().AddSeconds(granted);
            ScheduleExpiry(subscription);
            subscription.State = decision == SubscriptionDecision.Active ? SubscriptionState.Active : SubscriptionState.Pending;
            Notify(subscription);
        }

        private void AddDialogHeaders(SipMessage response, long expires)
        {
            response.Headers.Add(SipHeaderNames.Expires, expires.ToString(System.Globalization.CultureInfo.InvariantCulture));
            response.Headers.Add(SipHeaderNames.Contact, "<sip:" + _element.HostPort + ">");
        }

        private void Apply(EventSubscription subscription, SubscriptionDecision decision, bool notifyWhenUnchanged)
        {
            switch (decision)
            {
                case SubscriptionDecision.Rejected:
                    Terminate(subscription, "rejected", withState: false);
                    return;
                case SubscriptionDecision.Active when subscription.State != SubscriptionState.Active:
                    subscription.State = SubscriptionState.Active;
                    Notify(subscription);
                    return;
                case SubscriptionDecision.Pending when subscription.State != SubscriptionState.Pending:
                    subscription.State = SubscriptionState.Pending;
                    Notify(subscription);
                    return;
            }

            if (notifyWhenUnchanged)
            {
                Notify(subscription);
            }
        }

        /// <summary>
        /// A NOTIFY with the subscription's state (the package's document when active, nothing when pending), after
        /// which the subscription is saved: this is how creation, refresh and state changes end.
        /// </summary>
        private void Notify(EventSubscription subscription)
        {
            NotifyBody? body = subscription.State == SubscriptionState.Active ? subscription.Package.CreateFullState(subscription) : null;
            SendNotify(subscription, StateValue(subscription), body, save: true);
        }

        private string StateValue(EventSubscription subscription)
        {
            long remaining = Math.Max(0, (long)Math.Ceiling((subscription.ExpiresAt - _time.GetUtcNow()).TotalSeconds));
            string state = subscription.State == SubscriptionState.Active ? SubscriptionStateHeader.Active : SubscriptionStateHeader.Pending;
            return state + ";expires=" + remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        private void SendNotify(EventSubscription subscription, string subscriptionState, NotifyBody? body, bool save = false)
        {
            subscription.LocalCSeq++;
            SipMessage notify = SipMessage.CreateRequest(SipMethods.Notify, subscription.RemoteTarget);
            SipHeaderCollection headers = notify.Headers;
            foreach (string route in subscription.RouteSet)
            {
                headers.Add(SipHeaderNames.Route, route);
            }

            headers.Add(SipHeaderNames.MaxForwards, "70");
            headers.Add(SipHeaderNames.From, "<" + subscription.Resource + ">;tag=" + subscription.Key.Dialog.LocalTag);
            headers.Add(SipHeaderNames.To, "<" + subscription.Watcher + ">;tag=" + subscription.Key.Dialog.RemoteTag);
            headers.Add(SipHeaderNames.CallId, subscription.Key.Dialog.CallId);
            headers.Add(SipHeaderNames.CSeq, subscription.LocalCSeq.ToString(System.Globalization.CultureInfo.InvariantCulture) + " NOTIFY");
            headers.Add(SipHeaderNames.Event, subscription.EventId is null ? subscription.Package.Name : subscription.Package.Name + ";id=" + subscription.EventId);
            headers.Add(SipHeaderNames.SubscriptionState, subscriptionState);
            headers.Add(SipHeaderNames.Contact, "<sip:" + _element.HostPort + ">");
            if (body is not null)
            {
                headers.Add(SipHeaderNames.ContentType, body.ContentType);
                notify.Body = body.Content;
            }

            // CSeq and version alone are saved only when they drifted half the restart gap from the stored
            // ones: a resumed dialog jumps by the whole gap, so it never goes backwards, and a fan-out costs no write.
            if (subscription.State != SubscriptionState.Terminated
                && (save || subscription.LocalCSeq + subscription.Version - subscription.SavedSequence >= RestartSequenceGap / 2))
            {
                Save(subscription);
            }

            string firstHop = subscription.RouteSet.Count > 0 ? RouteUri(subscription.RouteSet[0]) : subscription.RemoteTarget;
            if (subscription.FirstHop is null || subscription.FirstHopUri != firstHop)
            {
                subscription.FirstHop = _nextHop.Resolve(firstHop, out string? problem);
                subscription.FirstHopUri = firstHop;
                if (subscription.FirstHop is null)
                {
                    _logger.LogWarning("Cannot send NOTIFY for {Subscription}: {Problem}; subscription removed", subscription, problem);
                    Forget(subscription);
                    return;
                }
            }

            SipEndPoint destination = subscription.FirstHop;

            try
            {
                _element.SendRequest(notify, destination, new NotifyTransaction(this, subscription));
            }
            catch (SipTransactionTableFullException e)
            {
                // Overload, not the subscriber's fault: keep the subscription, the next change tries again.
                _logger.LogWarning("NOTIFY for {Subscription} not sent: {Error}", subscription, e.Message);
            }
        }

        private void Save(EventSubscription subscription)
        {
            subscription.SavedSequence = subscription.LocalCSeq + subscription.Version;
            _persistence.Save(subscription.ToRecord());
        }

        private static string RouteUri(string route)
        {
            try
            {
                return NameAddress.ParseRoute(route).Uri?.ToString() ?? route;
            }
            catch (SipParseException)
            {
                return route;
            }
        }

        private void Add(EventSubscription subscription)
        {
            _subscriptions.Add(subscription.Key, subscription);
            var index = (subscription.Package.Name, subscription.Resource);
            if (!_byResource.TryGetValue(index, out List<EventSubscription>? list))
            {
                _byResource[index] = list = [];
            }

            list.Add(subscription);
            ScheduleExpiry(subscription);
        }

        private void ScheduleExpiry(EventSubscription subscription)
        {
            subscription.Expiry?.Cancel();
            subscription.Expiry = _timers.Schedule(subscription.ExpiresAt, () =>
            {
                if (_subscriptions.TryGetValue(subscription.Key, out EventSubscription? current) && current == subscription)
                {
                    _logger.LogDebug("Subscription expired: {Subscription}", subscription);
                    Terminate(subscription, "timeout", withState: true);
                }
            });
        }

        /// <summary>Removes a subscription from the tables, its timer and the store; no NOTIFY.</summary>
        private void Forget(EventSubscription subscription)
        {
            subscription.Expiry?.Cancel();
            if (!_subscriptions.Remove(subscription.Key))
            {
                return;
            }

            var index = (subscription.Package.Name, subscription.Resource);
            if (_byResource.TryGetValue(index, out List<EventSubscription>? list))
            {
                list.Remove(subscription);
                if (list.Count == 0)
                {
                    _byResource.Remove(index);
                }
            }

            _persistence.Remove(subscription.Key);
        }

        private void OnNotifyEnded(EventSubscription subscription, int status, string why)
        {
            if (status >= 300 && _subscriptions.TryGetValue(subscription.Key, out EventSubscription? current) && current == subscription)
            {
                _logger.LogInformation("NOTIFY for {Subscription} failed ({Why}); subscription removed", subscription, why);
                Forget(subscription);
                subscription.State = SubscriptionState.Terminated;
            }

            NotifyCompleted?.Invoke(subscription, status);
        }

        /// <summary>The transaction user of one NOTIFY.</summary>
        private sealed class NotifyTransaction(EventNotifier notifier, EventSubscription subscription) : ISipClientTransactionUser
        {
            public void OnResponse(SipClientTransaction transaction, SipMessage response)
            {
                if (response.StatusCode >= 200)
                {
                    notifier.OnNotifyEnded(subscription, response.StatusCode, response.StatusCode + " " + response.ReasonPhrase);
                }
            }

            public void OnTimeout(SipClientTransaction transaction) => notifier.OnNotifyEnded(subscription, 408, "timeout");

            public void OnTransportError(SipClientTransaction transaction, Exception error) =>
                notifier.OnNotifyEnded(subscription, 503, "transport error: " + error.Message);
        }
    }
}
