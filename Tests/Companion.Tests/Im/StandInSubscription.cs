using System.Globalization;
using System.Threading.Tasks;
using SimpleImGateway.Companion.Tests.TestSupport;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Tests.Im
{
    /// <summary>The notifier's side of a subscription the IM Server made, played by the Core stand-in.</summary>
    internal sealed class StandInSubscription
    {
        private readonly ImTestHarness _harness;
        private long _cseq;

        public StandInSubscription(ImTestHarness harness, SipMessage subscribe, string tag, string package)
        {
            _harness = harness;
            Subscribe = subscribe;
            Tag = tag;
            Package = package;
        }

        /// <summary>The SUBSCRIBE that created the subscription.</summary>
        public SipMessage Subscribe { get; }

        /// <summary>The notifier's tag.</summary>
        public string Tag { get; }

        public string Package { get; }

        /// <summary>Sends a presence NOTIFY: PIDF open and available for IM, closed, or no body (null).</summary>
        public Task<SipMessage> NotifyAsync(bool? available, string state = "active;expires=3600")
        {
            string aor = Subscribe.RequestUri;
            return NotifyAsync(available is null ? null : ImTestHarness.Pidf(aor, available.Value), "application/pidf+xml", state);
        }

        /// <summary>Sends a NOTIFY in the dialog with any body.</summary>
        public async Task<SipMessage> NotifyAsync(byte[]? body, string contentType, string state)
        {
            NameAddress contact = NameAddress.ParseContact(Subscribe.Headers.Get(SipHeaderNames.Contact)!);
            SipMessage notify = SipMessage.CreateRequest(SipMethods.Notify, contact.Uri!.ToString());
            PagerTestUserAgent core = _harness.Core;
            notify.Headers.Add(SipHeaderNames.Via, "SIP/2.0/UDP " + core.HostPort + ";branch=z9hG4bK" + PagerTestUserAgent.NewToken() + ";rport");
            notify.Headers.Add(SipHeaderNames.MaxForwards, "70");
            notify.Headers.Add(SipHeaderNames.From, Subscribe.Headers.Get(SipHeaderNames.To) + ";tag=" + Tag);
            notify.Headers.Add(SipHeaderNames.To, Subscribe.Headers.Get(SipHeaderNames.From)!);
            notify.Headers.Add(SipHeaderNames.CallId, Subscribe.CallId!);
            notify.Headers.Add(SipHeaderNames.CSeq, (++_cseq).ToString(CultureInfo.InvariantCulture) + " NOTIFY");
            notify.Headers.Add(SipHeaderNames.Contact, "<sip:presence@" + core.HostPort + ">");
            notify.Headers.Add(SipHeaderNames.Event, Package);
            notify.Headers.Add(SipHeaderNames.SubscriptionState, state);
            if (body is not null)
            {
                notify.Headers.Add(SipHeaderNames.ContentType, contentType);
                notify.Body = body;
            }

            return await core.SendRequestAsync(notify, _harness.ImEndPoint);
        }
    }
}
