using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>The IM Server: third-party REGISTER from the Core, registrations, and the presence NOTIFYs of its subscriptions.</summary>
    public sealed partial class ImElement
    {
        private void HandleRegister(SipServerTransaction transaction, SipMessage request)
        {
            string? aor = ImAddresses.AorOfNameAddress(request.Headers.Get(SipHeaderNames.To));
            if (aor is null)
            {
                transaction.Respond(400, "Bad Request: To must name a user (sip:user@domain)");
                return;
            }

            if (!ImAddresses.IsInDomain(aor, _domain))
            {
                transaction.Respond(404, "Not Found: " + aor + " is not in domain " + _domain);
                return;
            }

            if (!ImAddresses.SameAddress(transaction.Source.Host, Options.CoreAddress))
            {
                transaction.Respond(403, "Forbidden: third-party REGISTER is accepted from the SIP/IP Core only");
                return;
            }

            if (!TryReadExpiry(request, out long expires, out string? contact))
            {
                transaction.Respond(400, "Bad Request: malformed Expires or Contact");
                return;
            }

            SipMessage response = transaction.CreateResponse(200, "OK");
            if (contact is not null && expires > 0)
            {
                response.Headers.Add(SipHeaderNames.Contact, contact);
            }

            response.Headers.Add(SipHeaderNames.Expires, expires.ToString(CultureInfo.InvariantCulture));
            if (Options.RegistrationSource != ImRegistrationSource.ThirdPartyRegister)
            {
                LogRegisterIgnored(aor);
                transaction.SendResponse(response);
                return;
            }

            // Answered once the registration is recorded, so an accepted REGISTER survives a crash.
            void Answer() => transaction.SendResponse(response);
            if (expires == 0)
            {
                EndRegistration(aor, "unregistered", Answer);
            }
            else
            {
                RegisterUser(aor, Now.AddSeconds(expires), persist: true, Answer);
            }
        }

        // The third-party REGISTER carries the granted expiry in Expires, or as the Contact's expires parameter.
        private static bool TryReadExpiry(SipMessage request, out long expires, out string? contact)
        {
            expires = 3600;
            contact = request.Headers.Get(SipHeaderNames.Contact);
            try
            {
                string? header = request.Headers.Get(SipHeaderNames.Expires);
                NameAddress? address = contact is null ? null : NameAddress.ParseContact(contact);
                string? parameter = address?.Parameters.Get("expires");
                if (parameter is not null)
                {
                    expires = ExpiresHeader.Parse(parameter);
                }
                else if (header is not null)
                {
                    expires = ExpiresHeader.Parse(header);
                }

                if (address is not null && address.IsWildcard)
                {
                    contact = null;
                    expires = 0;
                }
                else if (address is not null)
                {
                    address.Parameters.Set("expires", expires.ToString(CultureInfo.InvariantCulture));
                    contact = address.ToString();
                }

                return true;
            }
            catch (SipParseException)
            {
                return false;
            }
        }

        /// <summary>
        /// A user is registered until <paramref name="until"/> (null: until the reg event says otherwise). With
        /// <paramref name="persist"/> the registration is recorded; <paramref name="recorded"/> runs on the loop after that.
        /// </summary>
        internal void RegisterUser(string aor, DateTimeOffset? until, bool persist, Action? recorded = null)
        {
            if (!_watches.TryGetValue(aor, out UserWatch? watch))
            {
                watch = new UserWatch(this, aor);
                _watches[aor] = watch;
                LogRegistered(aor, until);
            }

            watch.Register(until);
            if (persist && until is { } expiresAt)
            {
                PersistRegistration(store => store.SetRegistrationAsync(aor, expiresAt), recorded);
            }
            else
            {
                recorded?.Invoke();
            }

            if (Options.DeliverOnRegister && _queues.TryGetValue(aor, out RecipientQueue? queue))
            {
                queue.Kick();
            }
        }

        /// <summary>The user's registration ended: unsubscribe from its presence; <paramref name="recorded"/> runs once that is recorded.</summary>
        internal void EndRegistration(string aor, string why, Action? recorded = null)
        {
            if (_watches.Remove(aor, out UserWatch? watch))
            {
                watch.End();
                LogUnregistered(aor, why);
            }

            if (Options.RegistrationSource == ImRegistrationSource.ThirdPartyRegister)
            {
                PersistRegistration(store => store.RemoveRegistrationAsync(aor), recorded);
            }
            else
            {
                recorded?.Invoke();
            }
        }

        // Registration records go through a writer of their own: one after another (a quick register/unregister
        // keeps its order) and off the thread pool (each is a durable commit).
        private void PersistRegistration(Func<IMessageStore, Task> write, Action? recorded)
        {
            bool queued = _registrationWriter.Enqueue(write, (unused, error) =>
            {
                if (recorded is not null)
                {
                    Loop.Post(recorded);
                }
            });
            if (!queued)
            {
                Logger.LogWarning("IM Server: stopping; a registration change was not recorded");
                recorded?.Invoke();
            }
        }

        private async Task<IReadOnlyList<bool>> WriteRegistrationsAsync(IReadOnlyList<Func<IMessageStore, Task>> writes, System.Threading.CancellationToken cancellationToken)
        {
            foreach (Func<IMessageStore, Task> write in writes)
            {
                try
                {
                    await write(_messages).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One failed record must not drop the others of the batch.
                    Logger.LogError(e, "IM Server: could not record a registration");
                }
            }

            return new bool[writes.Count];
        }

        // ---- presence and NOTIFY ----

        private void HandleNotify(SipServerTransaction transaction, SipMessage request)
        {
            string? callId = request.CallId;
            if (callId is not null && _subscriptions.TryGetValue(callId.Trim(), out EventSubscription? subscription))
            {
                subscription.HandleNotify(transaction, request);
                return;
            }

            transaction.Respond(481, "Subscription does not exist");
        }

        /// <summary>A presence NOTIFY was applied to <paramref name="watch"/>.</summary>
        internal void OnPresence(UserWatch watch, bool changed)
        {
            if (changed)
            {
                LogPresence(watch.Aor, watch.PresenceAvailable);
            }

            if (watch.IsAvailable && _queues.TryGetValue(watch.Aor, out RecipientQueue? queue))
            {
                queue.Kick();
            }
        }
    }
}
