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
        /// Whether the Via of each new client transaction carries an empty <c>rport</c> parameter (RFC 3581 §3),
        /// asking the server to answer to the address and port the request came from (a client behind NAT).
        /// Default false.
        /// </summary>
        public bool AskForRport { get; set; }

        /// <summary>Timer F and Timer J on unreliable transports: 64·T1.</summary>
        public long TimeoutMilliseconds => 64L * _t1;

        private static int Positive(int value) => value <= 0 ? throw new ArgumentOutOfRangeException(nameof(value)) : value;
    }
}
