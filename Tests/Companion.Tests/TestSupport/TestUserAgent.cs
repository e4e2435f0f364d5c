using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
    /// It sends requests and waits for their final response (matched by the top Via branch), answers every
    /// incoming request with <see cref="Answer"/> (a retransmission gets the same answer again) and keeps the
    /// requests in an inbox to await. It can also stand in for a proxy: <see cref="SendAsync"/> always pushes
    /// its own Via on top, so a request built by another agent can be relayed through this one.
    /// </summary>
    public sealed class TestUserAgent : IAsyncDisposable
    {
        /// <summary>How long awaiting a message takes before the test fails, unless told otherwise.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

        private readonly Socket _socket;
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource<SipMessage>> _pending = new();
        private readonly ConcurrentDictionary<string, SipMessage> _answered = new();
        private readonly Dictionary<string, long> _cseq = new();
        private readonly List<SipMessage> _inbox = [];
        private readonly SemaphoreSlim _arrived = new(0);
        private readonly Task _receiver;

        private TestUserAgent(string aor)
        {
            Aor = aor;
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
            _receiver = Task.Run(ReceiveLoop);
        }

        /// <summary>The agent's address-of-record, used as From of the requests it creates.</summary>
        public string Aor { get; }

        /// <summary>The bound socket address.</summary>
        public IPEndPoint EndPoint { get; }

        /// <summary><c>127.0.0.1:port</c>.</summary>
        public string HostPort => $"127.0.0.1:{EndPoint.Port}";

        /// <summary>The agent's Contact URI: the user part of the AOR at the socket address.</summary>
        public string ContactUri => $"sip:{UserOf(Aor)}@{HostPort}";

        /// <summary>
        /// The status each incoming request is answered with (called once per new request); 0 leaves it
        /// unanswered, as a dead peer would. Default: 200.
        /// </summary>
        public Func<SipMessage, int> Answer { get; set; } = _ => 200;

        /// <summary>Starts an agent for <paramref name="aor"/> (e.g. <c>sip:tom@simpleim.test</c>).</summary>
        public static TestUserAgent Start(string aor) => new(aor);

        /// <summary>
        /// A new out-of-dialog request: new Call-ID and From tag, CSeq 1, Max-Forwards, Contact; To is
        /// <paramref name="to"/> or else the Request-URI.
        /// </summary>
        public SipMessage CreateRequest(string method, string requestUri, string? to = null)
        {
            SipMessage request = SipMessage.CreateRequest(method, requestUri);
            string callId = NewToken() + "@test";
            request.Headers.Add(SipHeaderNames.MaxForwards, "70");
            request.Headers.Add(SipHeaderNames.From, $"<{Aor}>;tag={NewToken()}");
            request.Headers.Add(SipHeaderNames.To, $"<{to ?? requestUri}>");
            request.Headers.Add(SipHeaderNames.CallId, callId);
            request.Headers.Add(SipHeaderNames.CSeq, $"{NextCSeq(callId)} {method}");
            request.Headers.Add(SipHeaderNames.Contact, $"<{ContactUri}>");
            return request;
        }

        /// <summary>
        /// A request in the dialog that <paramref name="initial"/> and its 2xx <paramref name="response"/> set up:
        /// same Call-ID and From, To with the remote tag, the next CSeq, the remote Contact as Request-URI and the
        /// response's Record-Route reversed as Route.
        /// </summary>
        public SipMessage CreateInDialogRequest(SipMessage initial, SipMessage response, string method)
        {
            string contact = response.Headers.Get(SipHeaderNames.Contact) ?? throw new InvalidOperationException("the response has no Contact");
            string remoteTarget = NameAddress.ParseContact(contact).Uri.ToString() ?? throw new InvalidOperationException("the Contact has no URI");
            SipMessage request = SipMessage.CreateRequest(method, remoteTarget);
            string[] recordRoutes = response.Headers.GetAll(SipHeaderNames.RecordRoute);
            for (int i = recordRoutes.Length - 1; i >= 0; i--)
            {
                request.Headers.Add(SipHeaderNames.Route, recordRoutes[i]);
            }

            string callId = initial.CallId!;
            request.Headers.Add(SipHeaderNames.MaxForwards, "70");
            request.Headers.Add(SipHeaderNames.From, initial.Headers.Get(SipHeaderNames.From)!);
            request.Headers.Add(SipHeaderNames.To, response.Headers.Get(SipHeaderNames.To)!);
            request.Headers.Add(SipHeaderNames.CallId, callId);
            request.Headers.Add(SipHeaderNames.CSeq, $"{NextCSeq(callId)} {method}");
            request.Headers.Add(SipHeaderNames.Contact, $"<{ContactUri}>");
            return request;
        }

        /// <summary>Pushes this agent's Via (new branch, rport) on top of <paramref name="request"/> and returns the branch.</summary>
        public string AddVia(SipMessage request)
        {
            string branch = "z9hG4bK" + NewToken();
            request.Headers.AddFirst(SipHeaderNames.Via, $"SIP/2.0/UDP {HostPort};branch={branch};rport");
            return branch;
        }

        /// <summary>Sends <paramref name="request"/> (with this agent's Via on top) and returns its final response.</summary>
        public async Task<SipMessage> SendAsync(SipMessage request, IPEndPoint target, TimeSpan? timeout = null)
        {
            string branch = AddVia(request);
            var done = new TaskCompletionSource<SipMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[branch] = done;
            try
            {
                Send(request, target);
                return await done.Task.WaitAsync(timeout ?? DefaultTimeout);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{Aor}: no final response to {request.Method} {request.RequestUri} from {target}");
            }
            finally
            {
                _pending.TryRemove(branch, out _);
            }
        }

        /// <summary>Sends a message as it is (a response, a request without waiting).</summary>
        public void Send(SipMessage message, IPEndPoint target)
        {
            byte[] buffer = new byte[SipMessageWriter.GetByteCount(message)];
            int length = SipMessageWriter.Write(message, buffer, 0);
            _socket.SendTo(buffer, 0, length, SocketFlags.None, target);
        }

        /// <summary>Sends raw octets.</summary>
        public void SendRaw(byte[] datagram, IPEndPoint target) => _socket.SendTo(datagram, target);

        /// <summary>Takes the first received request of <paramref name="method"/> from the inbox, waiting for one.</summary>
        public async Task<SipMessage> NextRequestAsync(string method, TimeSpan? timeout = null)
        {
            SipMessage? request = await TryNextRequestAsync(method, timeout ?? DefaultTimeout);
            return request ?? throw new TimeoutException($"{Aor}: no {method} arrived within {(timeout ?? DefaultTimeout).TotalSeconds} s");
        }

        /// <summary>Takes the first received request of <paramref name="method"/>, or null when none arrives in time.</summary>
        public async Task<SipMessage?> TryNextRequestAsync(string method, TimeSpan within)
        {
            DateTime deadline = DateTime.UtcNow + within;
            while (true)
            {
                lock (_inbox)
                {
                    int index = _inbox.FindIndex(m => m.Method == method);
                    if (index >= 0)
                    {
                        SipMessage found = _inbox[index];
                        _inbox.RemoveAt(index);
                        return found;
                    }
                }

                TimeSpan left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                {
                    return null;
                }
            }
        }

        /// <summary>How many requests of <paramref name="method"/> wait in the inbox.</summary>
        public int Pending(string method)
        {
            lock (_inbox)
            {
                return _inbox.FindAll(m => m.Method == method).Count;
            }
        }

        /// <inheritdoc/>
        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _socket.Dispose();
            try
            {
                await _receiver;
            }
            catch (Exception)
            {
                // the socket was closed under the receive
            }

            _stop.Dispose();
        }

        private static string UserOf(string aor)
        {
            int colon = aor.IndexOf(':');
            int at = aor.IndexOf('@');
            return at > colon ? aor[(colon + 1)..at] : "ua";
        }

        private static string NewToken() => Guid.NewGuid().ToString("N")[..16];

        private long NextCSeq(string callId)
        {
            lock (_cseq)
            {
                _cseq.TryGetValue(callId, out long last);
                _cseq[callId] = last + 1;
                return last + 1;
            }
        }

        private async Task ReceiveLoop()
        {
            byte[] buffer = new byte[65536];
            EndPoint any = new IPEndPoint(IPAddress.Any, 0);
            while (!_stop.IsCancellationRequested)
            {
                SocketReceiveFromResult result;
                try
                {
                    result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
                {
                    continue;
                }

                SipMessage message;
                try
                {
                    message = SipMessageParser.Parse(buffer, 0, result.ReceivedBytes);
                }
                catch (SipParseException)
                {
                    continue;
                }

                string? branch = TopBranch(message);
                if (!message.IsRequest)
                {
                    if (message.StatusCode >= 200 && branch is not null && _pending.TryGetValue(branch, out TaskCompletionSource<SipMessage>? waiter))
                    {
                        waiter.TrySetResult(message);
                    }

                    continue;
                }

                var source = (IPEndPoint)result.RemoteEndPoint;
                OnRequest(message, branch, source);
            }
        }

        private void OnRequest(SipMessage request, string? branch, IPEndPoint source)
        {
            string key = branch + " " + request.Method;
            if (branch is not null && _answered.TryGetValue(key, out SipMessage? earlier))
            {
                Send(earlier, ResponseTarget(earlier, source));
                return;
            }

            int status = Answer(request);
            if (status > 0)
            {
                SipMessage response = SipResponseBuilder.Create(request, status, status < 300 ? "OK" : "Test Answer", NewToken());
                if (branch is not null)
                {
                    _answered[key] = response;
                }

                Send(response, ResponseTarget(response, source));
            }

            lock (_inbox)
            {
                _inbox.Add(request);
            }

            _arrived.Release();
        }

        // Responses go to the top Via's sent-by (the received/rport the sender is reachable at would be the same on loopback).
        private static IPEndPoint ResponseTarget(SipMessage response, IPEndPoint source)
        {
            try
            {
                ViaHeader via = ViaHeader.Parse(response.Headers.Get(SipHeaderNames.Via)!);
                int port = via.HasRport && via.Rport > 0 ? via.Rport : via.Port == 0 ? 5060 : via.Port;
                return IPAddress.TryParse(via.Received ?? via.Host, out IPAddress? address) ? new IPEndPoint(address, port) : source;
            }
            catch (SipParseException)
            {
                return source;
            }
        }

        private static string? TopBranch(SipMessage message)
        {
            string? via = message.Headers.Get(SipHeaderNames.Via);
            if (via is null)
            {
                return null;
            }

            try
            {
                return ViaHeader.Parse(via).Branch;
            }
            catch (SipParseException)
            {
                return null;
            }
        }
    }
}
