using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace SimpleImGateway.Bench.Presence
{
    /// <summary>
    /// One UDP socket carrying many watchers' dialogs: a thread answers every NOTIFY with 200 built straight from
    /// the request's bytes (Via, From, To, Call-ID and CSeq copied), as a load generator such as sipp does, so the
    /// harness spends as little of the shared CPUs as possible. Each distinct NOTIFY (Call-ID and CSeq) is
    /// counted once, retransmissions are answered again but not counted.
    /// </summary>
    internal sealed class WatcherSocket : IDisposable
    {
        private static readonly byte[] s_statusLine = Encoding.ASCII.GetBytes("SIP/2.0 200 OK\r\n");
        private static readonly byte[] s_tail = Encoding.ASCII.GetBytes("Content-Length: 0\r\n\r\n");

        private readonly Socket _socket;
        private readonly Thread _thread;
        private readonly ConcurrentDictionary<string, byte> _seen = new();
        private int _answered;
        private volatile bool _stopping;

        public WatcherSocket()
        {
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            _socket.ReceiveBufferSize = 8 * 1024 * 1024;
            _socket.SendBufferSize = 8 * 1024 * 1024;
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
            _thread = new Thread(Run) { IsBackground = true, Name = "watchers-" + Port };
            _thread.Start();
        }

        public int Port { get; }

        /// <summary>Distinct NOTIFYs answered since the last <see cref="Reset"/>.</summary>
        public int Answered => Volatile.Read(ref _answered);

        /// <summary>Raised (on the socket's thread) after each distinct NOTIFY was answered.</summary>
        public Action? OnAnswered { get; set; }

        public void Reset()
        {
            _seen.Clear();
            Interlocked.Exchange(ref _answered, 0);
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
            byte[] answer = new byte[8192];
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

                if (length < 7 || !StartsWith(buffer, 0, "NOTIFY "))
                {
                    continue; // responses to nothing, or other requests: watchers only take NOTIFY here
                }

                int n = Build(buffer, length, answer, out string dialogKey);
                if (n <= 0)
                {
                    continue;
                }

                try
                {
                    _socket.SendTo(answer, 0, n, SocketFlags.None, from);
                }
                catch (SocketException)
                {
                    continue;
                }

                if (_seen.TryAdd(dialogKey, 0))
                {
                    Interlocked.Increment(ref _answered);
                    OnAnswered?.Invoke();
                }
            }
        }

        /// <summary>Copies the headers a response needs; returns its length and the NOTIFY's Call-ID + CSeq.</summary>
        private static int Build(byte[] request, int length, byte[] answer, out string dialogKey)
        {
            dialogKey = string.Empty;
            int o = 0;
            Array.Copy(s_statusLine, 0, answer, 0, s_statusLine.Length);
            o += s_statusLine.Length;
            string callId = string.Empty, cseq = string.Empty;
            int line = IndexOf(request, 0, length, (byte)'\n') + 1;
            while (line > 0 && line < length)
            {
                int end = IndexOf(request, line, length, (byte)'\n');
                if (end < 0 || end - line <= 1)
                {
                    break; // end of headers
                }

                bool copy = false;
                if (IsHeader(request, line, "via", "v") || IsHeader(request, line, "from", "f") || IsHeader(request, line, "to", "t"))
                {
                    copy = true;
                }
                else if (IsHeader(request, line, "call-id", "i"))
                {
                    copy = true;
                    callId = Encoding.ASCII.GetString(request, line, end - line);
                }
                else if (IsHeader(request, line, "cseq", null))
                {
                    copy = true;
                    cseq = Encoding.ASCII.GetString(request, line, end - line);
                }

                if (copy)
                {
                    int count = end + 1 - line;
                    if (o + count + s_tail.Length > answer.Length)
                    {
                        return -1;
                    }

                    Array.Copy(request, line, answer, o, count);
                    o += count;
                }

                line = end + 1;
            }

            Array.Copy(s_tail, 0, answer, o, s_tail.Length);
            dialogKey = callId + "|" + cseq;
            return o + s_tail.Length;
        }

        private static bool IsHeader(byte[] b, int start, string name, string? compact) =>
            Matches(b, start, name) || (compact is not null && Matches(b, start, compact));

        private static bool Matches(byte[] b, int start, string name)
        {
            int i = start;
            foreach (char c in name)
            {
                if (i >= b.Length || char.ToLowerInvariant((char)b[i]) != c)
                {
                    return false;
                }

                i++;
            }

            while (i < b.Length && (b[i] == ' ' || b[i] == '\t'))
            {
                i++;
            }

            return i < b.Length && b[i] == ':';
        }

        private static bool StartsWith(byte[] b, int offset, string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (b[offset + i] != text[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static int IndexOf(byte[] b, int from, int to, byte value)
        {
            int i = Array.IndexOf(b, value, from, to - from);
            return i;
        }
    }
}
