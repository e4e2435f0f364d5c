using System;
using System.Collections;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Sip.Tests.Transactions.Fakes
{
    /// <summary>Records every send with the fake clock's time; fails on demand.</summary>
    public sealed class FakeSender : ISipTransportSender
    {
        private readonly FakeClock _clock;
        private readonly ArrayList _sent = new ArrayList();

        public FakeSender(FakeClock clock)
        {
            _clock = clock;
            FailFromAttempt = int.MaxValue;
        }

        /// <summary>Send attempts with this zero-based index or later throw.</summary>
        public int FailFromAttempt { get; set; }

        public int Attempts { get; private set; }

        public int Count => _sent.Count;

        public SentMessage this[int index] => (SentMessage)_sent[index];

        public SentMessage Last => (SentMessage)_sent[_sent.Count - 1];

        public void Send(SipMessage message, SipEndPoint destination)
        {
            int attempt = Attempts++;
            if (attempt >= FailFromAttempt)
            {
                throw new InvalidOperationException("fake transport down");
            }

            _sent.Add(new SentMessage(_clock.NowMilliseconds, message, destination));
        }

        /// <summary>The times of all successful sends.</summary>
        public long[] Times()
        {
            var times = new long[_sent.Count];
            for (int i = 0; i < times.Length; i++)
            {
                times[i] = ((SentMessage)_sent[i]).Time;
            }

            return times;
        }
    }
}
