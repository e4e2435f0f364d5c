using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using SimpleImGateway.Sip.Auth;
using SimpleImGateway.Sip.Common;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Tests.Core.Support
{
    /// <summary>Decides the answer of a <see cref="TestUa"/> to a request it receives; null sends nothing.</summary>
    public delegate SipMessage? TestUaResponder(SipMessage request);

    /// <summary>
    /// A small SIP user agent over one UDP socket on 127.0.0.1 for tests: builds requests, answers digest
    /// challenges with the Shared <see cref="DigestClient"/>, waits for responses by branch, records every request
    /// it receives and answers them through <see cref="Responder"/> (200 OK by default). No retransmissions:
    /// loopback does not lose datagrams.
    /// </summary>
    public sealed class TestUa : IAsyncDisposable
    {
        private static int s_counter;

        private readonly Socket _socket;
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentDictionary<string, Channel<SipMessage>> _pending = new(StringComparer.OrdinalIgnoreCase);
        private readonly Channel<SipMessage> _requests = Channel.CreateUnbounded<SipMessage>();
        private readonly Channel<SipMessage> _unmatched = Channel.CreateUnbounded<SipMessage>();
        private readonly DigestClient _digest = new(new SystemRandomSource(new Random()));
        private readonly Task _receiver;
        private long _cseq;

        /// <summary>Binds a UDP socket on 127.0.0.1 (an ephemeral port unless <paramref name="port"/> is given).</summary>
        public TestUa(string user, IPEndPoint server, string domain = "simpleim.test", int port = 0)
        {
            User = user;
            Server = server;
            Domain = domain;
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
            CallId = "ua-" + Interlocked.Increment(ref s_counter).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8] + "@127.0.0.1";
            Tag = Guid.NewGuid().ToString("N")[..10];
            _receiver = Task.Run(ReceiveLoopAsync);
        }

        /// <summary>The user part of this UA's AOR.</summary>
        public string User { get; }

        /// <summary>Where requests go unless told otherwise (the Core).</summary>
        public IPEndPoint Server { get; }

        /// <summary>The SIP domain.</summary>
        public string Domain { get; }

        /// <summary>The local UDP port.</summary>
        public int Port { get; }

        /// <summary>The Call-ID this UA uses for REGISTER (so CSeq ordering applies across its registrations).</summary>
        public string CallId { get; }

        /// <summary>The From tag this UA uses.</summary>
        public string Tag { get; }

        /// <summary>The AOR: <c>sip:user@domain</c>.</summary>
        public string Aor => "sip:" + User + "@" + Domain;

        /// <summary>This UA's contact URI.</summary>
        public string ContactUri => "sip:" + User + "@127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

        /// <summary>This UA's address.</summary>
        public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

        /// <summary>The password used to answer challenges (null: challenges are returned, not answered).</summary>
        public string? Password { get; set; }

        /// <summary>Answers received requests; the default answers 200 OK.</summary>
        public TestUaResponder? Responder { get; set; }

        /// <summary>How long to wait for an answer before failing.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Builds a request from this UA: Max-Forwards, From with tag, To, Call-ID, CSeq (no Via yet).</summary>
        public SipMessage CreateRequest(string method, string requestUri, string? to = null, string? callId = null)
        {
            SipMessage request = SipMessage.CreateRequest(method, requestUri);
            request.Headers.Add(SipHeaderNames.MaxForwards, "70");
            request.Headers.Add(SipHeaderNames.From, "<" + Aor + ">;tag=" + Tag);
            request.Headers.Add(SipHeaderNames.To, "<" + (to ?? requestUri) + ">");
            request.Headers.Add(SipHeaderNames.CallId, callId ?? NewCallId());
            request.Headers.Add(SipHeaderNames.CSeq, Interlocked.Increment(ref _cseq).ToString(CultureInfo.InvariantCulture) + " " + method);
            return request;
        }

        /// <summary>A MESSAGE with a text body.</summary>
        public SipMessage CreateMessage(string requestUri, string text)
        {
            SipMessage message = CreateRequest(SipMethods.Message, requestUri);
            message.Headers.Add(SipHeaderNames.ContentType, "text/plain");
            message.Body = Encoding.UTF8.GetBytes(text);
            return message;
        }

        /// <summary>A REGISTER of this UA's AOR with its own Call-ID; contacts as given (none: a query).</summary>
        public SipMessage CreateRegister(long? expires, params string[] contacts)
        {
            SipMessage register = CreateRequest(SipMethods.Register, "sip:" + Domain, Aor, CallId);
            foreach (string contact in contacts)
            {
                register.Headers.Add(SipHeaderNames.Contact, contact);
            }

            if (expires is long e)
            {
                register.Headers.Add(SipHeaderNames.Expires, e.ToString(CultureInfo.InvariantCulture));
            }

            return register;
        }

        /// <summary>Registers this UA's own contact with digest; returns the final response.</summary>
        public Task<SipMessage> RegisterAsync(long expires = 3600) => SendAsync(CreateRegister(expires, "<" + ContactUri + ">"));

        /// <summary>
        /// Sends a request (a new Via with a fresh branch on top) and returns its final response; a 401 or 407 is
        /// answered once with credentials when <see cref="Password"/> is set, as a new transaction with the next CSeq.
        /// </summary>
        public async Task<SipMessage> SendAsync(SipMessage request, IPEndPoint? to = null, DigestAlgorithm preferred = DigestAlgorithm.Md5)
        {
            SipMessage response = await SendOnceAsync(request, to);
            if ((response.StatusCode == 401 || response.StatusCode == 407) && Password is not null)
            {
                SipMessage retry = WithCredentials(request, response, preferred);
                response = await SendOnceAsync(retry, to);
            }

            return response;
        }

        /// <summary>Sends one request and returns its final response (no authentication).</summary>
        public async Task<SipMessage> SendOnceAsync(SipMessage request, IPEndPoint? to = null)
        {
            string branch = "z9hG4bK" + Guid.NewGuid().ToString("N");
            request.Headers.AddFirst(SipHeaderNames.Via, "SIP/2.0/UDP 127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) + ";branch=" + branch + ";rport");
            Channel<SipMessage> responses = Channel.CreateUnbounded<SipMessage>();
            _pending[branch] = responses;
            try
            {
                Send(request, to ?? Server);
                using var timeout = new CancellationTokenSource(Timeout);
                while (true)
                {
                    SipMessage response;
                    try
                    {
                        response = await responses.Reader.ReadAsync(timeout.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        throw new TimeoutException($"{User}: no final response to {request.Method} {request.RequestUri} within {Timeout.TotalSeconds} s");
                    }

                    if (response.StatusCode >= 200)
                    {
                        return response;
                    }
                }
            }
            finally
            {
                _pending.TryRemove(branch, out _);
            }
        }

        /// <summary>Copies <paramref name="request"/> without its Via, with the next CSeq and credentials answering <paramref name="challengeResponse"/>.</summary>
        public SipMessage WithCredentials(SipMessage request, SipMessage challengeResponse, DigestAlgorithm preferred = DigestAlgorithm.Md5)
        {
            bool proxy = challengeResponse.StatusCode == 407;
            DigestChallenge challenge = PickChallenge(challengeResponse, proxy, preferred);
            SipMessage retry = SipMessage.CreateRequest(request.Method, request.RequestUri);
            for (int i = 0; i < request.Headers.Count; i++)
            {
                SipHeader header = request.Headers[i];
                if (header.Name == SipHeaderNames.Via || header.Name == SipHeaderNames.Authorization || header.Name == SipHeaderNames.ProxyAuthorization)
                {
                    continue;
                }

                if (header.Name == SipHeaderNames.CSeq)
                {
                    retry.Headers.Add(SipHeaderNames.CSeq, Interlocked.Increment(ref _cseq).ToString(CultureInfo.InvariantCulture) + " " + request.Method);
                    continue;
                }

                retry.Headers.Add(header.Name, header.Value);
            }

            retry.Body = request.Body;
            DigestCredentials credentials = _digest.Answer(challenge, User, Password!, request.Method, request.RequestUri);
            retry.Headers.Add(proxy ? SipHeaderNames.ProxyAuthorization : SipHeaderNames.Authorization, credentials.Format());
            return retry;
        }

        /// <summary>The next request this UA received (answered by <see cref="Responder"/> already).</summary>
        public async Task<SipMessage> ReceiveRequestAsync(TimeSpan? timeout = null)
        {
            using var cancel = new CancellationTokenSource(timeout ?? Timeout);
            try
            {
                return await _requests.Reader.ReadAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{User}: no request received within {(timeout ?? Timeout).TotalSeconds} s");
            }
        }

        /// <summary>True when a request arrives within <paramref name="wait"/>; for asserting that none does.</summary>
        public async Task<SipMessage?> TryReceiveRequestAsync(TimeSpan wait)
        {
            using var cancel = new CancellationTokenSource(wait);
            try
            {
                return await _requests.Reader.ReadAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        /// <summary>Sends a message as it is (no Via added).</summary>
        public void Send(SipMessage message, IPEndPoint to)
        {
            byte[] buffer = new byte[65535];
            int length = SipMessageWriter.Write(message, buffer, 0);
            _socket.SendTo(buffer, 0, length, SocketFlags.None, to);
        }

        /// <summary>Sends a response where its top Via says (sent-by, or received/rport).</summary>
        public void SendResponse(SipMessage response)
        {
            SipEndPoint destination = SipResponseRouting.DestinationOf(ViaHeader.Parse(response.Headers.Get(SipHeaderNames.Via)), null);
            Send(response, new IPEndPoint(IPAddress.Parse(destination.Host), destination.Port));
        }

        /// <summary>Answers <paramref name="request"/> with <paramref name="status"/> after <paramref name="delay"/>, from another thread.</summary>
        public void ReplyLater(SipMessage request, int status, string reason, TimeSpan delay) =>
            _ = Task.Run(async () =>
            {
                await Task.Delay(delay);
                SendResponse(SipResponseBuilder.Create(request, status, reason, Tag));
            });

        /// <summary>Sends raw octets.</summary>
        public void SendRaw(byte[] datagram, IPEndPoint to) => _socket.SendTo(datagram, to);

        /// <summary>
        /// The next response that belongs to no request sent with <see cref="SendAsync"/> (an answer to a raw datagram
        /// or to a request sent with <see cref="Send"/>), or null when none comes within <paramref name="wait"/>.
        /// </summary>
        public async Task<SipMessage?> TryReceiveAnyResponseAsync(TimeSpan wait)
        {
            using var cancel = new CancellationTokenSource(wait);
            try
            {
                return await _unmatched.Reader.ReadAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        /// <summary>Like <see cref="TryReceiveAnyResponseAsync"/>, but fails when none comes.</summary>
        public async Task<SipMessage> ReceiveAnyResponseAsync(TimeSpan wait) =>
            await TryReceiveAnyResponseAsync(wait) ?? throw new TimeoutException($"{User}: no response within {wait.TotalSeconds} s");

        /// <inheritdoc/>
        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _socket.Dispose();
            try
            {
                await _receiver.WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception)
            {
                // the receive loop ends with the socket's disposal
            }

            _stop.Dispose();
        }

        private static DigestChallenge PickChallenge(SipMessage response, bool proxy, DigestAlgorithm preferred)
        {
            string[] values = response.Headers.GetAll(proxy ? SipHeaderNames.ProxyAuthenticate : SipHeaderNames.WwwAuthenticate);
            DigestChallenge? first = null;
            foreach (string value in values)
            {
                DigestChallenge challenge = DigestChallenge.Parse(value);
                first ??= challenge;
                if (challenge.AlgorithmKind == preferred)
                {
                    return challenge;
                }
            }

            return first ?? throw new InvalidOperationException($"{response.StatusCode} without a challenge");
        }

        private static string NewCallId() => Guid.NewGuid().ToString("N") + "@127.0.0.1";

        private async Task ReceiveLoopAsync()
        {
            byte[] buffer = new byte[65535];
            EndPoint any = new IPEndPoint(IPAddress.Any, 0);
            while (!_stop.IsCancellationRequested)
            {
                SocketReceiveFromResult result;
                try
                {
                    result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException)
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

                var source = (IPEndPoint)result.RemoteEndPoint;
                if (message.IsRequest)
                {
                    OnRequest(message, source);
                }
                else
                {
                    string? topVia = message.Headers.Get(SipHeaderNames.Via);
                    string? branch = topVia is null ? null : ViaHeader.Parse(topVia).Branch;
                    if (branch is not null && _pending.TryGetValue(branch, out Channel<SipMessage>? waiting))
                    {
                        waiting.Writer.TryWrite(message);
                    }
                    else
                    {
                        _unmatched.Writer.TryWrite(message);
                    }
                }
            }
        }

        private void OnRequest(SipMessage request, IPEndPoint source)
        {
            _requests.Writer.TryWrite(request);
            if (request.Method == SipMethods.Ack)
            {
                return;
            }

            SipMessage? response = Responder is null ? SipResponseBuilder.Create(request, 200, "OK", Tag) : Responder(request);
            if (response is not null)
            {
                SendResponse(response);
            }
        }
    }
}
