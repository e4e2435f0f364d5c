using System;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// What client and server non-INVITE transactions share. A transaction owns no thread and no timer object:
    /// it keeps deadlines that <see cref="SipTransactionLayer.Poll"/> compares with the injected clock.
    /// </summary>
    public abstract class SipTransaction
    {
        internal SipTransaction(SipTransactionLayer layer, string key, SipMessage request, string branch, bool isReliable)
        {
            Layer = layer;
            Key = key;
            Request = request;
            Branch = branch;
            Method = request.Method;
            IsReliable = isReliable;
            State = SipTransactionState.Trying;
        }

        /// <summary>
        /// The request that created the transaction; null once a server transaction sent its final response when
        /// <see cref="SipTransactionSettings.ReleaseCompletedRequests"/> is set.
        /// </summary>
        public SipMessage Request { get; private set; }

        /// <summary>The branch parameter of the top Via that identifies the transaction (RFC 3261 §8.1.1.7).</summary>
        public string Branch { get; }

        /// <summary>The request method.</summary>
        public string Method { get; }

        /// <summary>Whether the transport is reliable: no retransmissions, Timers K and J are zero.</summary>
        public bool IsReliable { get; }

        /// <summary>The current state.</summary>
        public SipTransactionState State { get; private set; }

        /// <summary>Whether the transaction has ended and left the table.</summary>
        public bool IsTerminated => State == SipTransactionState.Terminated;

        /// <summary>Free for the transaction user, e.g. the usage that started a client transaction.</summary>
        public object UserData { get; set; }

        internal SipTransactionLayer Layer { get; }

        /// <summary>The matching key (§17.1.3, §17.2.3), see <see cref="SipTransactionKeys"/>.</summary>
        internal string Key { get; }

        /// <summary>Where the layer keeps this transaction in its list, for removal without a search; -1 outside it.</summary>
        internal int TableSlot { get; set; } = -1;

        /// <summary>The deadline of this transaction's live entry in the layer's timer heap, or Never.</summary>
        internal long ScheduledDue { get; set; } = SipTransactionLayer.Never;

        /// <summary>The earliest armed deadline, or <see cref="SipTransactionLayer.Never"/>.</summary>
        internal abstract long NextDueMilliseconds { get; }

        /// <summary>Fires the timers whose deadline is at or before <paramref name="now"/>.</summary>
        internal abstract void OnTimer(long now);

        /// <summary>
        /// The next deadline of a periodic timer: measured from when it was due, so polling a little late does
        /// not shift the schedule, but never in the past, so polling very late does not cause a burst.
        /// </summary>
        internal static long NextDeadline(long due, long interval, long now)
        {
            long next = due + interval;
            return next <= now ? now + interval : next;
        }

        internal void MoveTo(SipTransactionState state) => State = state;

        /// <summary>Drops the reference to the request, which nothing needs any more.</summary>
        internal void ReleaseRequest() => Request = null;

        /// <summary>Leaves the table for good; later events are ignored.</summary>
        internal void Terminate()
        {
            State = SipTransactionState.Terminated;
            Layer.Remove(this);
        }

        /// <summary>Sends through the layer's transport; returns what the transport threw, or null on success.</summary>
        internal Exception TrySend(SipMessage message, SipEndPoint destination)
        {
            try
            {
                Layer.Sender.Send(message, destination);
                return null;
            }
            catch (Exception e)
            {
                // Any failure of the seam ends the transaction in a defined state rather than escaping a timer.
                return e;
            }
        }
    }
}
