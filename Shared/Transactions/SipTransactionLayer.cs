using System;
using System.Collections;
using SimpleImGateway.Sip.Common;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// The non-INVITE transaction layer (RFC 3261 §17): a bounded table of client and server transactions,
    /// matching of incoming messages (§17.1.3, §17.2.3), and timers driven by the owner.
    /// </summary>
    /// <remarks>
    /// <para>
    /// No thread and no timer object lives in here. The owner calls <see cref="Receive"/> for every parsed
    /// message, and <see cref="Poll"/> whenever the injected clock reaches <see cref="NextDueMilliseconds"/>
    /// (calling it earlier or more often is harmless). All calls must come from one thread at a time, and the
    /// user's callbacks run inside them.
    /// </para>
    /// <para>
    /// Incoming requests: INVITE and ACK get no transaction and go to
    /// <see cref="ISipTransactionUser.OnRequestWithoutTransaction"/>; CANCEL is an ordinary non-INVITE
    /// transaction (the user answers it, normally 481 since no INVITE transaction exists here). A request
    /// lacking Call-ID, From, To or a valid CSeq matching its method is answered 400 statelessly; one without a
    /// usable top Via cannot be answered and is discarded (<see cref="DiscardedCount"/>). A new request that finds
    /// the table full is answered 503 statelessly.
    /// </para>
    /// <para>
    /// The layer updates its own state before calling the user, so an exception thrown by a callback reaches the
    /// owner's call without corrupting the table.
    /// </para>
    /// </remarks>
    public sealed class SipTransactionLayer
    {
        /// <summary>The deadline of nothing: no timer is armed.</summary>
        public const long Never = long.MaxValue;

        private const int BranchRandomBytes = 8;
        private const int TagRandomBytes = 6;

        private readonly ArrayList _transactions = new ArrayList();
        private readonly SipTransactionIndex _clients = new SipTransactionIndex(true);
        private readonly SipTransactionIndex _servers = new SipTransactionIndex(false);
        private readonly byte[] _randomBuffer = new byte[BranchRandomBytes];
        // Where a matching key, a Via, a branch or a tag is composed; each is finished before the next begins.
        private readonly CharBuffer _scratch = new CharBuffer(96);
        private readonly IRandomSource _random;
        private readonly SipTimerHeap _timers = new SipTimerHeap();
        private SipTransaction[] _due = new SipTransaction[8];
        private bool _polling;

        /// <summary>Creates a layer. <paramref name="settings"/> is read when values are needed, not copied.</summary>
        public SipTransactionLayer(
            ISipTransportSender sender, ISipClock clock, IRandomSource random, ISipTransactionUser user, SipTransactionSettings settings)
        {
            Sender = sender ?? throw new ArgumentNullException(nameof(sender));
            Clock = clock ?? throw new ArgumentNullException(nameof(clock));
            _random = random ?? throw new ArgumentNullException(nameof(random));
            User = user ?? throw new ArgumentNullException(nameof(user));
            Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        }

        /// <summary>Timer values and limits.</summary>
        public SipTransactionSettings Settings { get; }

        /// <summary>Number of live client and server transactions.</summary>
        public int Count => _transactions.Count;

        /// <summary>Messages dropped because they could be neither matched nor answered.</summary>
        public int DiscardedCount { get; private set; }

        /// <summary>Why the last message was discarded, for diagnostics; null when none was.</summary>
        public string LastDiscardReason { get; private set; }

        /// <summary>
        /// The clock value at which <see cref="Poll"/> has work to do, or <see cref="Never"/>. It changes after
        /// every call into the layer, so the owner reads it again before sleeping.
        /// </summary>
        public long NextDueMilliseconds
        {
            get
            {
                DropStaleTimers();
                return _timers.Count == 0 ? Never : _timers.TopDue;
            }
        }

        internal ISipTransportSender Sender { get; }

        internal ISipClock Clock { get; }

        internal ISipTransactionUser User { get; }

        /// <summary>Starts a client transaction whose events go to the layer's user; see the other overload.</summary>
        public SipClientTransaction SendRequest(SipMessage request, SipEndPoint destination, string sentByHost, int sentByPort)
            => SendRequest(request, destination, sentByHost, sentByPort, User);

        /// <summary>
        /// Starts a non-INVITE client transaction: puts a new top Via
        /// (<c>SIP/2.0/&lt;transport of destination&gt; sentByHost[:sentByPort];branch=z9hG4bK...</c>) on
        /// <paramref name="request"/>, sends it and arms the timers. The request must carry a CSeq whose method is
        /// the request's, and must not be changed afterwards (retransmissions send the same object).
        /// A transport failure of the first send is reported to <paramref name="user"/> before this returns.
        /// </summary>
        /// <exception cref="SipTransactionTableFullException">The table holds <see cref="SipTransactionSettings.MaxTransactions"/>.</exception>
        /// <exception cref="ArgumentException">INVITE or ACK, a response, or a missing or mismatched CSeq.</exception>
        /// <exception cref="SipTransactionException">The random source produced a branch already in use.</exception>
        public SipClientTransaction SendRequest(
            SipMessage request, SipEndPoint destination, string sentByHost, int sentByPort, ISipClientTransactionUser user)
            => SendRequest(request, destination, sentByHost, sentByPort, user, null);

        /// <summary>
        /// Starts a non-INVITE client transaction whose top Via carries <paramref name="branch"/>, a token starting
        /// with the magic cookie that the caller derived itself (a proxy's loop-detection branch, RFC 3261
        /// §16.6 step 8); null makes a random one. Otherwise as the overload without a branch.
        /// </summary>
        /// <exception cref="SipTransactionException">The branch is already used by another client transaction.</exception>
        public SipClientTransaction SendRequest(
            SipMessage request, SipEndPoint destination, string sentByHost, int sentByPort, ISipClientTransactionUser user, string branch)
        {
            if (request == null || destination == null || user == null)
            {
                throw new ArgumentNullException(request == null ? nameof(request) : destination == null ? nameof(destination) : nameof(user));
            }

            if (!request.IsRequest)
            {
                throw new ArgumentException("a client transaction starts with a request", nameof(request));
            }

            if (request.Method == SipMethods.Invite || request.Method == SipMethods.Ack)
            {
                throw new ArgumentException("INVITE transactions are not supported; send ACK statelessly", nameof(request));
            }

            if (sentByHost == null || sentByHost.Length == 0 || sentByPort < 0 || sentByPort > 65535)
            {
                throw new ArgumentException("the Via needs the local transport's host and port", nameof(sentByHost));
            }

            string cseqText = request.Headers.Get(SipHeaderNames.CSeq);
            if (!TryScanCSeqMethod(cseqText, out int methodStart, out int methodEnd)
                || !AsciiCase.RegionEquals(cseqText, methodStart, methodEnd - methodStart, request.Method))
            {
                throw new ArgumentException("the request needs a CSeq with its own method", nameof(request));
            }

            if (_transactions.Count >= Settings.MaxTransactions)
            {
                throw new SipTransactionTableFullException(Settings.MaxTransactions);
            }

            bool chosen = branch != null;
            if (!chosen)
            {
                branch = NewBranch();
            }
            else if (!SipTransactionKeys.HasMagicCookie(branch) || !SipChars.IsToken(branch))
            {
                throw new ArgumentException("a branch must be a token starting with " + ViaHeader.BranchMagicCookie, nameof(branch));
            }

            SipTransactionKeys.Client(_scratch, branch, 0, branch.Length);
            if (_clients.Find(_scratch) != null)
            {
                // 64 random bits collide only when the random source is broken; a chosen branch may simply be reused.
                throw new SipTransactionException(chosen ? "branch " + branch + " is already in use" : "the random source repeated branch " + branch);
            }

            request.Headers.AddFirst(SipHeaderNames.Via, FormatVia(destination.TransportToken, sentByHost, sentByPort, branch));
            var transaction = new SipClientTransaction(this, branch, request, branch, destination, user);
            Add(transaction);
            transaction.Start(Clock.NowMilliseconds);
            Schedule(transaction);
            return transaction;
        }

        /// <summary>
        /// Hands a parsed message from a transport to the layer: a response goes to its client transaction (or
        /// is stray), a request to its server transaction (a retransmission) or to a new one and the user.
        /// </summary>
        public void Receive(SipMessage message, SipEndPoint source)
        {
            if (message == null || source == null)
            {
                throw new ArgumentNullException(message == null ? nameof(message) : nameof(source));
            }

            if (message.IsRequest)
            {
                ReceiveRequest(message, source);
            }
            else
            {
                ReceiveResponse(message, source);
            }
        }

        /// <summary>Fires every timer that is due at the clock's current time.</summary>
        public void Poll()
        {
            if (_polling)
            {
                return; // a callback polled again; the outer call finishes the round
            }

            _polling = true;
            try
            {
                long now = Clock.NowMilliseconds;

                // Collect first: firing a timer may remove entries or let a callback add new ones.
                int dueCount = 0;
                while (true)
                {
                    DropStaleTimers();
                    if (_timers.Count == 0 || _timers.TopDue > now)
                    {
                        break;
                    }

                    SipTransaction transaction = _timers.Top;
                    _timers.Pop();
                    transaction.ScheduledDue = Never;
                    if (dueCount == _due.Length)
                    {
                        var larger = new SipTransaction[dueCount * 2];
                        Array.Copy(_due, larger, dueCount);
                        _due = larger;
                    }

                    _due[dueCount++] = transaction;
                }

                for (int i = 0; i < dueCount; i++)
                {
                    SipTransaction transaction = _due[i];
                    _due[i] = null;
                    transaction.OnTimer(now);
                    Schedule(transaction);
                }
            }
            finally
            {
                _polling = false;
            }
        }

        /// <summary>Sends a message outside any transaction (ACK for a 2xx, a forwarded response). Transport failures propagate.</summary>
        public void SendStateless(SipMessage message, SipEndPoint destination)
        {
            if (message == null || destination == null)
            {
                throw new ArgumentNullException(message == null ? nameof(message) : nameof(destination));
            }

            Sender.Send(message, destination);
        }

        /// <summary>
        /// Sends a response outside any transaction to where its top Via says (<see cref="SipResponseRouting"/>);
        /// <paramref name="requestSource"/> is where the request came from, or null for a forwarded response.
        /// Transport failures propagate.
        /// </summary>
        /// <exception cref="SipParseException">The response has no valid top Via.</exception>
        public void SendStatelessResponse(SipMessage response, SipEndPoint requestSource)
        {
            if (response == null || response.IsRequest)
            {
                throw new ArgumentException("a response is needed", nameof(response));
            }

            string topVia = response.Headers.Get(SipHeaderNames.Via);
            if (topVia == null)
            {
                throw new SipParseException("the response has no Via to route it by");
            }

            Sender.Send(response, SipResponseRouting.DestinationOf(ViaHeader.Parse(topVia), requestSource));
        }

        /// <summary>The client transaction a response with this top-Via branch and CSeq method belongs to, or null.</summary>
        public SipClientTransaction FindClientTransaction(string branch, string cseqMethod)
        {
            if (branch == null || cseqMethod == null)
            {
                return null;
            }

            return FindClient(branch, 0, branch.Length, cseqMethod, 0, cseqMethod.Length);
        }

        /// <summary>The server transaction a request belongs to, or null (also for a request too malformed to match).</summary>
        public SipServerTransaction FindServerTransaction(SipMessage request)
        {
            if (request == null || !request.IsRequest)
            {
                return null;
            }

            try
            {
                string viaText = request.Headers.Get(SipHeaderNames.Via);
                CSeqHeader cseq = ParseCSeq(request);
                if (viaText == null || cseq == null)
                {
                    return null;
                }

                SipTransactionKeys.Server(_scratch, request, ViaHeader.Parse(viaText), cseq);
                return (SipServerTransaction)_servers.Find(_scratch);
            }
            catch (SipParseException)
            {
                return null;
            }
        }

        /// <summary>A new branch: the magic cookie and 16 random hex digits (§8.1.1.7).</summary>
        public string NewBranch() => RandomHex(ViaHeader.BranchMagicCookie, BranchRandomBytes);

        /// <summary>A new tag of 12 random hex digits (§19.3).</summary>
        public string NewTag() => RandomHex(null, TagRandomBytes);

        /// <summary>
        /// Puts the transaction's earliest deadline into the timer heap after anything that may have changed it
        /// (start, a response, a fired timer, a final response sent). An entry it replaces goes stale.
        /// </summary>
        internal void Schedule(SipTransaction transaction)
        {
            long due = transaction.TableSlot < 0 ? Never : transaction.NextDueMilliseconds;
            if (due == transaction.ScheduledDue)
            {
                return;
            }

            transaction.ScheduledDue = due;
            if (due != Never)
            {
                _timers.Push(due, transaction);
            }
        }

        internal void Remove(SipTransaction transaction)
        {
            int slot = transaction.TableSlot;
            if (slot < 0)
            {
                return;
            }

            // Swap-remove: the last entry takes the freed slot, so removal needs no search and no shift.
            int last = _transactions.Count - 1;
            var moved = (SipTransaction)_transactions[last];
            _transactions[slot] = moved;
            moved.TableSlot = slot;
            _transactions.RemoveAt(last);
            transaction.TableSlot = -1;
            if (transaction is SipClientTransaction)
            {
                _clients.Remove(transaction.Key, transaction);
            }
            else
            {
                _servers.Remove(transaction.Key, transaction);
            }
        }

        private void Add(SipTransaction transaction)
        {
            transaction.TableSlot = _transactions.Count;
            _transactions.Add(transaction);
            if (transaction is SipClientTransaction)
            {
                _clients.Add(transaction.Key, transaction);
            }
            else
            {
                _servers.Add(transaction.Key, transaction);
            }
        }

        private void DropStaleTimers()
        {
            while (_timers.Count > 0)
            {
                SipTransaction top = _timers.Top;
                if (top.TableSlot >= 0 && top.ScheduledDue == _timers.TopDue)
                {
                    return;
                }

                _timers.Pop();
            }
        }

        private static CSeqHeader ParseCSeq(SipMessage message)
        {
            string value = message.Headers.Get(SipHeaderNames.CSeq);
            if (value == null)
            {
                return null;
            }

            try
            {
                return CSeqHeader.Parse(value);
            }
            catch (SipParseException)
            {
                return null;
            }
        }

        // Matching reads the top Via and CSeq text in place: every response pays for it, and on a device each
        // ViaHeader or CSeqHeader built here would be garbage a moment later.
        private void ReceiveResponse(SipMessage response, SipEndPoint source)
        {
            string viaText = response.Headers.Get(SipHeaderNames.Via);
            string cseqText = response.Headers.Get(SipHeaderNames.CSeq);
            int branchStart = -1;
            int branchEnd = 0;
            if (viaText != null)
            {
                try
                {
                    branchStart = ViaHeader.FindBranch(viaText, out branchEnd);
                }
                catch (SipParseException)
                {
                    branchStart = -1;
                }
            }

            if (branchStart < 0 || !TryScanCSeqMethod(cseqText, out int methodStart, out int methodEnd))
            {
                // §18.1.2: nothing to match on; a proxy could not route it either.
                Discard("response " + response.StatusCode.ToString() + " without a top Via branch or a valid CSeq");
                return;
            }

            SipClientTransaction transaction = FindClient(viaText, branchStart, branchEnd, cseqText, methodStart, methodEnd);
            if (transaction != null)
            {
                transaction.OnResponse(response, Clock.NowMilliseconds);
                Schedule(transaction);
                return;
            }

            if (Settings.DeliverStrayResponses)
            {
                User.OnStrayResponse(response, source);
            }
            else
            {
                Discard("stray response " + response.StatusCode.ToString() + " " + cseqText.Substring(methodStart, methodEnd - methodStart));
            }
        }

        private void ReceiveRequest(SipMessage request, SipEndPoint source)
        {
            int viaIndex = IndexOfTopVia(request);
            if (viaIndex < 0)
            {
                Discard(request.Method + " without a Via cannot be answered");
                return;
            }

            SipHeader viaHeader = request.Headers[viaIndex];
            ViaHeader via;
            try
            {
                via = ViaHeader.Parse(viaHeader.Value);

                // Mark where the request came from first, so even a 400 finds its way back (§18.2.1).
                // Stamping reads rport, whose value ViaHeader validates only when asked.
                if (SipResponseRouting.StampReceived(via, source))
                {
                    viaHeader.Value = via.ToString();
                }
            }
            catch (SipParseException e)
            {
                Discard(request.Method + " with a malformed top Via cannot be answered: " + e.Reason);
                return;
            }

            CSeqHeader cseq = ParseCSeq(request);
            string problem = null;
            if (cseq == null)
            {
                problem = "Missing or malformed CSeq";
            }
            else if (cseq.Method != request.Method)
            {
                problem = "CSeq method does not match the request method";
            }
            else if (request.CallId == null || !request.Headers.Contains(SipHeaderNames.From) || !request.Headers.Contains(SipHeaderNames.To))
            {
                problem = "Missing Call-ID, From or To";
            }

            if (problem != null)
            {
                RespondStateless(request, source, 400, problem);
                return;
            }

            if (request.Method == SipMethods.Invite || request.Method == SipMethods.Ack)
            {
                User.OnRequestWithoutTransaction(request, source);
                return;
            }

            try
            {
                SipTransactionKeys.Server(_scratch, request, via, cseq);
            }
            catch (SipParseException e)
            {
                RespondStateless(request, source, 400, "Malformed From or To: " + e.Reason);
                return;
            }

            var existing = (SipServerTransaction)_servers.Find(_scratch);
            if (existing != null)
            {
                existing.OnRetransmission();
                return;
            }

            if (_transactions.Count >= Settings.MaxTransactions)
            {
                RespondStateless(request, source, 503, "Service Unavailable");
                return;
            }

            var transaction = new SipServerTransaction(
                this, _scratch.ToString(), request, via.Branch, source, SipResponseRouting.DestinationOf(via, source), Clock.NowMilliseconds);
            Add(transaction);
            Schedule(transaction);
            User.OnRequest(transaction, request);
        }

        private void RespondStateless(SipMessage request, SipEndPoint source, int statusCode, string reason)
        {
            try
            {
                SendStatelessResponse(SipResponseBuilder.Create(request, statusCode, reason, NewTag()), source);
            }
            catch (Exception e)
            {
                // Nobody is waiting for this answer but the remote end; record why it got none.
                Discard("could not answer " + statusCode.ToString() + " to " + request.Method + ": " + e.Message);
            }
        }

        private void Discard(string reason)
        {
            DiscardedCount++;
            LastDiscardReason = reason;
        }

        private static int IndexOfTopVia(SipMessage message)
        {
            SipHeaderCollection headers = message.Headers;
            for (int i = 0; i < headers.Count; i++)
            {
                if ((object)headers[i].Name == SipHeaderNames.Via || SipHeaderNames.EqualsIgnoreCase(headers[i].Name, SipHeaderNames.Via))
                {
                    return i;
                }
            }

            return -1;
        }

        // §17.1.3 on text ranges: the branch finds the transaction, the CSeq method must be its method.
        private SipClientTransaction FindClient(string branchText, int branchStart, int branchEnd, string methodText, int methodStart, int methodEnd)
        {
            SipTransactionKeys.Client(_scratch, branchText, branchStart, branchEnd);
            var transaction = (SipClientTransaction)_clients.Find(_scratch);
            return transaction != null && AsciiCase.RegionEquals(methodText, methodStart, methodEnd - methodStart, transaction.Method) ? transaction : null;
        }

        /// <summary>Checks a CSeq value and locates its method; false when it is absent or malformed.</summary>
        private static bool TryScanCSeqMethod(string cseqText, out int methodStart, out int methodEnd)
        {
            methodStart = 0;
            methodEnd = 0;
            if (cseqText == null)
            {
                return false;
            }

            try
            {
                CSeqHeader.Scan(cseqText, out methodStart, out methodEnd);
                return true;
            }
            catch (SipParseException)
            {
                return false;
            }
        }

        /// <summary>
        /// The Via of a new client transaction, composed in a reused buffer so the value string is its only
        /// allocation: <c>SIP/2.0/transport host[:port];branch=...</c>, plus <c>;rport</c> when the settings ask for it.
        /// </summary>
        private string FormatVia(string transport, string host, int port, string branch)
        {
            CharBuffer via = _scratch;
            via.Clear();
            via.Append("SIP/2.0/");
            via.Append(transport);
            via.Append(' ');
            via.Append(host);
            if (port > 0)
            {
                via.Append(':');
                via.AppendDecimal(port);
            }

            via.Append(";branch=");
            via.Append(branch);
            if (Settings.AskForRport)
            {
                via.Append(";rport");
            }

            return via.ToString();
        }

        // The prefix, then byteCount random bytes as hex; one string per call.
        private string RandomHex(string prefix, int byteCount)
        {
            _random.NextBytes(_randomBuffer);
            _scratch.Clear();
            _scratch.Append(prefix);
            Hex.Append(_scratch, _randomBuffer, 0, byteCount);
            return _scratch.ToString();
        }
    }
}
