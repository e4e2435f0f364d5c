using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Tests.TestSupport
{
    /// <summary>
    /// A small SIP user agent for tests, built on the Shared parser and writer over one UDP socket on 127.0.0.1.
    /// It can stand in for any peer of an element under test (a user's UA, the Core, the Presence Server):
    /// <list type="bullet">
    /// <item>received messages go to an inbox that <see cref="ReceiveAsync"/> takes from, by predicate;</item>
    /// <item>a retransmitted request (same top-Via branch and method) is not put in the inbox again: the response
    /// already sent to it is sent again, as a server transaction would; retransmitted responses are dropped;</item>
    /// <item><see cref="SendRequestAsync"/> retransmits a request every 500 ms until its final response;</item>
    /// <item><see cref="AutoRespond"/> may answer requests on the receive thread (a peer that always says 200).</item>
    /// </list>
    /// </summary>
    public sealed class PagerTestUserAgent : IAsyncDisposable
    {
        private static readonly TimeSpan s_defaultTimeout = TimeSpan.FromSeconds(5);
        private static int s_counter;

        private readonly Socket _socket;
        private readonly object _gate = new();
        private readonly List<SipMessage> _inbox = [];
        private readonly List<SipMessage> _all = [];
        private readonly Dictionary<string, SipMessage?> _requestsSeen = [];
        private readonly HashSet<string> _responsesSeen = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _receiveLoop;
        private TaskCompletionSource _arrived = NewSignal();

        private PagerTestUserAgent(Socket socket)
        {
            _socket = socket;
            EndPoint = (IPEndPoint)socket.LocalEndPoint!;
            _receiveLoop = new Thread(ReceiveLoop) { IsBackground = true, Name = "test-ua-" + EndPoint.Port };
            _receiveLoop.Start();
        }

        /// <summary>This UA's address.</summary>
        public IPEndPoint EndPoint { get; }

        /// <summary>This UA's port.</summary>
        public int Port => EndPoint.Port;

        /// <summary>"127.0.0.1:port", for Via and Contact.</summary>
        public string HostPort => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// Called on the receive thread for each new request; a response it returns is sent (and re-sent to
        /// retransmissions) and the request does not reach the inbox. Null leaves the request to the test.
        /// </summary>
        public Func<SipMessage, SipMessage?>? AutoRespond { get; set; }

        /// <summary>How many request retransmissions were absorbed.</summary>
        public int RetransmittedRequests { get; private set; }

        /// <summary>Opens a UA on 127.0.0.1; port 0 picks a free one.</summary>
        public static PagerTestUserAgent Start(int port = 0)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return new PagerTestUserAgent(socket);
        }

        /// <summary>A fresh token for tags, branches and Call-IDs.</summary>
        public static string NewToken() =>
            Interlocked.Increment(ref s_counter).ToString(CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N").Substring(0, 10);

        /// <summary>Every message received so far (retransmissions excluded), in arrival order.</summary>
        public IReadOnlyList<SipMessage> Received
        {
            get
            {
                lock (_gate)
                {
                    return _all.ToArray();
                }
            }
        }

        /// <summary>
        /// Builds a request from this UA: Via (with a new branch and rport), Max-Forwards, From with a new tag, To,
        /// Call-ID (new unless given) and CSeq. <paramref name="from"/> and <paramref name="to"/> are URIs or name-addrs.
        /// </summary>
        public SipMessage CreateRequest(string method, string requestUri, string from, string to, string? callId = null, long cseq = 1)
        {
            SipMessage request = SipMessage.CreateRequest(method, requestUri);
            request.Headers.Add(SipHeaderNames.Via, "SIP/2.0/UDP " + HostPort + ";branch=z9hG4bK" + NewToken() + ";rport");
            request.Headers.Add(SipHeaderNames.MaxForwards, "70");
            request.Headers.Add(SipHeaderNames.From, Bracket(from) + ";tag=" + NewToken());
            request.Headers.Add(SipHeaderNames.To, Bracket(to));
            request.Headers.Add(SipHeaderNames.CallId, callId ?? NewToken() + "@" + HostPort);
            request.Headers.Add(SipHeaderNames.CSeq, cseq.ToString(CultureInfo.InvariantCulture) + " " + method);
            return request;
        }

        /// <summary>Gives the request a new top-Via branch: the same request as a new transaction.</summary>
        public void NewBranch(SipMessage request)
        {
            request.Headers.RemoveFirst(SipHeaderNames.Via);
            request.Headers.AddFirst(SipHeaderNames.Via, "SIP/2.0/UDP " + HostPort + ";branch=z9hG4bK" + NewToken() + ";rport");
        }

        /// <summary>Sends a message as one datagram.</summary>
        public void Send(SipMessage message, IPEndPoint destination)
        {
            var buffer = new byte[SipMessageWriter.GetByteCount(message)];
            int length = SipMessageWriter.Write(message, buffer, 0);
            _socket.SendTo(buffer, 0, length, SocketFlags.None, destination);
        }

        /// <summary>
        /// Sends a request and returns its final response, retransmitting every 500 ms (UDP) until it comes;
        /// provisional responses are skipped. Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.
        /// </summary>
        public async Task<SipMessage> SendRequestAsync(SipMessage request, IPEndPoint destination, TimeSpan? timeout = null)
        {
            string branch = BranchOf(request) ?? throw new ArgumentException("the request needs a Via branch", nameof(request));
            string method = request.Method;
            DateTime deadline = DateTime.UtcNow + (timeout ?? s_defaultTimeout);
            while (true)
            {
                Send(request, destination);
                TimeSpan left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new TimeoutException($"no final response to {method} {request.RequestUri} within the timeout");
                }

                SipMessage? response = await TryReceiveAsync(
                    m => !m.IsRequest && m.StatusCode >= 200 && BranchOf(m) == branch && CSeqMethodOf(m) == method,
                    left < TimeSpan.FromMilliseconds(500) ? left : TimeSpan.FromMilliseconds(500));
                if (response is not null)
                {
                    return response;
                }
            }
        }

        /// <summary>Takes the first message in the inbox that matches, waiting for it; throws <see cref="TimeoutException"/>.</summary>
        public async Task<SipMessage> ReceiveAsync(Func<SipMessage, bool>? match = null, TimeSpan? timeout = null)
        {
            TimeSpan wait = timeout ?? s_defaultTimeout;
            return await TryReceiveAsync(match, wait)
                ?? throw new TimeoutException($"no matching message within {wait.TotalMilliseconds} ms; received so far: {Describe()}");
        }

        /// <summary>Takes the first request of <paramref name="method"/> (and matching <paramref name="match"/>), waiting for it.</summary>
        public Task<SipMessage> ReceiveRequestAsync(string method, Func<SipMessage, bool>? match = null, TimeSpan? timeout = null) =>
            ReceiveAsync(m => m.IsRequest && m.Method == method && (match is null || match(m)), timeout);

        /// <summary>Takes the first message in the inbox that matches, waiting up to <paramref name="timeout"/>; null if none came.</summary>
        public async Task<SipMessage?> TryReceiveAsync(Func<SipMessage, bool>? match, TimeSpan timeout)
        {
            DateTime deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                Task signal;
                lock (_gate)
                {
                    for (int i = 0; i < _inbox.Count; i++)
                    {
                        if (match is null || match(_inbox[i]))
                        {
                            SipMessage found = _inbox[i];
                            _inbox.RemoveAt(i);
                            return found;
                        }
                    }

                    signal = _arrived.Task;
                }

                TimeSpan left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return null;
                }

                await Task.WhenAny(signal, Task.Delay(left));
            }
        }

        /// <summary>Builds a response to <paramref name="request"/> (RFC 3261 §8.2.6) with a To tag.</summary>
        public static SipMessage CreateResponse(SipMessage request, int statusCode, string reasonPhrase, string? toTag = null) =>
            SipResponseBuilder.Create(request, statusCode, reasonPhrase, toTag ?? NewToken());

        /// <summary>Sends a response to where the request's top Via says (received/rport honoured), and remembers it for retransmissions.</summary>
        public void SendResponse(SipMessage request, SipMessage response)
        {
            lock (_gate)
            {
                _requestsSeen[TransactionKey(request)] = response;
            }

            Send(response, ResponseDestination(request));
        }

        /// <summary>Answers a request; <paramref name="customize"/> may add headers or a body first. Returns the response.</summary>
        public SipMessage Respond(SipMessage request, int statusCode, string reasonPhrase, Action<SipMessage>? customize = null, string? toTag = null)
        {
            SipMessage response = CreateResponse(request, statusCode, reasonPhrase, toTag);
            customize?.Invoke(response);
            SendResponse(request, response);
            return response;
        }

        /// <summary>
        /// Sends a request over a new TCP connection and returns the first final response read from it (a test of
        /// an element's TCP side). The request's Via is rewritten to TCP.
        /// </summary>
        public static async Task<SipMessage> SendOverTcpAsync(SipMessage request, IPEndPoint destination, TimeSpan? timeout = null)
        {
            using var cancel = new CancellationTokenSource(timeout ?? s_defaultTimeout);
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(destination, cancel.Token);
            string via = request.Headers.Get(SipHeaderNames.Via)!;
            request.Headers.RemoveFirst(SipHeaderNames.Via);
            request.Headers.AddFirst(SipHeaderNames.Via, via.Replace("SIP/2.0/UDP", "SIP/2.0/TCP", StringComparison.Ordinal));
            var buffer = new byte[SipMessageWriter.GetByteCount(request)];
            int length = SipMessageWriter.Write(request, buffer, 0);
            await socket.SendAsync(buffer.AsMemory(0, length), SocketFlags.None, cancel.Token);

            var framer = new SipStreamFramer();
            var chunk = new byte[8192];
            while (true)
            {
                int read = await socket.ReceiveAsync(chunk, SocketFlags.None, cancel.Token);
                if (read == 0)
                {
                    throw new IOException("the connection closed before a final response");
                }

                framer.Append(chunk, 0, read);
                while (framer.Read() == SipFrameKind.Message)
                {
                    SipMessage message = SipMessageParser.Parse(framer.FrameBuffer, framer.FrameOffset, framer.FrameLength);
                    if (!message.IsRequest && message.StatusCode >= 200)
                    {
                        return message;
                    }
                }
            }
        }

        /// <summary>The top Via's branch, or null.</summary>
        public static string? BranchOf(SipMessage message)
        {
            string? via = message.Headers.Get(SipHeaderNames.Via);
            return via is null ? null : ViaHeader.Parse(via).Branch;
        }

        /// <summary>The method named in CSeq.</summary>
        public static string CSeqMethodOf(SipMessage message) => CSeqHeader.Parse(message.Headers.Get(SipHeaderNames.CSeq)).Method;

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _socket.Dispose();
            await Task.Run(() => _receiveLoop.Join(1000));
            _stop.Dispose();
        }

        private static string Bracket(string address) => address.Contains('<', StringComparison.Ordinal) ? address : "<" + address + ">";

        private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

        private static IPEndPoint ResponseDestination(SipMessage request)
        {
            ViaHeader via = ViaHeader.Parse(request.Headers.Get(SipHeaderNames.Via)!);
            string host = via.Received ?? via.Host;
            int port = via.HasRport && via.Rport > 0 ? via.Rport : via.Port > 0 ? via.Port : 5060;
            return new IPEndPoint(IPAddress.Parse(host), port);
        }

        private static string TransactionKey(SipMessage request) => BranchOf(request) + " " + request.Method;

        private string Describe()
        {
            lock (_gate)
            {
                var lines = new List<string>();
                foreach (SipMessage message in _all)
                {
                    lines.Add(message.ToString());
                }

                return lines.Count == 0 ? "nothing" : string.Join(" | ", lines);
            }
        }

        // A thread of its own blocked in ReceiveFrom answers faster than an async loop waiting for the thread pool,
        // which matters when the UA stands in for a peer in a benchmark.
        private void ReceiveLoop()
        {
            var buffer = new byte[65536];
            EndPoint any = new IPEndPoint(IPAddress.Any, 0);
            while (!_stop.IsCancellationRequested)
            {
                int count;
                try
                {
                    count = _socket.ReceiveFrom(buffer, ref any);
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException)
                {
                    if (_stop.IsCancellationRequested)
                    {
                        return;
                    }

                    continue;
                }

                SipMessage message;
                try
                {
                    message = SipMessageParser.Parse(buffer, 0, count);
                }
                catch (SipParseException)
                {
                    continue;
                }

                Accept(message);
            }
        }

        private void Accept(SipMessage message)
        {
            if (message.IsRequest)
            {
                string key = TransactionKey(message);
                SipMessage? previous;
                bool seen;
                lock (_gate)
                {
                    seen = _requestsSeen.TryGetValue(key, out previous);
                    if (!seen)
                    {
                        _requestsSeen[key] = null;
                    }
                }

                if (seen)
                {
                    RetransmittedRequests++;
                    if (previous is not null)
                    {
                        Send(previous, ResponseDestination(message));
                    }

                    return;
                }

                SipMessage? automatic = AutoRespond?.Invoke(message);
                if (automatic is not null)
                {
                    lock (_gate)
                    {
                        _all.Add(message);
                    }

                    SendResponse(message, automatic);
                    return;
                }
            }
            else
            {
                string key = BranchOf(message) + " " + CSeqMethodOf(message) + " " + message.StatusCode.ToString(CultureInfo.InvariantCulture);
                lock (_gate)
                {
                    if (message.StatusCode >= 200 && !_responsesSeen.Add(key))
                    {
                        return;
                    }
                }
            }

            lock (_gate)
            {
                _all.Add(message);
                _inbox.Add(message);
                TaskCompletionSource arrived = _arrived;
                _arrived = NewSignal();
                arrived.TrySetResult();
            }
        }
    }
}
