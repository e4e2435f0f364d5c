using System;
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>
    /// What the IM Server knows about one registered user: the registration (from third-party REGISTER or the
    /// reg event) and the presence subscription it keeps while the user is registered (seed step 7).
    /// The user is available for IM when registered and the latest NOTIFY's PIDF says available for IM
    /// (<see cref="PresenceDocument.IsAvailableForIm"/>), or, with <c>Im:DeliverOnRegister</c>, when registered at all.
    /// </summary>
    internal sealed class UserWatch : ISubscriptionListener
    {
        private readonly ImElement _host;
        private readonly LoopTimer _expiry;
        private EventSubscription? _presence;

        public UserWatch(ImElement host, string aor)
        {
            _host = host;
            Aor = aor;
            _expiry = new LoopTimer(host.Time, host.Loop, () => host.EndRegistration(Aor, "registration expired"));
        }

        public string Aor { get; }

        /// <summary>When the third-party registration ends; null when the reg event tells instead.</summary>
        public DateTimeOffset? RegisteredUntil { get; private set; }

        /// <summary>What the latest presence NOTIFY said.</summary>
        public bool PresenceAvailable { get; private set; }

        /// <summary>Registered, and available for IM by presence (or by registration alone where configured).</summary>
        public bool IsAvailable => PresenceAvailable || _host.Options.DeliverOnRegister;

        /// <summary>The presence subscription's state, for diagnostics.</summary>
        public bool IsSubscribed => _presence is not null && _presence.IsActive;

        /// <summary>Starts or refreshes the registration; <paramref name="until"/> null means no expiry of its own (reg event).</summary>
        public void Register(DateTimeOffset? until)
        {
            RegisteredUntil = until;
            if (until is { } end)
            {
                _expiry.StartAt(end);
            }
            else
            {
                _expiry.Cancel();
            }

            if (_presence is null)
            {
                _presence = new EventSubscription(_host, Aor, "presence", "application/pidf+xml", this);
            }

            _presence.Start();
        }

        /// <summary>The registration ended: unsubscribe and forget the presence state.</summary>
        public void End()
        {
            _expiry.Cancel();
            _presence?.Stop();
            _presence = null;
            PresenceAvailable = false;
        }

        public string? OnNotify(EventSubscription subscription, SubscriptionStateHeader state, SipMessage notify)
        {
            bool available;
            if (notify.Body.Length == 0)
            {
                // pending, or a notifier with nothing to say: no state is no availability
                available = false;
            }
            else
            {
                string? contentType = notify.Headers.Get(SipHeaderNames.ContentType);
                if (!IsPidf(contentType))
                {
                    return "Unsupported presence body '" + contentType + "'; expected application/pidf+xml";
                }

                try
                {
                    available = PidfReader.Parse(notify.Body, 0, notify.Body.Length).IsAvailableForIm;
                }
                catch (SipParseException e)
                {
                    return "Malformed PIDF: " + e.Reason;
                }
            }

            if (state.IsPending)
            {
                available = false;
            }

            Set(available);
            return null;
        }

        public void OnStateLost(EventSubscription subscription) => Set(false);

        private static bool IsPidf(string? contentType)
        {
            if (contentType is null)
            {
                return false;
            }

            try
            {
                return ContentTypeHeader.Parse(contentType).Is("application", "pidf+xml");
            }
            catch (SipParseException)
            {
                return false;
            }
        }

        private void Set(bool available)
        {
            bool changed = available != PresenceAvailable;
            PresenceAvailable = available;
            _host.OnPresence(this, changed);
        }
    }
}
