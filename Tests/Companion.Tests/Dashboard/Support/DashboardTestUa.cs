using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Tests.Dashboard.Support
{
    /// <summary>
    /// A minimal SIP user agent over one UDP socket on 127.0.0.1, built on the Shared parser and writer: it sends
    /// requests and waits for their final response, and answers every request it receives with 200 OK,
    /// keeping those requests for the test to inspect.
    /// </summary>
    public sealed class DashboardTestUa : IAsyncDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly Channel<SipMessage> _responses = Channel.CreateUnbounded<SipMessage>();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _receiver;
        private int _cseq;

        public DashboardTestUa(string user, string domain, int serverPort)
        {
            User = user;
            Domain = domain;
            Server = new IPEndPoint(IPAddress.Loopback, serverPort);
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
            CallId = Guid.NewGuid().ToString("N") + "@127.0.0.1";
            _receiver = Task.Run(ReceiveLoopAsync);
        }

        public string User { get; }

        public string Domain { get; }

        public int Port { get; }

        public IPEndPoint Server { get; }

        public string Aor => $"sip:{User}@{Domain}";

        public string ContactUri => $"sip:{User}@127.0.0.1:{Port}";

        /// <summary>The Call-ID of this UA's REGISTER and PUBLISH requests.</summary>
        public string CallId { get; }

        /// <summary>The requests received (and answered 200 OK), in arrival order.</summary>
        public ConcurrentQueue<SipMessage> Received { get; } = new();

        /// <summary>A REGISTER of this UA's contact for <paramref name="expires"/> seconds.</summary>
        public SipMessage CreateRegister(int expires = 3600)
        {
            SipMessage request = NewRequest(SipMethods.Register, $"sip:{Domain}", Aor);
            request.Headers.Add(SipHeaderNames.Contact, $"<{ContactUri}>");
            request.Headers.Add(SipHeaderNames.Expires, expires.ToString());
            return request;
        }

        /// <summary>A PUBLISH of a PIDF document for this UA's AOR.</summary>
        public SipMessage CreatePublish(byte[] pidf, int expires = 3600)
        {
            SipMessage request = NewRequest(SipMethods.Publish, Aor, Aor);
            request.Headers.Add(SipHeaderNames.Event, "presence");
            request.Headers.Add(SipHeaderNames.Expires, expires.ToString());
            request.Headers.Add(SipHeaderNames.ContentType, "application/pidf+xml");
            request.Body = pidf;
            return request;
        }

        /// <summary>Sends a request (adding Via) and returns its final response, or throws on timeout.</summary>
        public async Task<SipMessage> SendAsync(SipMessage request, TimeSpan? timeout = null)
        {
            string branch = "z9hG4bK" + Guid.NewGuid().ToString("N");
            request.Headers.AddFirst(SipHeaderNames.Via, $"SIP/2.0/UDP 127.0.0.1:{Port};branch={branch};rport");
            var bytes = new byte[SipMessageWriter.GetByteCount(request)];
            SipMessageWriter.Write(request, bytes, 0);
            await _socket.SendToAsync(bytes, SocketFlags.None, Server);

            using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
            while (true)
            {
                SipMessage response = await _responses.Reader.ReadAsync(deadline.Token);
                if (response.StatusCode >= 200 && response.Headers.Get(SipHeaderNames.Via)?.Contains(branch, StringComparison.Ordinal) == true)
                {
                    return response;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _socket.Dispose();
            try
            {
                await _receiver;
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }

            _stop.Dispose();
        }

        private SipMessage NewRequest(string method, string requestUri, string to)
        {
            SipMessage request = SipMessage.CreateRequest(method, requestUri);
            request.Headers.Add(SipHeaderNames.MaxForwards, "70");
            request.Headers.Add(SipHeaderNames.From, $"<{Aor}>;tag={Guid.NewGuid():N}");
            request.Headers.Add(SipHeaderNames.To, $"<{to}>");
            request.Headers.Add(SipHeaderNames.CallId, CallId);
            request.Headers.Add(SipHeaderNames.CSeq, $"{Interlocked.Increment(ref _cseq)} {method}");
            return request;
        }

        private async Task ReceiveLoopAsync()
        {
            var buffer = new byte[65535];
            EndPoint any = new IPEndPoint(IPAddress.Any, 0);
            while (!_stop.IsCancellationRequested)
            {
                SocketReceiveFromResult result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
                SipMessage message;
                try
                {
                    message = SipMessageParser.Parse(buffer, 0, result.ReceivedBytes);
                }
                catch (SipParseException)
                {
                    continue;
                }

                if (!message.IsRequest)
                {
                    await _responses.Writer.WriteAsync(message, _stop.Token);
                    continue;
                }

                Received.Enqueue(message);
                SipMessage ok = SipResponseBuilder.Create(message, 200, "OK", Guid.NewGuid().ToString("N")[..10]);
                var bytes = new byte[SipMessageWriter.GetByteCount(ok)];
                SipMessageWriter.Write(ok, bytes, 0);
                await _socket.SendToAsync(bytes, SocketFlags.None, result.RemoteEndPoint, _stop.Token);
            }
        }

        /// <summary>The body of a received request as UTF-8 text.</summary>
        public static string BodyText(SipMessage message) => Encoding.UTF8.GetString(message.Body);
    }
}
