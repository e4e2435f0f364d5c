using System;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>
    /// Puts SIP messages on an <see cref="ISipChannel"/> and takes them off it. Sending serializes into
    /// one buffer allocated at construction. Receiving runs on the channel's thread: datagrams are parsed
    /// as they come, a TCP stream is cut by a <see cref="SipStreamFramer"/> whose buffer is also allocated
    /// once, and parsed messages wait in a small fixed ring until the UA loop takes them.
    /// </summary>
    /// <remarks>
    /// Nothing here grows: the ring holds <see cref="QueueCapacity"/> messages and drops what does not fit
    /// (UDP retransmissions and transaction timeouts recover), a message larger than the maximum size is
    /// dropped, and a TCP stream that cannot be framed is reset and reported as lost.
    /// </remarks>
    internal sealed class SipChannelTransport : ISipTransportSender
    {
        /// <summary>How many parsed messages may wait for the UA loop.</summary>
        public const int QueueCapacity = 8;

        private static readonly byte[] s_ping = { 13, 10, 13, 10 };

        // Headers of responses no usage reads (matching needs only Via and CSeq): the parser skips them, which
        // spares several hundred bytes of strings per response. Requests are parsed whole; their answers need them.
        private static readonly string[] s_unreadResponseHeaders =
        {
            SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.Server, SipHeaderNames.UserAgent,
            SipHeaderNames.Allow, SipHeaderNames.AllowEvents, SipHeaderNames.Supported, SipHeaderNames.Accept,
            SipHeaderNames.Date, SipHeaderNames.RecordRoute, SipHeaderNames.Warning,
        };

        private readonly object _sync = new object();
        private readonly ISipChannel _channel;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly byte[] _sendBuffer;
        private readonly SipStreamFramer _framer;
        private readonly SipMessageParser _parser = new SipMessageParser();
        private readonly SipMessage[] _queue = new SipMessage[QueueCapacity];
        private int _head;
        private int _count;
        private bool _pongRequested;
        private bool _streamBroken;

        public SipChannelTransport(ISipChannel channel, IClock clock, ILog log, int maxMessageSize)
        {
            _channel = channel;
            _clock = clock;
            _log = log;
            _sendBuffer = new byte[maxMessageSize];
            _parser.SkippedResponseHeaders = s_unreadResponseHeaders;
            if (channel.Transport == SipTransport.Tcp)
            {
                _framer = new SipStreamFramer(maxMessageSize);
                _framer.Parser.SkippedResponseHeaders = s_unreadResponseHeaders;
            }

            LastSendMilliseconds = clock.NowMilliseconds;
        }

        /// <summary>Raised on the channel's thread after a message was queued.</summary>
        public UaWakeUp MessageQueued { get; set; }

        /// <summary>When something was last sent (a message or a keep-alive).</summary>
        public long LastSendMilliseconds { get; private set; }

        /// <summary>Messages received but dropped: unparsable, too large, or the ring was full.</summary>
        public int DroppedCount { get; private set; }

        /// <summary>Whether parsed messages wait for <see cref="TryTake"/>, or a pong or a stream reset waits for the loop.</summary>
        public bool HasWork
        {
            get
            {
                lock (_sync)
                {
                    return _count > 0 || _pongRequested || _streamBroken;
                }
            }
        }

        /// <inheritdoc/>
        public void Send(SipMessage message, SipEndPoint destination)
        {
            int length;
            try
            {
                length = SipMessageWriter.Write(message, _sendBuffer, 0);
            }
            catch (ArgumentException e)
            {
                throw new SipChannelException("message too large for the send buffer: " + e.Message);
            }

            if (!_channel.Send(_sendBuffer, 0, length))
            {
                throw new SipChannelException("the " + (_channel.Transport == SipTransport.Tcp ? "TCP" : "UDP") + " channel could not send");
            }

            LastSendMilliseconds = _clock.NowMilliseconds;
        }

        /// <summary>Sends a keep-alive: CRLF on TCP, a CRLF CRLF ping on UDP. Returns whether the channel took it.</summary>
        public bool SendKeepAlive()
        {
            bool sent = _channel.Send(s_ping, 0, _channel.Transport == SipTransport.Tcp ? 2 : 4);
            if (sent)
            {
                LastSendMilliseconds = _clock.NowMilliseconds;
            }

            return sent;
        }

        /// <summary>Takes the oldest parsed message; false when none waits.</summary>
        public bool TryTake(out SipMessage message)
        {
            lock (_sync)
            {
                if (_count == 0)
                {
                    message = null;
                    return false;
                }

                message = _queue[_head];
                _queue[_head] = null;
                _head = (_head + 1) % QueueCapacity;
                _count--;
                return true;
            }
        }

        /// <summary>Whether the server pinged (CRLF CRLF on TCP) and expects a CRLF pong; clears the request.</summary>
        public bool TakePongRequest()
        {
            lock (_sync)
            {
                bool requested = _pongRequested;
                _pongRequested = false;
                return requested;
            }
        }

        /// <summary>Whether the TCP stream could not be framed since the last call; clears the flag.</summary>
        public bool TakeStreamBroken()
        {
            lock (_sync)
            {
                bool broken = _streamBroken;
                _streamBroken = false;
                return broken;
            }
        }

        /// <summary>Sends a CRLF pong (TCP).</summary>
        public void SendPong()
        {
            if (_channel.Send(s_ping, 0, 2))
            {
                LastSendMilliseconds = _clock.NowMilliseconds;
            }
        }

        /// <summary>Forgets partial stream data and queued messages (after a reconnect).</summary>
        public void Reset()
        {
            lock (_sync)
            {
                if (_framer != null)
                {
                    _framer.Reset();
                }

                while (_count > 0)
                {
                    _queue[_head] = null;
                    _head = (_head + 1) % QueueCapacity;
                    _count--;
                }

                _pongRequested = false;
            }
        }

        /// <summary>The channel's receive callback.</summary>
        public void OnReceived(byte[] buffer, int offset, int count)
        {
            bool queued;
            lock (_sync)
            {
                queued = _framer == null ? ReceiveDatagram(buffer, offset, count) : ReceiveStream(buffer, offset, count);
            }

            UaWakeUp wake = MessageQueued;
            if (queued && wake != null)
            {
                wake();
            }
        }

        private static bool IsOnlyLineBreaks(byte[] buffer, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                if (buffer[i] != 13 && buffer[i] != 10)
                {
                    return false;
                }
            }

            return true;
        }

        private bool ReceiveDatagram(byte[] buffer, int offset, int count)
        {
            if (IsOnlyLineBreaks(buffer, offset, count))
            {
                return false; // a keep-alive or its pong
            }

            if (count > _sendBuffer.Length)
            {
                Drop("a " + count + "-byte datagram exceeds the maximum message size");
                return false;
            }

            try
            {
                return Enqueue(_parser.ParseDatagram(buffer, offset, count));
            }
            catch (SipParseException e)
            {
                Drop("unparsable datagram: " + e.Message);
                return false;
            }
        }

        private bool ReceiveStream(byte[] buffer, int offset, int count)
        {
            bool queued = false;
            try
            {
                while (true)
                {
                    int taken = _framer.Append(buffer, offset, count);
                    offset += taken;
                    count -= taken;
                    SipFrameKind kind;
                    while ((kind = _framer.Read()) != SipFrameKind.None)
                    {
                        if (kind == SipFrameKind.Message)
                        {
                            try
                            {
                                queued |= Enqueue(_framer.ParseMessage());
                            }
                            catch (SipParseException e)
                            {
                                // Framing held, so the stream stays usable; only this message is lost.
                                Drop("unparsable message: " + e.Message);
                            }
                        }
                        else if (kind == SipFrameKind.KeepAlivePing)
                        {
                            _pongRequested = true;
                            queued = true;
                        }
                    }

                    if (count == 0)
                    {
                        return queued;
                    }

                    if (taken == 0)
                    {
                        throw new SipParseException("a message exceeds the " + _framer.MaxMessageSize + "-byte buffer");
                    }
                }
            }
            catch (SipParseException e)
            {
                Drop("TCP stream cannot be framed (" + e.Message + "); resetting the connection");
                _framer.Reset();
                _streamBroken = true;
                return true;
            }
        }

        private bool Enqueue(SipMessage message)
        {
            if (_count == QueueCapacity)
            {
                Drop("receive queue full, dropped " + message.ToString());
                return false;
            }

            _queue[(_head + _count) % QueueCapacity] = message;
            _count++;
            return true;
        }

        private void Drop(string why)
        {
            DroppedCount++;
            _log.Write(LogLevel.Warning, "transport", why);
        }
    }
}
