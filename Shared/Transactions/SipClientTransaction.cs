using System;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// A non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6). On an unreliable transport Timer E
    /// retransmits the request at T1, 2·T1, 4·T1, ... capped at T2 (every T2 once a provisional response came);
    /// Timer F (64·T1) ends it with a timeout; after the final response Timer K (T4, or 0 on a reliable
    /// transport) absorbs retransmitted finals.
    /// </summary>
    public sealed class SipClientTransaction : SipTransaction
    {
        private readonly ISipClientTransactionUser _user;
        private long _timerE = SipTransactionLayer.Never;
        private long _intervalE;
        private long _timerF = SipTransactionLayer.Never;
        private long _timerK = SipTransactionLayer.Never;

        internal SipClientTransaction(
            SipTransactionLayer layer, string key, SipMessage request, string branch, SipEndPoint destination, ISipClientTransactionUser user)
            : base(layer, key, request, branch, destination.IsReliable)
        {
            Destination = destination;
            _user = user;
        }

        /// <summary>Where the request is sent.</summary>
        public SipEndPoint Destination { get; }

        /// <summary>The last response received (provisional or final), or null.</summary>
        public SipMessage LastResponse { get; private set; }

        /// <summary>
        /// The status of the last response; 408 after a timeout, 503 after a transport error, 0 before anything.
        /// </summary>
        public int StatusCode { get; private set; }

        /// <summary>How many times the request was sent again by Timer E.</summary>
        public int RetransmissionCount { get; private set; }

        internal override long NextDueMilliseconds
        {
            get
            {
                long next = _timerE < _timerF ? _timerE : _timerF;
                return _timerK < next ? _timerK : next;
            }
        }

        /// <summary>Sends the request and arms Timers E and F (§17.1.2.2).</summary>
        internal void Start(long now)
        {
            Exception error = TrySend(Request, Destination);
            if (error != null)
            {
                Fail(error);
                return;
            }

            if (!IsReliable)
            {
                _intervalE = Layer.Settings.T1Milliseconds;
                _timerE = now + _intervalE;
            }

            _timerF = now + Layer.Settings.TimeoutMilliseconds;
        }

        internal void OnResponse(SipMessage response, long now)
        {
            int code = response.StatusCode;
            if (code < 100 || code > 699 || State == SipTransactionState.Completed || State == SipTransactionState.Terminated)
            {
                // Completed: a retransmitted final response, absorbed (the reason for Timer K).
                return;
            }

            LastResponse = response;
            StatusCode = code;
            if (code < 200)
            {
                MoveTo(SipTransactionState.Proceeding);
                _user.OnResponse(this, response);
                return;
            }

            _timerE = SipTransactionLayer.Never;
            _timerF = SipTransactionLayer.Never;
            if (IsReliable)
            {
                // Timer K is zero: leave the table before the user reacts, so a retry finds room.
                Terminate();
            }
            else
            {
                MoveTo(SipTransactionState.Completed);
                _timerK = now + Layer.Settings.T4Milliseconds;
            }

            _user.OnResponse(this, response);
        }

        internal override void OnTimer(long now)
        {
            if (State == SipTransactionState.Terminated)
            {
                return;
            }

            if (_timerF <= now)
            {
                _timerE = SipTransactionLayer.Never;
                _timerF = SipTransactionLayer.Never;
                StatusCode = 408;
                Terminate();
                _user.OnTimeout(this);
                return;
            }

            if (_timerK <= now)
            {
                _timerK = SipTransactionLayer.Never;
                Terminate();
                return;
            }

            if (_timerE <= now)
            {
                Exception error = TrySend(Request, Destination);
                if (error != null)
                {
                    Fail(error);
                    return;
                }

                RetransmissionCount++;
                int t2 = Layer.Settings.T2Milliseconds;
                if (State == SipTransactionState.Proceeding)
                {
                    _intervalE = t2;
                }
                else
                {
                    _intervalE = _intervalE * 2 > t2 ? t2 : _intervalE * 2;
                }

                _timerE = NextDeadline(_timerE, _intervalE, now);
            }
        }

        private void Fail(Exception error)
        {
            _timerE = SipTransactionLayer.Never;
            _timerF = SipTransactionLayer.Never;
            StatusCode = 503;
            Terminate();
            _user.OnTransportError(this, error);
        }
    }
}
