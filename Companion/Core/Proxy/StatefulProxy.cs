using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Core.Authentication;
using SimpleImGateway.Companion.Core.Configuration;
using SimpleImGateway.Companion.Core.Location;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Companion.Core.Proxy
{
    /// <summary>
    /// <see cref="IProxy"/>: the Core's routing policy and stateful forwarding.
    /// <list type="number">
    /// <item>Loop detection (482) on the request as received.</item>
    /// <item>Route processing (§16.4): a Request-URI this proxy Record-Routed (a strict router before us) is replaced
    /// by the last Route; a top Route naming the Core is removed.</item>
    /// <item>Who sent it: a trusted application server (by source address, no authentication); a user of the domain
    /// (From in the domain), who must authenticate with digest (407) as the From user (else 403); anyone else.</item>
    /// <item>Where it goes: the next Route; else a local user of the Request-URI — unknown 404, then the filter
    /// criteria (an application server) or the user's live contacts, in parallel (none: 480); else an address or a
    /// foreign domain, which only local users and application servers may reach (others: 403 "Relaying denied"), and
    /// never through DNS (a foreign domain name: 404).</item>
    /// <item>Forwarding (§16.6): a copy per target with its Request-URI, Max-Forwards decremented, this realm's
    /// Proxy-Authorization removed, Record-Route for dialog-creating SUBSCRIBE/REFER, and a Via whose branch carries
    /// the loop hash; responses go back through <see cref="ForwardOperation"/>.</item>
    /// </list>
    /// </summary>
    public sealed partial class StatefulProxy : IProxy
    {
        private readonly ICoreRuntime _runtime;
        private readonly CoreAddress _self;
        private readonly IDigestAuthenticator _authenticator;
        private readonly IUserDirectory _users;
        private readonly ILocationService _location;
        private readonly IFilterCriteria _filterCriteria;
        private readonly TrustedSources _trusted;
        private readonly ProxyOptions _options;
        private readonly IReadOnlySet<string> _recordRouteMethods;
        private readonly ILogger _logger;

        /// <summary>Creates the proxy.</summary>
        public StatefulProxy(
            ICoreRuntime runtime,
            CoreAddress self,
            IDigestAuthenticator authenticator,
            IUserDirectory users,
            ILocationService location,
            IFilterCriteria filterCriteria,
            TrustedSources trusted,
            ProxyOptions options,
            IReadOnlySet<string> recordRouteMethods,
            ILogger logger)
        {
            _runtime = runtime;
            _self = self;
            _authenticator = authenticator;
            _users = users;
            _location = location;
            _filterCriteria = filterCriteria;
            _trusted = trusted;
            _options = options;
            _recordRouteMethods = recordRouteMethods;
            _logger = logger;
        }

        /// <inheritdoc/>
        public void OnRequest(SipServerTransaction transaction, SipMessage request)
        {
            string loopHash = LoopDetection.Hash(request, transaction.Source);
            if (LoopDetection.IsLoop(request, _self, loopHash))
            {
                transaction.Respond(482, "Loop Detected");
                return;
            }

            // Work on a copy: the server transaction keeps the request as received for its responses.
            SipMessage forward = RequestCopy.Of(request);
            if (!TryProcessRoutes(transaction, forward))
            {
                return;
            }

            var context = new RequestContext(transaction, forward, loopHash);
            if (_trusted.Contains(transaction.Source))
            {
                context.Sender = SenderKind.ApplicationServer;
                Route(context);
                return;
            }

            NameAddress from;
            try
            {
                from = NameAddress.Parse(request.Headers.Get(SipHeaderNames.From));
            }
            catch (SipParseException e)
            {
                transaction.Respond(400, "Invalid From header: " + e.Reason);
                return;
            }

            if (from.SipUri is not { } fromUri || !_self.IsDomain(fromUri))
            {
                context.Sender = SenderKind.External;
                Route(context);
                return;
            }

            _runtime.ContinueOnLoop(
                _authenticator.AuthenticateAsync(request, proxy: true),
                outcome => OnAuthenticated(context, fromUri, outcome),
                error => Fail(transaction, "authenticating", error));
        }

        private void OnAuthenticated(RequestContext context, SipUri fromUri, AuthenticationOutcome outcome)
        {
            SipServerTransaction transaction = context.Transaction;
            if (_authenticator.AnswerUnlessAuthenticated(transaction, outcome, proxy: true))
            {
                return;
            }

            if (outcome.Username != fromUri.User)
            {
                transaction.Respond(403, $"Forbidden: authenticated as {outcome.Username}, but From is {fromUri.User}");
                return;
            }

            context.Sender = SenderKind.LocalUser;
            _authenticator.RemoveOwnCredentials(context.Forward);
            Route(context);
        }

        private void Route(RequestContext context)
        {
            SipServerTransaction transaction = context.Transaction;
            SipMessage forward = context.Forward;
            bool mayRelay = context.Sender != SenderKind.External;

            string? topRoute = forward.Headers.Get(SipHeaderNames.Route);
            if (topRoute is not null)
            {
                if (!mayRelay)
                {
                    transaction.Respond(403, "Relaying denied: authenticate to send requests beyond this domain");
                    return;
                }

                SipUri? next = ParseSipUri(NameAddressUri(topRoute));
                if (next is null)
                {
                    transaction.Respond(400, "Route must hold a sip or sips URI");
                    return;
                }

                if (!TryDestination(next, out SipEndPoint? destination, out string problem))
                {
                    transaction.Respond(404, problem);
                    return;
                }

                Forward(context, [new ForwardTarget(destination, forward.RequestUri, "route " + next)]);
                return;
            }

            SipUri? target = ParseSipUri(forward.RequestUri);
            if (target is null)
            {
                transaction.Respond(416, "Unsupported URI Scheme");
                return;
            }

            if (_self.IsSelf(target))
            {
                RouteToLocalUser(context, target);
                return;
            }

            if (!mayRelay)
            {
                transaction.Respond(403, "Relaying denied: " + target.Host + " is not served here");
                return;
            }

            if (!TryDestination(target, out SipEndPoint? direct, out string reason))
            {
                transaction.Respond(404, reason);
                return;
            }

            Forward(context, [new ForwardTarget(direct, forward.RequestUri, "address " + direct)]);
        }

        private void RouteToLocalUser(RequestContext context, SipUri target)
        {
            SipServerTransaction transaction = context.Transaction;
            if (string.IsNullOrEmpty(target.User))
            {
                if (context.Forward.Method == SipMethods.Options)
                {
                    SipMessage ok = transaction.CreateResponse(200, "OK");
                    ok.Headers.Add(SipHeaderNames.Allow, "REGISTER, MESSAGE, SUBSCRIBE, NOTIFY, PUBLISH, OPTIONS");
                    transaction.SendResponse(ok);
                }
                else
                {
                    transaction.Respond(404, "Not Found: the Request-URI names no user");
                }

                return;
            }

            string user = target.User;
            _runtime.ContinueOnLoop(
                _users.FindAsync(user),
                account => RouteToKnownUser(context, user, account),
                error => Fail(transaction, "looking up user " + user, error));
        }

        private void RouteToKnownUser(RequestContext context, string user, UserAccount? account)
        {
            SipServerTransaction transaction = context.Transaction;
            if (account is null)
            {
                transaction.Respond(404, "Not Found: no user " + user + " in " + _self.Domain);
                return;
            }

            FilterCriterion? criterion = _filterCriteria.Select(context.Forward, context.Sender, transaction.Source);
            if (criterion?.Target is { } server)
            {
                LogFilterMatch(context.Forward.Method, context.Forward.RequestUri, criterion.Name, server.Name);
                Forward(context, [new ForwardTarget(server.EndPoint, context.Forward.RequestUri, "application server " + server.Name)]);
                return;
            }

            string aor = AddressOfRecord.Of(user, _self.Domain);
            IReadOnlyList<RegisteredContact> contacts = _location.Lookup(aor);
            var targets = new List<ForwardTarget>(contacts.Count);
            foreach (RegisteredContact contact in contacts)
            {
                if (ContactDestination(contact) is { } destination)
                {
                    targets.Add(new ForwardTarget(destination, contact.Binding.ContactUri, "contact " + contact.Binding.ContactUri));
                }
            }

            if (targets.Count == 0)
            {
                transaction.Respond(480, "Temporarily Unavailable: " + aor + " has no registered contact");
                return;
            }

            Forward(context, targets);
        }

        private void Forward(RequestContext context, IReadOnlyList<ForwardTarget> targets)
        {
            SipServerTransaction transaction = context.Transaction;
            SipMessage forward = context.Forward;

            // §16.6 step 3: Max-Forwards is decremented (the validator already answered 483 for 0), or added.
            string? maxForwards = forward.Headers.Get(SipHeaderNames.MaxForwards);
            int hops = maxForwards is null ? MaxForwardsHeader.Default : MaxForwardsHeader.Parse(maxForwards) - 1;
            forward.Headers.Set(SipHeaderNames.MaxForwards, hops.ToString(CultureInfo.InvariantCulture));

            if (_recordRouteMethods.Contains(forward.Method) && !HasToTag(forward))
            {
                forward.Headers.AddFirst(SipHeaderNames.RecordRoute, _self.RecordRoute);
            }

            var operation = new ForwardOperation(transaction, _logger);
            foreach (ForwardTarget target in targets)
            {
                operation.AddBranch();
            }

            operation.Timer = _runtime.StartTimer(TimeSpan.FromMilliseconds(_options.ForwardTimeoutMilliseconds), operation.OnOverallTimeout);
            for (int i = 0; i < targets.Count && !operation.IsAnswered; i++)
            {
                ForwardTarget target = targets[i];
                SipMessage copy = i == targets.Count - 1 ? forward : RequestCopy.Of(forward);
                copy.RequestUri = target.RequestUri;
                try
                {
                    _runtime.SendRequest(copy, target.Destination, operation, LoopDetection.Branch(context.LoopHash, _runtime.NewTag()));
                    LogForwarded(forward.Method, forward.RequestUri, target.Description, target.Destination);
                }
                catch (Exception e) when (e is SipTransactionException or ArgumentException)
                {
                    _logger.LogWarning("Could not forward {Method} to {Target}: {Error}", forward.Method, target.Description, e.Message);
                    operation.BranchFailed(503, "Service Unavailable: too many transactions");
                }
            }
        }

        private SipEndPoint? ContactDestination(RegisteredContact contact)
        {
            ContactBinding binding = contact.Binding;
            SipEndPoint? source = ParseSource(binding.Source, binding.Transport);
            if (source is not null && (source.IsReliable || _options.UseRegistrationSource))
            {
                return source; // a TCP registration is reached over its connection; NAT mode uses the source
            }

            return TryDestination(contact.Uri, out SipEndPoint? destination, out _) ? destination : source;
        }

        // Only literal addresses are routed: the Core never resolves names (tests and deployments stay on known addresses).
        private bool TryDestination(SipUri uri, out SipEndPoint destination, out string problem)
        {
            destination = null!;
            problem = string.Empty;
            string host = uri.Host.Trim('[', ']');
            if (!IPAddress.TryParse(host, out IPAddress? address))
            {
                problem = "Not Found: " + uri.Host + " is not served here and this Core does not use DNS";
                return false;
            }

            SipTransportType transport = uri.Transport is { } token && SipEndPoint.TryParseTransport(token, out SipTransportType t) ? t : SipTransportType.Udp;
            destination = new SipEndPoint(address.ToString(), uri.Port, transport);
            return true;
        }

        private static SipEndPoint? ParseSource(string? source, string? transport)
        {
            if (source is null || !IPEndPoint.TryParse(source, out IPEndPoint? endPoint))
            {
                return null;
            }

            SipTransportType type = string.Equals(transport, "tcp", StringComparison.OrdinalIgnoreCase) ? SipTransportType.Tcp : SipTransportType.Udp;
            return new SipEndPoint(endPoint.Address.ToString(), endPoint.Port, type);
        }

        // §16.4: undo a strict router's rewrite, then pop a top Route that names this proxy.
        private bool TryProcessRoutes(SipServerTransaction transaction, SipMessage forward)
        {
            SipUri? requestUri = ParseSipUri(forward.RequestUri);
            string[] routes = forward.Headers.GetAll(SipHeaderNames.Route);
            if (requestUri is not null && requestUri.Lr && _self.IsOwnEndPoint(requestUri.Host, requestUri.Port) && routes.Length > 0)
            {
                string last = routes[^1];
                forward.RequestUri = NameAddressUri(last) ?? forward.RequestUri;
                RemoveLast(forward.Headers, SipHeaderNames.Route);
            }

            string? top = forward.Headers.Get(SipHeaderNames.Route);
            if (top is null)
            {
                return true;
            }

            string? topUri = NameAddressUri(top);
            if (topUri is null)
            {
                transaction.Respond(400, "Malformed Route header");
                return false;
            }

            if (ParseSipUri(topUri) is { } uri && _self.IsSelf(uri))
            {
                forward.Headers.RemoveFirst(SipHeaderNames.Route);
            }

            return true;
        }

        private static void RemoveLast(SipHeaderCollection headers, string name)
        {
            for (int i = headers.Count - 1; i >= 0; i--)
            {
                if (headers[i].Name == name)
                {
                    headers.RemoveAt(i);
                    return;
                }
            }
        }

        private static string? NameAddressUri(string value)
        {
            try
            {
                return NameAddress.ParseRoute(value).Uri?.ToString();
            }
            catch (SipParseException)
            {
                return null;
            }
        }

        private static SipUri? ParseSipUri(string? text) => text is not null && SipUri.TryParse(text, out SipUri uri) ? uri : null;

        private static bool HasToTag(SipMessage request)
        {
            try
            {
                return NameAddress.Parse(request.Headers.Get(SipHeaderNames.To)).Tag is not null;
            }
            catch (SipParseException)
            {
                return false;
            }
        }

        private void Fail(SipServerTransaction transaction, string what, Exception error)
        {
            _logger.LogError(error, "Proxy failed while {What}", what);
            transaction.Respond(500, "Server Internal Error while " + what);
        }

        [LoggerMessage(EventId = 400, Level = LogLevel.Debug, Message = "{Method} {Uri} forwarded to {Target} at {Destination}")]
        private partial void LogForwarded(string method, string uri, string target, SipEndPoint destination);

        [LoggerMessage(EventId = 401, Level = LogLevel.Debug, Message = "{Method} {Uri} matched filter criterion {Criterion}: to {Server}")]
        private partial void LogFilterMatch(string method, string uri, string criterion, string server);

        private sealed class RequestContext(SipServerTransaction transaction, SipMessage forward, string loopHash)
        {
            public SipServerTransaction Transaction { get; } = transaction;

            public SipMessage Forward { get; } = forward;

            public string LoopHash { get; } = loopHash;

            public SenderKind Sender { get; set; } = SenderKind.External;
        }
    }
}
