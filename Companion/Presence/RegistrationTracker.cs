using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Presence.Events;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Bodies.RegInfo;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Presence
{
    /// <summary>
    /// Who is registered, as the SIP/IP Core's third-party REGISTERs tell it (To = the user's AOR, Contact = where
    /// the Core reaches the user, Expires = the granted expiry, 0 to unregister). Only REGISTERs from the Core's
    /// address are believed. Registrations lapse on their own when not refreshed.
    /// </summary>
    public sealed class RegistrationTracker
    {
        private readonly Dictionary<string, TrackedRegistration> _live = new(StringComparer.Ordinal);
        private readonly LoopTimers _timers;
        private readonly PresenceStateWriter _writer;
        private readonly string _coreAddress;
        private readonly int _defaultExpires;
        private readonly TimeProvider _time;
        private readonly ILogger _logger;

        /// <summary>Creates the tracker.</summary>
        public RegistrationTracker(LoopTimers timers, PresenceStateWriter writer, string coreAddress, int defaultExpires, TimeProvider time, ILogger logger)
        {
            _timers = timers;
            _writer = writer;
            _coreAddress = coreAddress;
            _defaultExpires = defaultExpires;
            _time = time;
            _logger = logger;
        }

        /// <summary>Raised on the loop after a registration began, was refreshed, was removed or lapsed.</summary>
        public event Action<PresenceRegistration, RegContactEvent>? Changed;

        /// <summary>Whether <paramref name="aor"/> has a live registration.</summary>
        public bool IsRegistered(string aor) => _live.ContainsKey(aor);

        /// <summary>The live registration of <paramref name="aor"/>, or null.</summary>
        public TrackedRegistration? Get(string aor) => _live.TryGetValue(aor, out TrackedRegistration? tracked) ? tracked : null;

        /// <summary>Takes back the registrations saved before a restart (no notifications: the resumed subscriptions get full state).</summary>
        public void Restore(IEnumerable<PresenceRegistration> saved)
        {
            DateTimeOffset now = _time.GetUtcNow();
            foreach (PresenceRegistration record in saved)
            {
                if (record.IsLiveAt(now))
                {
                    var tracked = new TrackedRegistration(record, RegContactEvent.Registered);
                    _live[record.Aor] = tracked;
                    ScheduleExpiry(tracked);
                }
            }
        }

        /// <summary>Answers a third-party REGISTER and applies it.</summary>
        public void OnRegister(SipServerTransaction transaction, SipMessage request)
        {
            if (transaction.Source.Host != _coreAddress)
            {
                transaction.Respond(403, "Forbidden: registrations are accepted from the SIP/IP Core only");
                return;
            }

            string? aor = AddressOfRecord.FromNameAddress(request.Headers.Get(SipHeaderNames.To));
            if (aor is null)
            {
                transaction.Respond(400, "The To of a third-party REGISTER must be the user's sip AOR");
                return;
            }

            string? contactValue = request.Headers.Get(SipHeaderNames.Contact);
            NameAddress? contact = null;
            long expires = -1;
            try
            {
                if (contactValue is not null)
                {
                    contact = NameAddress.ParseContact(contactValue);
                    if (contact.Parameters.Get("expires") is { } contactExpires)
                    {
                        expires = ExpiresHeader.Parse(contactExpires);
                    }
                }

                if (request.Headers.Get(SipHeaderNames.Expires) is { } headerExpires && expires < 0)
                {
                    expires = ExpiresHeader.Parse(headerExpires);
                }
            }
            catch (SipParseException e)
            {
                transaction.Respond(400, "Malformed Contact or Expires: " + e.Reason);
                return;
            }

            if (contact is not null && contact.IsWildcard)
            {
                expires = 0; // "Contact: *" removes every binding
            }
            else if (contact is null && expires != 0)
            {
                // A query: report what is known.
                SipMessage query = transaction.CreateResponse(200, "OK");
                if (Get(aor) is { } known)
                {
                    query.Headers.Add(SipHeaderNames.Contact, $"<{known.Record.Contact}>;expires={Remaining(known.Record).ToString(CultureInfo.InvariantCulture)}");
                }

                transaction.SendResponse(query);
                return;
            }
            else if (expires < 0)
            {
                expires = _defaultExpires;
            }

            long cseq = CSeqHeader.Parse(request.Headers.Get(SipHeaderNames.CSeq)!).Number;
            SipMessage ok = transaction.CreateResponse(200, "OK");
            if (expires == 0)
            {
                transaction.SendResponse(ok);
                Unregister(aor, RegContactEvent.Unregistered);
                return;
            }

            DateTimeOffset now = _time.GetUtcNow();
            TrackedRegistration? existing = Get(aor);
            var record = new PresenceRegistration
            {
                Aor = aor,
                Contact = contact!.Uri.ToString() ?? string.Empty,
                ExpiresAt = now.AddSeconds(expires),
                RegisteredAt = existing?.Record.RegisteredAt ?? now,
                CallId = request.CallId ?? string.Empty,
                CSeq = cseq,
            };
            ok.Headers.Add(SipHeaderNames.Contact, $"<{record.Contact}>;expires={expires.ToString(CultureInfo.InvariantCulture)}");
            transaction.SendResponse(ok);

            RegContactEvent change = existing is null ? RegContactEvent.Registered : RegContactEvent.Refreshed;
            TrackedRegistration tracked = existing ?? new TrackedRegistration(record, change);
            tracked.Record = record;
            tracked.LastEvent = change;
            _live[aor] = tracked;
            ScheduleExpiry(tracked);
            _writer.Enqueue("saving a registration", (store, ct) => store.SetRegistrationAsync(record, ct));
            _logger.LogDebug("{Aor} {Change} for {Seconds} s", aor, change, expires);
            Changed?.Invoke(record, change);
        }

        private void Unregister(string aor, RegContactEvent change)
        {
            if (!_live.Remove(aor, out TrackedRegistration? tracked))
            {
                return;
            }

            tracked.Expiry?.Cancel();
            _writer.Enqueue("removing a registration", (store, ct) => store.RemoveRegistrationAsync(aor, ct));
            _logger.LogDebug("{Aor} {Change}", aor, change);
            Changed?.Invoke(tracked.Record, change);
        }

        private long Remaining(PresenceRegistration record) =>
            Math.Max(0, (long)Math.Ceiling((record.ExpiresAt - _time.GetUtcNow()).TotalSeconds));

        private void ScheduleExpiry(TrackedRegistration tracked)
        {
            tracked.Expiry?.Cancel();
            tracked.Expiry = _timers.Schedule(tracked.Record.ExpiresAt, () =>
            {
                if (_live.TryGetValue(tracked.Record.Aor, out TrackedRegistration? current) && current == tracked)
                {
                    Unregister(tracked.Record.Aor, RegContactEvent.Expired);
                }
            });
        }
    }
}
