using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Bench.Presence
{
    /// <summary>
    /// The benchmark's own user agent on the Shared core (parser, writer, response builder): sends REGISTER,
    /// SUBSCRIBE and PUBLISH and awaits their final responses by Via branch; any request it receives gets 200.
    /// </summary>
    internal sealed class ControlAgent : IDisposable
    {
        private readonly Socket _socket;
        private readonly Thread _thread;
        private readonly ConcurrentDictionary<string, TaskCompletionSource<SipMessage>> _pending = new();
        private volatile bool _stopping;
        private long _counter;

        public ControlAgent()
        {
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            _socket.ReceiveBufferSize = 8 * 1024 * 1024;
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
            _thread = new Thread(Run) { IsBackground = true, Name = "control" };
            _thread.Start();
        }

        public int Port { get; }

        public string HostPort => "127.0.0.1:" + Port;

        public string NewToken() => Interlocked.Increment(ref _counter).ToString("x") + Guid.NewGuid().ToString("N")[..8];

        public SipMessage Request(string method, string requestUri, string from, string to, string contact)
        {
            SipMessage request = SipMessage.CreateRequest(method, requestUri);
            request.Headers.Add(SipHeaderNames.Via, $"SIP/2.0/UDP {HostPort};branch=z9hG4bK{NewToken()};rport");
            request.Headers.Add(SipHeaderNames.MaxForwards, "70");
            request.Headers.Add(SipHeaderNames.From, $"<{from}>;tag={NewToken()}");
            request.Headers.Add(SipHeaderNames.To, $"<{to}>");
            request.Headers.Add(SipHeaderNames.CallId, NewToken() + "@bench");
            request.Headers.Add(SipHeaderNames.CSeq, "1 " + method);
            request.Headers.Add(SipHeaderNames.Contact, $"<{contact}>");
            return request;
        }

        public async Task<SipMessage> SendAsync(SipMessage request, IPEndPoint target, TimeSpan timeout)
        {
            string branch = ViaHeader.Parse(request.Headers.Get(SipHeaderNames.Via)!).Branch;
            var done = new TaskCompletionSource<SipMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[branch] = done;
            try
            {
                byte[] buffer = new byte[SipMessageWriter.GetByteCount(request)];
                int length = SipMessageWriter.Write(request, buffer, 0);
                _socket.SendTo(buffer, 0, length, SocketFlags.None, target);
                return await done.Task.WaitAsync(timeout);
            }
            finally
            {
                _pending.TryRemove(branch, out _);
            }
        }

        public void Dispose()
        {
            _stopping = true;
            _socket.Dispose();
            _thread.Join(1000);
        }

        private void Run()
        {
            byte[] buffer = new byte[65536];
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            while (!_stopping)
            {
                int length;
                try
                {
                    length = _socket.ReceiveFrom(buffer, ref from);
                }
                catch (Exception) when (_stopping)
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
                    message = SipMessageParser.Parse(buffer, 0, length);
                }
                catch (SipParseException)
                {
                    continue;
                }

                if (message.IsRequest)
                {
                    SipMessage ok = SipResponseBuilder.Create(message, 200, "OK", NewToken());
                    byte[] bytes = new byte[SipMessageWriter.GetByteCount(ok)];
                    SipMessageWriter.Write(ok, bytes, 0);
                    _socket.SendTo(bytes, from);
                    continue;
                }

                if (message.StatusCode >= 200 && message.Headers.Get(SipHeaderNames.Via) is { } via
                    && _pending.TryGetValue(ViaHeader.Parse(via).Branch, out TaskCompletionSource<SipMessage>? waiter))
                {
                    waiter.TrySetResult(message);
                }
            }
        }
    }
}
