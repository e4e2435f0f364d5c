using System;
using System.Collections;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Sip.Tests.Transactions.Fakes
{
    /// <summary>Something a test wants done from inside a client callback.</summary>
    public delegate void ClientTransactionAction(SipClientTransaction transaction);

    /// <summary>
    /// A transaction user that writes every callback as "time event detail" into <see cref="Events"/>
    /// and keeps the objects it was given.
    /// </summary>
    public sealed class RecordingUser : ISipTransactionUser
    {
        private readonly FakeClock _clock;

        public RecordingUser(FakeClock clock)
        {
            _clock = clock;
        }

        public ArrayList Events { get; } = new ArrayList();

        public ArrayList ServerTransactions { get; } = new ArrayList();

        public SipServerTransaction LastServerTransaction { get; private set; }

        public SipMessage LastRequestWithoutTransaction { get; private set; }

        public SipMessage LastStrayResponse { get; private set; }

        public Exception LastError { get; private set; }

        /// <summary>When not 0, every new request is answered with this status from inside the callback.</summary>
        public int AutoRespondStatus { get; set; }

        /// <summary>When set, runs inside <see cref="OnTimeout"/>.</summary>
        public ClientTransactionAction OnTimeoutAction { get; set; }

        public void OnRequest(SipServerTransaction transaction, SipMessage request)
        {
            LastServerTransaction = transaction;
            ServerTransactions.Add(transaction);
            Record("request " + request.Method);
            if (AutoRespondStatus != 0)
            {
                transaction.Respond(AutoRespondStatus, "Auto");
            }
        }

        public void OnRequestWithoutTransaction(SipMessage request, SipEndPoint source)
        {
            LastRequestWithoutTransaction = request;
            Record("stateless-request " + request.Method);
        }

        public void OnResponse(SipClientTransaction transaction, SipMessage response)
            => Record("response " + response.StatusCode.ToString() + " " + transaction.State.ToString());

        public void OnStrayResponse(SipMessage response, SipEndPoint source)
        {
            LastStrayResponse = response;
            Record("stray " + response.StatusCode.ToString());
        }

        public void OnTimeout(SipClientTransaction transaction)
        {
            Record("timeout " + transaction.StatusCode.ToString());
            OnTimeoutAction?.Invoke(transaction);
        }

        public void OnTransportError(SipClientTransaction transaction, Exception error)
        {
            LastError = error;
            Record("transport-error " + transaction.StatusCode.ToString());
        }

        public void OnServerTransactionFailed(SipServerTransaction transaction, Exception error)
        {
            LastError = error;
            Record("server-failed " + transaction.Method);
        }

        public string[] EventArray()
        {
            var events = new string[Events.Count];
            Events.CopyTo(events);
            return events;
        }

        private void Record(string what) => Events.Add(_clock.NowMilliseconds.ToString() + " " + what);
    }
}
