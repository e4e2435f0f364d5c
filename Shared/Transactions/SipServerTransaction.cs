using System;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// A non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8). It absorbs retransmissions of its request:
    /// ignored in Trying, answered with the last provisional response in Proceeding and with the final response
    /// in Completed, where it stays for Timer J (64·T1 on an unreliable transport unless configured shorter, 0 on a
    /// reliable one).
    /// </summary>
    public sealed class SipServerTransaction : SipTransaction
    {
        private long _timerJ = SipTransactionLayer.Never;
        private long _answerDeadline;
        private string _toTag;

        internal SipServerTransaction(
            SipTransactionLayer layer, string key, SipMessage request, string branch, SipEndPoint source, SipEndPoint responseDestination, long now)
            : base(layer, key, request, branch, source.IsReliable)
        {
            Source = source;
            ResponseDestination = responseDestination;
            _answerDeadline = now + layer.Settings.TimeoutMilliseconds;
        }

        /// <summary>Where the request came from (for a stream transport, the connection's peer).</summary>
        public SipEndPoint Source { get; }

        /// <summary>Where responses go (§18.2.2 with RFC 3581), see <see cref="SipResponseRouting"/>.</summary>
        public SipEndPoint ResponseDestination { get; }

        /// <summary>The last response sent, which is what a retransmitted request gets; null before the first.</summary>
        public SipMessage LastResponse { get; private set; }

        /// <summary>How many retransmissions of the request this transaction absorbed.</summary>
        public int AbsorbedRetransmissions { get; private set; }

        /// <summary>
        /// The To tag this transaction puts in its responses when the request has none; generated once, so
        /// provisional and final responses agree.
        /// </summary>
        public string ToTag
        {
            get
            {
                if (_toTag == null)
                {
                    _toTag = Layer.NewTag();
                }

                return _toTag;
            }
        }

        internal override long NextDueMilliseconds => _timerJ < _answerDeadline ? _timerJ : _answerDeadline;

        /// <summary>Builds a response to the request (§8.2.6) carrying <see cref="ToTag"/>; the caller may add headers, then send it.</summary>
        /// <exception cref="InvalidOperationException">The transaction completed and released its request.</exception>
        public SipMessage CreateResponse(int statusCode, string reasonPhrase)
        {
            if (Request == null)
            {
                throw new InvalidOperationException("the " + Method + " transaction completed and released its request");
            }

            return SipResponseBuilder.Create(Request, statusCode, reasonPhrase, ToTag);
        }

        /// <summary>Builds and sends a response; see <see cref="SendResponse"/>.</summary>
        public bool Respond(int statusCode, string reasonPhrase) => SendResponse(CreateResponse(statusCode, reasonPhrase));

        /// <summary>
        /// Sends a provisional or final response from the transaction user. Returns false when it was not sent:
        /// the transaction already completed (a second final response is discarded, §17.2.2) or terminated, or the
        /// transport failed (then <see cref="ISipTransactionUser.OnServerTransactionFailed"/> has been called).
        /// </summary>
        public bool SendResponse(SipMessage response)
        {
            if (response == null)
            {
                throw new ArgumentNullException(nameof(response));
            }

            if (response.IsRequest || response.StatusCode < 100 || response.StatusCode > 699)
            {
                throw new ArgumentException("a server transaction sends responses with a status of 100..699", nameof(response));
            }

            if (State == SipTransactionState.Completed || State == SipTransactionState.Terminated)
            {
                return false;
            }

            LastResponse = response;
            if (response.StatusCode < 200)
            {
                MoveTo(SipTransactionState.Proceeding);
                return SendLast();
            }

            _answerDeadline = SipTransactionLayer.Never;
            MoveTo(SipTransactionState.Completed);
            if (Layer.Settings.ReleaseCompletedRequests)
            {
                // Only the final response is resent from now on; the request is the bulk of what Timer J keeps alive.
                ReleaseRequest();
            }

            if (!SendLast())
            {
                return false;
            }

            if (IsReliable)
            {
                Terminate();
            }
            else
            {
                _timerJ = Layer.Clock.NowMilliseconds + Layer.Settings.TimerJMilliseconds;
                Layer.Schedule(this);
            }

            return true;
        }

        /// <summary>A retransmission of the request arrived (§17.2.2).</summary>
        internal void OnRetransmission()
        {
            AbsorbedRetransmissions++;
            if (State == SipTransactionState.Proceeding || State == SipTransactionState.Completed)
            {
                SendLast();
            }
        }

        internal override void OnTimer(long now)
        {
            if (State == SipTransactionState.Terminated)
            {
                return;
            }

            if (_timerJ <= now)
            {
                _timerJ = SipTransactionLayer.Never;
                Terminate();
                return;
            }

            if (_answerDeadline <= now)
            {
                // The user never answered; the client gave up at Timer F, so holding the entry helps nobody.
                _answerDeadline = SipTransactionLayer.Never;
                Terminate();
                Layer.User.OnServerTransactionFailed(
                    this, new SipTransactionException("no final response to " + Method + " within " + Layer.Settings.TimeoutMilliseconds.ToString() + " ms"));
            }
        }

        private bool SendLast()
        {
            Exception error = TrySend(LastResponse, ResponseDestination);
            if (error == null)
            {
                return true;
            }

            _timerJ = SipTransactionLayer.Never;
            _answerDeadline = SipTransactionLayer.Never;
            Terminate();
            Layer.User.OnServerTransactionFailed(this, error);
            return false;
        }
    }
}
