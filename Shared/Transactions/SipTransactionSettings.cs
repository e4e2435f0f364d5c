using System;

namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// Timer values (RFC 3261 §17.1.1.1, Table 4) and limits of a <see cref="SipTransactionLayer"/>.
    /// The layer reads these values when it arms a timer, so a change applies to timers armed afterwards.
    /// </summary>
    public sealed class SipTransactionSettings
    {
        private int _t1 = 500;
        private int _t2 = 4000;
        private int _t4 = 5000;
        private int _maxTransactions = 64;
        private long _timerJ = -1;

        /// <summary>T1, the round-trip time estimate; default 500 ms. Timers F and J are 64·T1.</summary>
        public int T1Milliseconds
        {
            get => _t1;
            set => _t1 = Positive(value);
        }

        /// <summary>T2, the cap of the non-INVITE retransmit interval; default 4 s.</summary>
        public int T2Milliseconds
        {
            get => _t2;
            set => _t2 = Positive(value);
        }

        /// <summary>T4, how long a message may stay in the network; default 5 s. Timer K on unreliable transports.</summary>
        public int T4Milliseconds
        {
            get => _t4;
            set => _t4 = value < 0 ? throw new ArgumentOutOfRangeException(nameof(value)) : value;
        }

        /// <summary>
        /// The most client and server transactions the layer holds at once (default 64). A new client
        /// transaction beyond it raises <see cref="SipTransactionTableFullException"/>; a new request is answered 503.
        /// </summary>
        public int MaxTransactions
        {
            get => _maxTransactions;
            set => _maxTransactions = Positive(value);
        }

        /// <summary>
        /// Whether responses matching no client transaction go to <see cref="ISipTransactionUser.OnStrayResponse"/>
        /// (a proxy forwards them statelessly, RFC 3261 §16.7) or are dropped (a user agent, §18.1.2). Default false.
        /// </summary>
        public bool DeliverStrayResponses { get; set; }

        /// <summary>
        /// Whether a server transaction drops its <see cref="SipTransaction.Request"/> once it sent its final response
        /// (default false). A busy server keeps every completed UDP transaction for Timer J (64·T1, 32 s) to answer
        /// retransmissions; without the request that costs about a third of the memory.
        /// </summary>
        public bool ReleaseCompletedRequests { get; set; }

        /// <summary>
        /// Whether the Via of each new client transaction carries an empty <c>rport</c> parameter (RFC 3581 §3),
        /// asking the server to answer to the address and port the request came from (a client behind NAT).
        /// Default false.
        /// </summary>
        public bool AskForRport { get; set; }

        /// <summary>Timer F, and Timer J on unreliable transports unless <see cref="TimerJMilliseconds"/> is set: 64·T1.</summary>
        public long TimeoutMilliseconds => 64L * _t1;

        /// <summary>
        /// How long a completed server transaction on an unreliable transport stays to answer retransmissions of
        /// its request (Timer J). RFC 3261 §17.2.2 says 64·T1, the default; a busy server may choose less, as
        /// Kamailio's tm does (5 s): a client retransmits at most every T2 (4 s), so a retransmission after a
        /// lost final response still arrives in time unless two final responses in a row are lost. Setting a
        /// value of 0 or less restores the default.
        /// </summary>
        public long TimerJMilliseconds
        {
            get => _timerJ > 0 ? _timerJ : TimeoutMilliseconds;
            set => _timerJ = value;
        }

        private static int Positive(int value) => value <= 0 ? throw new ArgumentOutOfRangeException(nameof(value)) : value;
    }
}
