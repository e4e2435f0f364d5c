using System;
using System.Threading.Tasks;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Core
{
    /// <summary>
    /// What the Core's modules need from their element: its address, its loop, timers and client transactions.
    /// Every member is called on the loop thread, and every callback it takes runs there.
    /// </summary>
    public interface ICoreRuntime
    {
        /// <summary>The host the Core puts in Via, Contact and Record-Route.</summary>
        string Host { get; }

        /// <summary>The Core's port.</summary>
        int Port { get; }

        /// <summary>Queues <paramref name="work"/> to run on the loop after what is queued already.</summary>
        void Post(Action work);

        /// <summary>Continues on the loop when <paramref name="task"/> completes: with its result, or its error.</summary>
        void ContinueOnLoop<T>(ValueTask<T> task, Action<T> onResult, Action<Exception> onError);

        /// <summary>Runs <paramref name="action"/> on the loop after <paramref name="delay"/>.</summary>
        LoopTimer StartTimer(TimeSpan delay, Action action);

        /// <summary>Starts a client transaction with the Core's Via (with <paramref name="branch"/>, or a random one when null).</summary>
        SipClientTransaction SendRequest(SipMessage request, SipEndPoint destination, ISipClientTransactionUser user, string? branch = null);

        /// <summary>A new random tag or branch suffix (lower-case hex).</summary>
        string NewTag();
    }
}
