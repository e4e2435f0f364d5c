using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Core.ThirdPartyRegistration
{
    /// <summary>
    /// <see cref="IThirdPartyRegistrar"/> as the phase-2 routing contract states it: Request-URI
    /// <c>sip:&lt;server host:port&gt;</c>, From and To the user's AOR, Contact the Core, Expires the expiry granted
    /// to the user. Each (user, server) pair keeps one Call-ID with increasing CSeq numbers, so a server can order
    /// refreshes as a registrar orders a UA's REGISTERs.
    /// </summary>
    public sealed partial class ThirdPartyRegistrar : IThirdPartyRegistrar
    {
        private const int MaxRegistrationsTracked = 1_000_000;

        private readonly ICoreRuntime _runtime;
        private readonly ApplicationServer[] _servers;
        private readonly TimeSpan _timeout;
        private readonly ILogger _logger;
        private readonly Dictionary<(string Aor, string Server), Registration> _registrations = [];

        /// <summary>Creates the registrar for the servers that take third-party registrations, in their configured order.</summary>
        public ThirdPartyRegistrar(ICoreRuntime runtime, IEnumerable<ApplicationServer> servers, TimeSpan timeout, ILogger logger)
        {
            _runtime = runtime;
            _servers = servers.Where(s => s.ThirdPartyRegistration).ToArray();
            _timeout = timeout;
            _logger = logger;
        }

        /// <inheritdoc/>
        public bool HasServers => _servers.Length > 0;

        /// <inheritdoc/>
        public void Register(string aor, long expiresSeconds, Action done) => Next(aor, expiresSeconds, 0, done);

        private void Next(string aor, long expiresSeconds, int index, Action done)
        {
            if (index >= _servers.Length)
            {
                done();
                return;
            }

            ApplicationServer server = _servers[index];
            var attempt = new Attempt(this, server, aor, expiresSeconds, () => Next(aor, expiresSeconds, index + 1, done));
            SipMessage request = Build(server, aor, expiresSeconds);
            try
            {
                _runtime.SendRequest(request, server.EndPoint, attempt);
            }
            catch (Exception e) when (e is SipTransactionException or InvalidOperationException or ArgumentException)
            {
                // The table is full or the request could not be built: this server is skipped like a failing one.
                attempt.Fail(e.Message);
                return;
            }

            attempt.Timer = _runtime.StartTimer(_timeout, () => attempt.Fail($"no answer within {_timeout.TotalMilliseconds:0} ms"));
        }

        private SipMessage Build(ApplicationServer server, string aor, long expiresSeconds)
        {
            if (!_registrations.TryGetValue((aor, server.Name), out Registration? registration))
            {
                if (_registrations.Count >= MaxRegistrationsTracked)
                {
                    _registrations.Clear(); // new Call-IDs are fine for a server; unbounded growth is not
                }

                registration = new Registration(_runtime.NewTag() + _runtime.NewTag() + "@" + _runtime.Host, _runtime.NewTag());
                _registrations[(aor, server.Name)] = registration;
            }

            registration.CSeq++;
            string uri = "sip:" + FormatHost(server.EndPoint.Host) + ":" + server.EndPoint.Port.ToString(CultureInfo.InvariantCulture);
            if (server.EndPoint.IsReliable)
            {
                uri += ";transport=tcp";
            }

            SipMessage request = SipMessage.CreateRequest(SipMethods.Register, uri);
            SipHeaderCollection headers = request.Headers;
            headers.Add(SipHeaderNames.MaxForwards, "70");
            headers.Add(SipHeaderNames.From, "<" + aor + ">;tag=" + registration.FromTag);
            headers.Add(SipHeaderNames.To, "<" + aor + ">");
            headers.Add(SipHeaderNames.CallId, registration.CallId);
            headers.Add(SipHeaderNames.CSeq, registration.CSeq.ToString(CultureInfo.InvariantCulture) + " " + SipMethods.Register);
            headers.Add(SipHeaderNames.Contact, "<sip:" + FormatHost(_runtime.Host) + ":" + _runtime.Port.ToString(CultureInfo.InvariantCulture) + ">");
            headers.Add(SipHeaderNames.Expires, expiresSeconds.ToString(CultureInfo.InvariantCulture));
            return request;
        }

        private static string FormatHost(string host) => host.Contains(':') && !host.StartsWith('[') ? "[" + host + "]" : host;

        [LoggerMessage(EventId = 310, Level = LogLevel.Debug, Message = "Third-party REGISTER of {Aor} (Expires {Expires}) at {Server}: {Status}")]
        private partial void LogAnswered(string aor, long expires, ApplicationServer server, int status);

        [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Third-party REGISTER of {Aor} (Expires {Expires}) at {Server} failed: {Problem}; the user's registration stands")]
        private partial void LogFailed(string aor, long expires, ApplicationServer server, string problem);

        private sealed class Registration(string callId, string fromTag)
        {
            public string CallId { get; } = callId;

            public string FromTag { get; } = fromTag;

            public long CSeq { get; set; }
        }

        /// <summary>One REGISTER to one server: finishes once, on its final answer, its failure or its timer.</summary>
        private sealed class Attempt(ThirdPartyRegistrar owner, ApplicationServer server, string aor, long expires, Action next)
            : ISipClientTransactionUser
        {
            private bool _finished;

            public LoopTimer? Timer { get; set; }

            public void OnResponse(SipClientTransaction transaction, SipMessage response)
            {
                if (response.StatusCode < 200 || _finished)
                {
                    return;
                }

                if (response.StatusCode < 300)
                {
                    owner.LogAnswered(aor, expires, server, response.StatusCode);
                    Finish();
                }
                else
                {
                    Fail(response.StatusCode.ToString(CultureInfo.InvariantCulture) + " " + response.ReasonPhrase);
                }
            }

            public void OnTimeout(SipClientTransaction transaction) => Fail("the transaction timed out");

            public void OnTransportError(SipClientTransaction transaction, Exception error) => Fail("transport error: " + error.Message);

            public void Fail(string problem)
            {
                if (_finished)
                {
                    return;
                }

                owner.LogFailed(aor, expires, server, problem);
                Finish();
            }

            private void Finish()
            {
                _finished = true;
                Timer?.Cancel();
                next();
            }
        }
    }
}
