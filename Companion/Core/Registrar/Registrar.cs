using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Core.Authentication;
using SimpleImGateway.Companion.Core.Configuration;
using SimpleImGateway.Companion.Core.Location;
using SimpleImGateway.Companion.Core.ThirdPartyRegistration;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Core.Registrar
{
    /// <summary>
    /// <see cref="IRegistrar"/> following RFC 3261 §10.3: the REGISTER is read and checked first (400 for a
    /// malformed Expires or Contact, so a broken request never costs a challenge), then authenticated with digest
    /// (401), authorized (the digest user must be the AOR's user, else 403), checked against Min-Expires (423) and
    /// the per-AOR contact limit, and applied contact by contact with the Call-ID/CSeq ordering of step 7. The change
    /// applies in memory at once and is stored in order with the others; once stored, the application servers are
    /// told (third-party REGISTER), and
    /// only then does the UA get its 200 listing every current contact with its remaining expiry.
    /// </summary>
    public sealed partial class Registrar : IRegistrar
    {
        private readonly ICoreRuntime _runtime;
        private readonly IDigestAuthenticator _authenticator;
        private readonly ILocationService _location;
        private readonly IThirdPartyRegistrar _thirdParty;
        private readonly RegistrarOptions _options;
        private readonly string _domain;
        private readonly TimeProvider _time;
        private readonly ILogger _logger;

        /// <summary>Creates the registrar for <paramref name="domain"/>.</summary>
        public Registrar(
            ICoreRuntime runtime,
            IDigestAuthenticator authenticator,
            ILocationService location,
            IThirdPartyRegistrar thirdParty,
            RegistrarOptions options,
            string domain,
            TimeProvider time,
            ILogger logger)
        {
            _runtime = runtime;
            _authenticator = authenticator;
            _location = location;
            _thirdParty = thirdParty;
            _options = options;
            _domain = domain;
            _time = time;
            _logger = logger;
        }

        /// <inheritdoc/>
        public void OnRegister(SipServerTransaction transaction, SipMessage request)
        {
            RegisterRequest? register = RegisterRequest.TryRead(request, _domain, out int status, out string reason);
            if (register is null)
            {
                transaction.Respond(status, reason);
                return;
            }

            _runtime.ContinueOnLoop(
                _authenticator.AuthenticateAsync(request, proxy: false),
                outcome => OnAuthenticated(transaction, request, register, outcome),
                error => Fail(transaction, "authenticating", error));
        }

        private void OnAuthenticated(SipServerTransaction transaction, SipMessage request, RegisterRequest register, AuthenticationOutcome outcome)
        {
            if (_authenticator.AnswerUnlessAuthenticated(transaction, outcome, proxy: false))
            {
                return;
            }

            if (outcome.Username != register.User)
            {
                transaction.Respond(403, $"Forbidden: {outcome.Username} may not register {register.Aor}");
                return;
            }

            foreach (ContactRequest contact in register.Contacts)
            {
                // RFC 3261 §10.3 step 7: only a non-zero request below the minimum is too brief.
                long expires = contact.RequestedExpires ?? _options.DefaultExpires;
                if (expires > 0 && expires < _options.MinExpires)
                {
                    SipMessage tooBrief = transaction.CreateResponse(423, "Interval Too Brief");
                    tooBrief.Headers.Add(SipHeaderNames.MinExpires, _options.MinExpires.ToString(CultureInfo.InvariantCulture));
                    transaction.SendResponse(tooBrief);
                    return;
                }
            }

            Apply(transaction, request, register);
        }

        // The change takes effect in memory at once, so the next REGISTER of the same AOR (a UA refreshing
        // quickly, or a load test) is planned against it without waiting for the disk; the commits keep the
        // order of the changes. The UA hears 200 once its change is stored, or at once with WriteBehind.
        private void Apply(SipServerTransaction transaction, SipMessage request, RegisterRequest register)
        {
            IReadOnlyList<RegisteredContact> current = _location.Lookup(register.Aor);
            if (!TryPlan(transaction, request, register, current, out BindingChange? change))
            {
                return;
            }

            if (change is null)
            {
                Answer(transaction, register.Aor);
                return;
            }

            _location.Apply(change);
            LogChanged(register.Aor, change.Upserts.Count, change.RemovedContactUris.Count, _location.Lookup(register.Aor).Count);
            if (_options.WriteBehind)
            {
                _location.Commit(change, error =>
                {
                    if (error is not null)
                    {
                        // The UA has its 200 already; storage is what is behind. Take memory back to what it holds.
                        _logger.LogError(error, "Registration of {Aor} answered but not stored; reloading its bindings", register.Aor);
                        _location.Resync(register.Aor);
                    }
                });
                Complete(transaction, register.Aor);
                return;
            }

            _location.Commit(change, error =>
            {
                if (error is not null)
                {
                    // Memory ran ahead of storage: take the AOR's bindings back from storage.
                    _location.Resync(register.Aor);
                    Fail(transaction, "storing the registration of " + register.Aor, error);
                    return;
                }

                Complete(transaction, register.Aor);
            });
        }

        // After a change: the application servers hear of it (seed steps 2-5), then the UA gets its 200 (step 6).
        private void Complete(SipServerTransaction transaction, string aor)
        {
            if (!_thirdParty.HasServers)
            {
                Answer(transaction, aor);
                return;
            }

            DateTimeOffset? latest = _location.LatestExpiry(aor);
            long expires = latest is null ? 0 : Math.Max(1, (long)Math.Ceiling((latest.Value - _time.GetUtcNow()).TotalSeconds));
            _thirdParty.Register(aor, expires, () => Answer(transaction, aor));
        }

        // Works out the bindings to store and remove; false when the REGISTER was answered with an error instead.
        private bool TryPlan(
            SipServerTransaction transaction, SipMessage request, RegisterRequest register, IReadOnlyList<RegisteredContact> current, out BindingChange? change)
        {
            change = null;
            var upserts = new List<ContactBinding>();
            var removals = new List<string>();
            if (register.IsWildcard)
            {
                foreach (RegisteredContact contact in current)
                {
                    if (IsOutOfOrder(contact.Binding, register))
                    {
                        transaction.Respond(400, OutOfOrderReason(contact.Binding, register));
                        return false;
                    }

                    removals.Add(contact.Binding.ContactUri);
                }
            }

            DateTimeOffset now = _time.GetUtcNow();
            string source = transaction.Source.Host + ":" + transaction.Source.Port.ToString(CultureInfo.InvariantCulture);
            string transport = transaction.Source.IsReliable ? "tcp" : "udp";
            string[] paths = request.Headers.GetAll(SipHeaderNames.Path);
            int count = current.Count;
            foreach (ContactRequest contact in register.Contacts)
            {
                RegisteredContact? existing = current.FirstOrDefault(c => c.Uri.Equals(contact.Uri));
                if (existing is not null && IsOutOfOrder(existing.Binding, register))
                {
                    transaction.Respond(400, OutOfOrderReason(existing.Binding, register));
                    return false;
                }

                string contactUri = existing?.Binding.ContactUri ?? contact.Uri.ToString();
                long expires = Math.Min(contact.RequestedExpires ?? _options.DefaultExpires, _options.MaxExpires);
                upserts.RemoveAll(b => b.ContactUri == contactUri);
                removals.Remove(contactUri);
                if (expires == 0)
                {
                    if (existing is not null)
                    {
                        removals.Add(contactUri);
                    }

                    continue;
                }

                string? regId = contact.Address.Parameters.Get("reg-id");
                upserts.Add(new ContactBinding
                {
                    Aor = register.Aor,
                    ContactUri = contactUri,
                    Q = contact.Q,
                    ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds() + (expires * 1000)),
                    CallId = register.CallId,
                    CSeq = register.CSeq,
                    Source = source,
                    Transport = transport,
                    Path = paths.Length == 0 ? null : string.Join(",", paths),
                    InstanceId = contact.Address.Parameters.Get("+sip.instance"),
                    RegId = int.TryParse(regId, NumberStyles.None, CultureInfo.InvariantCulture, out int id) ? id : null,
                });
            }

            int after = current.Count(c => !removals.Contains(c.Binding.ContactUri))
                + upserts.Count(u => !current.Any(c => c.Binding.ContactUri == u.ContactUri));
            if (after > _options.MaxContactsPerAor && after > count)
            {
                transaction.Respond(403, $"Forbidden: {register.Aor} may have at most {_options.MaxContactsPerAor} contacts");
                return false;
            }

            if (upserts.Count > 0 || removals.Count > 0)
            {
                change = new BindingChange(register.Aor, upserts, removals);
            }

            return true;
        }

        private static bool IsOutOfOrder(ContactBinding binding, RegisterRequest register) =>
            binding.CallId == register.CallId && register.CSeq <= binding.CSeq;

        private static string OutOfOrderReason(ContactBinding binding, RegisterRequest register) =>
            $"CSeq {register.CSeq} is not above {binding.CSeq}, the last REGISTER of this Call-ID for {binding.ContactUri}";

        // The 200 lists every current binding with its remaining lifetime (RFC 3261 §10.3 step 8).
        private void Answer(SipServerTransaction transaction, string aor)
        {
            SipMessage ok = transaction.CreateResponse(200, "OK");
            DateTimeOffset now = _time.GetUtcNow();
            foreach (RegisteredContact contact in _location.Lookup(aor))
            {
                long remaining = Math.Max(0, (long)Math.Ceiling((contact.Binding.ExpiresAt - now).TotalSeconds));
                string value = "<" + contact.Binding.ContactUri + ">;expires=" + remaining.ToString(CultureInfo.InvariantCulture);
                if (contact.Binding.Q is double q)
                {
                    value += ";q=" + q.ToString("0.###", CultureInfo.InvariantCulture);
                }

                ok.Headers.Add(SipHeaderNames.Contact, value);
            }

            ok.Headers.Add(SipHeaderNames.Date, now.UtcDateTime.ToString("r", CultureInfo.InvariantCulture));
            transaction.SendResponse(ok);
        }

        private void Fail(SipServerTransaction transaction, string what, Exception error)
        {
            _logger.LogError(error, "Registrar failed while {What}", what);
            transaction.Respond(500, "Server Internal Error: the registration could not be processed");
        }

        [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Registration of {Aor}: {Stored} stored, {Removed} removed, {Live} live")]
        private partial void LogChanged(string aor, int stored, int removed, int live);
    }
}
