using System;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>
    /// The subscriber's side of one subscription dialog (RFC 6665 §4.1, RFC 3261 §12): Call-ID, tags, route set,
    /// remote target and CSeq numbers. The dialog is established by the first 2xx to the SUBSCRIBE or by the
    /// first NOTIFY, whichever arrives first; in-dialog requests follow its route set.
    /// </summary>
    internal sealed class SubscriptionDialog
    {
        private string[] _routeSet = [];

        public SubscriptionDialog(string callId, string localTag, string localUri, string remoteUri)
        {
            CallId = callId;
            LocalTag = localTag;
            LocalUri = localUri;
            RemoteUri = remoteUri;
            RemoteTarget = remoteUri;
        }

        public string CallId { get; }

        public string LocalTag { get; }

        /// <summary>The subscriber's URI (From).</summary>
        public string LocalUri { get; }

        /// <summary>The subscribed resource's URI (To, and the initial Request-URI).</summary>
        public string RemoteUri { get; }

        /// <summary>The notifier's tag; null until the dialog is established.</summary>
        public string? RemoteTag { get; private set; }

        /// <summary>Where in-dialog requests are addressed: the notifier's Contact.</summary>
        public string RemoteTarget { get; private set; }

        /// <summary>The CSeq of the last request sent in the dialog.</summary>
        public long LocalCSeq { get; private set; }

        /// <summary>The CSeq of the last NOTIFY accepted; -1 before the first.</summary>
        public long RemoteCSeq { get; set; } = -1;

        public bool IsEstablished => RemoteTag is not null;

        /// <summary>Establishes the dialog from a 2xx to the SUBSCRIBE: the route set is the Record-Route reversed (§12.1.2).</summary>
        public void EstablishFromResponse(SipMessage response)
        {
            NameAddress? to = ImAddresses.TryParseNameAddress(response.Headers.Get(SipHeaderNames.To));
            RemoteTag = to?.Tag ?? string.Empty;
            string[] recordRoute = response.Headers.GetAll(SipHeaderNames.RecordRoute);
            Array.Reverse(recordRoute);
            _routeSet = recordRoute;
            UpdateTarget(response);
        }

        /// <summary>Establishes the dialog from a NOTIFY that came first: the route set is its Record-Route in order (§12.1.1).</summary>
        public void EstablishFromNotify(SipMessage notify)
        {
            NameAddress? from = ImAddresses.TryParseNameAddress(notify.Headers.Get(SipHeaderNames.From));
            RemoteTag = from?.Tag ?? string.Empty;
            _routeSet = notify.Headers.GetAll(SipHeaderNames.RecordRoute);
            UpdateTarget(notify);
        }

        /// <summary>A Contact in a 2xx or NOTIFY replaces the remote target (NOTIFY is a target refresh request, RFC 6665).</summary>
        public void UpdateTarget(SipMessage message)
        {
            string? contact = message.Headers.Get(SipHeaderNames.Contact);
            if (contact is null)
            {
                return;
            }

            try
            {
                NameAddress address = NameAddress.ParseContact(contact);
                if (address.Uri?.ToString() is { } target)
                {
                    RemoteTarget = target;
                }
            }
            catch (SipParseException)
            {
                // keep the previous target; a bad Contact must not break the dialog
            }
        }

        /// <summary>Starts a request outside the dialog (the initial SUBSCRIBE): Request-URI and To are the resource.</summary>
        public SipMessage CreateInitialRequest(string method)
        {
            LocalCSeq++;
            SipMessage request = SipMessage.CreateRequest(method, RemoteUri);
            request.Headers.Add(SipHeaderNames.MaxForwards, MaxForwardsHeader.Default.ToString());
            request.Headers.Add(SipHeaderNames.From, "<" + LocalUri + ">;tag=" + LocalTag);
            request.Headers.Add(SipHeaderNames.To, "<" + RemoteUri + ">");
            request.Headers.Add(SipHeaderNames.CallId, CallId);
            request.Headers.Add(SipHeaderNames.CSeq, LocalCSeq.ToString() + " " + method);
            return request;
        }

        /// <summary>Builds a request inside the established dialog (§12.2.1.1), with the route set as Route headers.</summary>
        public SipMessage CreateRequest(string method)
        {
            LocalCSeq++;
            SipMessage request = SipMessage.CreateRequest(method, RemoteTarget);
            foreach (string route in _routeSet)
            {
                request.Headers.Add(SipHeaderNames.Route, route);
            }

            request.Headers.Add(SipHeaderNames.MaxForwards, MaxForwardsHeader.Default.ToString());
            request.Headers.Add(SipHeaderNames.From, "<" + LocalUri + ">;tag=" + LocalTag);
            string to = "<" + RemoteUri + ">";
            if (!string.IsNullOrEmpty(RemoteTag))
            {
                to += ";tag=" + RemoteTag;
            }

            request.Headers.Add(SipHeaderNames.To, to);
            request.Headers.Add(SipHeaderNames.CallId, CallId);
            request.Headers.Add(SipHeaderNames.CSeq, LocalCSeq.ToString() + " " + method);
            return request;
        }

        /// <summary>
        /// The next hop of an in-dialog request: the first route (loose routing) or else the remote target; null when
        /// neither is a routable SIP URI (the caller then uses the Core).
        /// </summary>
        public SipEndPoint? NextHop()
        {
            if (_routeSet.Length > 0)
            {
                try
                {
                    NameAddress route = NameAddress.ParseRoute(_routeSet[0]);
                    string? uri = route.Uri?.ToString();
                    return uri is null ? null : ImAddresses.EndPointOf(uri);
                }
                catch (SipParseException)
                {
                    return null;
                }
            }

            return ImAddresses.EndPointOf(RemoteTarget);
        }

        /// <summary>Whether a NOTIFY belongs to this dialog: its To tag is ours and, once established, its From tag is the notifier's.</summary>
        public bool Matches(SipMessage notify)
        {
            NameAddress? to = ImAddresses.TryParseNameAddress(notify.Headers.Get(SipHeaderNames.To));
            if (to is null || to.Tag != LocalTag)
            {
                return false;
            }

            if (!IsEstablished || string.IsNullOrEmpty(RemoteTag))
            {
                return true;
            }

            NameAddress? from = ImAddresses.TryParseNameAddress(notify.Headers.Get(SipHeaderNames.From));
            return from is not null && from.Tag == RemoteTag;
        }
    }
}
