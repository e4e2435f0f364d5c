using System;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Core.Proxy
{
    /// <summary>
    /// One request forwarded statefully (RFC 3261 §16.7): the server transaction it came in on, one client
    /// transaction per branch, and the choice of what goes back. The proxy's own Via is taken off every response
    /// (the transaction layer matched on it but leaves it in place). A 2xx goes back at once; otherwise the best
    /// final response once every branch has ended (a 6xx, else the lowest class; 503 becomes 500); a branch that
    /// times out counts as 408 and one the transport could not send as 503. If no final response comes within
    /// the forward timeout, the client gets 408.
    /// </summary>
    internal sealed class ForwardOperation : ISipClientTransactionUser
    {
        private readonly SipServerTransaction _server;
        private readonly ILogger _logger;
        private int _pendingBranches;
        private SipMessage? _best;
        private int _bestStatus;
        private string _bestReason = string.Empty;
        private bool _answered;

        public ForwardOperation(SipServerTransaction server, ILogger logger)
        {
            _server = server;
            _logger = logger;
        }

        /// <summary>The overall timer; cancelled once the client is answered.</summary>
        public LoopTimer? Timer { get; set; }

        /// <summary>Whether the client has its final response.</summary>
        public bool IsAnswered => _answered;

        /// <summary>Counts a branch that is about to be sent.</summary>
        public void AddBranch() => _pendingBranches++;

        /// <summary>A branch that could not even be started, with the status it stands for.</summary>
        public void BranchFailed(int status, string reason) => EndBranch(null, status, reason);

        /// <summary>The forward timeout: answer with the best response so far, else 408.</summary>
        public void OnOverallTimeout()
        {
            if (_answered)
            {
                return;
            }

            _logger.LogDebug("{Method} {Uri}: no final response within the forward timeout", _server.Method, _server.Request.RequestUri);
            SendBest(fallbackStatus: 408, fallbackReason: "Request Timeout: no final response from the next hop");
        }

        public void OnResponse(SipClientTransaction transaction, SipMessage response)
        {
            if (_answered)
            {
                return; // a late branch after a 2xx or the timeout: nobody is waiting for it
            }

            response.Headers.RemoveFirst(SipHeaderNames.Via);
            int status = response.StatusCode;
            if (status < 200)
            {
                if (status > 100)
                {
                    _server.SendResponse(response);
                }

                return;
            }

            if (status < 300)
            {
                Finish(response);
                return;
            }

            EndBranch(response, status, response.ReasonPhrase);
        }

        public void OnTimeout(SipClientTransaction transaction) =>
            EndBranch(null, 408, "Request Timeout: no answer from " + transaction.Destination);

        public void OnTransportError(SipClientTransaction transaction, Exception error) =>
            EndBranch(null, 503, "Service Unavailable: cannot reach " + transaction.Destination);

        // §16.7 step 6: a 6xx wins; otherwise the lowest class, keeping the first of a class.
        private static bool IsBetter(int candidate, int best)
        {
            if (best == 0)
            {
                return true;
            }

            if (best >= 600)
            {
                return false;
            }

            if (candidate >= 600)
            {
                return true;
            }

            return candidate / 100 < best / 100;
        }

        private void EndBranch(SipMessage? response, int status, string reason)
        {
            if (_answered)
            {
                return;
            }

            if (IsBetter(status, _bestStatus))
            {
                _best = response;
                _bestStatus = status;
                _bestReason = reason;
            }

            _pendingBranches--;
            if (_pendingBranches <= 0)
            {
                SendBest(_bestStatus, _bestReason);
            }
        }

        private void SendBest(int fallbackStatus, string fallbackReason)
        {
            if (_best is not null && _best.StatusCode == 503)
            {
                // A 503 would tell the client this proxy is overloaded; it only passes on the next hop's state.
                _best = null;
                fallbackStatus = 500;
                fallbackReason = "Server Internal Error: the next hop is unavailable";
            }

            if (_best is not null)
            {
                Finish(_best);
                return;
            }

            _answered = true;
            Timer?.Cancel();
            _server.Respond(fallbackStatus == 0 ? 408 : fallbackStatus, fallbackStatus == 503 ? "Service Unavailable: the next hop cannot be reached" : fallbackReason);
        }

        private void Finish(SipMessage response)
        {
            _answered = true;
            Timer?.Cancel();
            _server.SendResponse(response);
        }
    }
}
