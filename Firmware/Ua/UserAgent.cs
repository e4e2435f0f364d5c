using System;
using System.Threading;
using SimpleImGateway.Firmware.Pager;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;
using SimpleImGateway.Sip.Transactions;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>
    /// The device's SIP user agent: one channel to one server, the Shared transaction layer, and three
    /// usages: <see cref="RegistrationClient"/>, <see cref="PublicationClient"/> and <see cref="PagerClient"/>
    /// over the <see cref="Pager.Outbox"/> and <see cref="Pager.Inbox"/> journals.
    /// </summary>
    /// <remarks>
    /// <para>
    /// No thread and no timer lives in here. The owner runs the loop: call <see cref="Poll"/> whenever the
    /// clock reaches <see cref="NextDueMilliseconds"/> or <see cref="WakeUp"/> fires, then read
    /// <see cref="NextDueMilliseconds"/> again and sleep until then. The channel's receive thread only
    /// parses into a small fixed queue; everything else happens inside <see cref="Poll"/>. Every public
    /// member takes the UA's lock, so the application may call them from another thread.
    /// </para>
    /// <para>
    /// Memory: the send buffer, the TCP framing buffer, the receive queue, the transaction table and the
    /// journal indexes are sized at construction from <see cref="UserAgentSettings"/>; the outbox is read
    /// one message at a time from flash.
    /// </para>
    /// </remarks>
    public sealed class UserAgent : ISipTransactionUser
    {
        private const string Source = "ua";
        private const string AllowedMethods = "MESSAGE, OPTIONS";

        private readonly object _sync = new object();
        private readonly UserAgentSettings _settings;
        private readonly ISipChannel _channel;
        private readonly IClock _clock;
        private readonly IRandom _random;
        private readonly ILog _log;
        private readonly SipChannelTransport _transport;
        private readonly SipTransactionLayer _layer;
        private readonly UaContext _ctx;
        private long _keepAliveInterval;
        private long _shutdownDeadline = SipTransactionLayer.Never;
        private int _channelDropped; // 1 when the channel's thread saw the TCP connection drop

        /// <summary>Creates the UA; nothing is opened or sent before <see cref="Start"/>.</summary>
        /// <param name="settings">The account and limits; validated here.</param>
        /// <param name="channel">The UDP or TCP channel to the server; the UA sets its callbacks.</param>
        /// <param name="clock">The monotonic clock every timer reads.</param>
        /// <param name="random">Randomness for jitter, tags, branches, Call-IDs and cnonces.</param>
        /// <param name="storage">Where the outbox and inbox journals live.</param>
        /// <param name="log">Where the UA says what it does.</param>
        public UserAgent(UserAgentSettings settings, ISipChannel channel, IClock clock, IRandom random, IFileStorage storage, ILog log)
        {
            if (settings == null || channel == null || clock == null || random == null || storage == null)
            {
                throw new ArgumentNullException(
                    settings == null ? "settings" : channel == null ? "channel" : clock == null ? "clock" : random == null ? "random" : "storage");
            }

            settings.Validate();
            _settings = settings;
            _channel = channel;
            _clock = clock;
            _random = random;
            _log = log ?? NullLog.Instance;
            _transport = new SipChannelTransport(channel, clock, _log, settings.MaxMessageSize);
            var platformRandom = new PlatformRandom(random);
            // One scratch buffer for every header value the UA composes (credentials, CSeq, Call-ID): all on the loop's thread.
            var text = new CharBuffer(384);
            var auth = new UaAuthenticator(settings.EffectiveAuthUser, settings.Password, platformRandom, _log, text);
            _ctx = new UaContext(settings, channel, clock, random, _log, _transport, auth, text);
            var transactionSettings = new SipTransactionSettings();
            transactionSettings.MaxTransactions = settings.MaxTransactions;
            transactionSettings.AskForRport = true; // RFC 3581: a device behind NAT wants answers where its requests came from
            _layer = new SipTransactionLayer(_transport, new PlatformClock(clock), platformRandom, this, transactionSettings);
            _ctx.Layer = _layer;

            settings.OutboxOptions.DeviceId = settings.DeviceId;
            Outbox = new Outbox(storage, settings.OutboxOptions, random, _log);
            Inbox = new Inbox(storage, settings.InboxOptions, random, _log);
            Registration = new RegistrationClient(_ctx, NewBackoff());
            Publication = new PublicationClient(_ctx, NewBackoff());
            Pager = new PagerClient(_ctx, NewBackoff(), Outbox, Inbox);

            _transport.MessageQueued = OnMessageQueued;
            channel.Received = _transport.OnReceived;
            channel.StateChanged = OnChannelStateChanged;
        }

        /// <summary>The life-cycle state.</summary>
        public UserAgentState State { get; private set; }

        /// <summary>The registration usage.</summary>
        public RegistrationClient Registration { get; }

        /// <summary>The presence publication usage.</summary>
        public PublicationClient Publication { get; }

        /// <summary>The pager usage (outgoing and incoming MESSAGE).</summary>
        public PagerClient Pager { get; }

        /// <summary>Outgoing messages waiting on flash.</summary>
        public Outbox Outbox { get; }

        /// <summary>Incoming messages waiting on flash for the application.</summary>
        public Inbox Inbox { get; }

        /// <summary>The settings the UA runs with.</summary>
        public UserAgentSettings Settings => _settings;

        /// <summary>Receives status events, on the thread running <see cref="Poll"/>.</summary>
        public UaEventHandler Events
        {
            get => _ctx.Events;
            set => _ctx.Events = value;
        }

        /// <summary>Called on the channel's thread when <see cref="Poll"/> has work before <see cref="NextDueMilliseconds"/>.</summary>
        public UaWakeUp WakeUp { get; set; }

        /// <summary>Received messages dropped by the transport (unparsable, too large, queue full).</summary>
        public int DroppedCount => _transport.DroppedCount;

        /// <summary>Live client and server transactions.</summary>
        public int TransactionCount => _layer.Count;

        /// <summary>Whether the shutdown has finished.</summary>
        public bool IsStopped => State == UserAgentState.Stopped;

        /// <summary>
        /// When <see cref="Poll"/> next has work, on the clock given to the constructor; a value at or before
        /// now means "poll now", <see cref="SipTransactionLayer.Never"/> means "only when woken".
        /// </summary>
        public long NextDueMilliseconds
        {
            get
            {
                lock (_sync)
                {
                    if (State != UserAgentState.Running && State != UserAgentState.Stopping)
                    {
                        return SipTransactionLayer.Never;
                    }

                    if (Interlocked.CompareExchange(ref _channelDropped, 0, 0) == 1 || _transport.HasWork)
                    {
                        return 0;
                    }

                    long next = Min(_layer.NextDueMilliseconds, Registration.NextDueMilliseconds);
                    next = Min(next, Publication.NextDueMilliseconds);
                    next = Min(next, Pager.NextDueMilliseconds);
                    next = Min(next, KeepAliveDue());
                    return Min(next, _shutdownDeadline);
                }
            }
        }

        /// <summary>Opens the journals (recovering from a power cut) and the channel, and starts registering.</summary>
        /// <exception cref="InvalidOperationException">The UA was started before.</exception>
        public void Start()
        {
            lock (_sync)
            {
                if (State != UserAgentState.Created)
                {
                    throw new InvalidOperationException("the user agent was started before");
                }

                Outbox.Open();
                Inbox.Open();
                State = UserAgentState.Running;
                _log.Write(LogLevel.Info, Source, "starting " + _ctx.AddressOfRecord + " via " + _ctx.Server.ToString()
                    + "; outbox " + Outbox.Count + " queued, inbox " + Inbox.Count + " unread");
                _ctx.EnsureChannel();
                _keepAliveInterval = NextKeepAliveInterval();
                Registration.Start();
            }
        }

        /// <summary>Starts registering again after a 403 stopped it (for example after the account was fixed).</summary>
        public void Restart()
        {
            lock (_sync)
            {
                if (State == UserAgentState.Running)
                {
                    Registration.Start();
                }
            }
        }

        /// <summary>Does everything that is due: received messages, transaction timers, refreshes, retries, sends, keep-alives.</summary>
        public void Poll()
        {
            lock (_sync)
            {
                if (State != UserAgentState.Running && State != UserAgentState.Stopping)
                {
                    return;
                }

                bool dropped = Interlocked.Exchange(ref _channelDropped, 0) == 1;
                if (_transport.TakeStreamBroken())
                {
                    _channel.Close();
                    dropped = true;
                }

                if (dropped)
                {
                    _transport.Reset();
                    _log.Write(LogLevel.Warning, Source, "the channel to " + _ctx.Server.ToString() + " went down");
                    if (State == UserAgentState.Stopping)
                    {
                        // Answers to the removals can no longer arrive; waiting for the timeout helps nobody.
                        FinishShutdown("the channel went down during shutdown; the binding and publication expire on their own");
                        return;
                    }

                    Registration.OnChannelLost();
                }

                if (_transport.TakePongRequest())
                {
                    _transport.SendPong();
                }

                while (_transport.TryTake(out SipMessage message))
                {
                    try
                    {
                        _layer.Receive(message, _ctx.Server);
                    }
                    catch (Exception e)
                    {
                        _log.Write(LogLevel.Error, Source, "handling " + message.ToString() + " failed: " + e.Message);
                    }
                }

                _layer.Poll();
                long now = _clock.NowMilliseconds;
                Registration.Poll(now);
                Publication.Poll(now);
                Pager.Poll(now);
                KeepAlive(now);
                if (State == UserAgentState.Stopping)
                {
                    FinishShutdownIfDone(now);
                }
            }
        }

        /// <summary>Queues a message on flash; it goes out, in order, while registered.</summary>
        /// <param name="to">The recipient's SIP URI (<c>sip:alice@example.org</c>).</param>
        /// <param name="contentType">The body's Content-Type (<c>text/plain;charset=UTF-8</c>).</param>
        /// <param name="body">The body bytes.</param>
        /// <returns>The Message-ID the message carries on every attempt.</returns>
        /// <exception cref="OutboxFullException">The outbox is at its count or byte limit; nothing was evicted.</exception>
        /// <exception cref="ArgumentException">The URI is not a SIP URI, or a value is too large or unsafe.</exception>
        public string SendMessage(string to, string contentType, byte[] body)
        {
            if (to == null || !SipUri.TryParse(to, out SipUri _))
            {
                throw new ArgumentException("'" + to + "' is not a sip: or sips: URI");
            }

            lock (_sync)
            {
                if (State == UserAgentState.Stopped)
                {
                    throw new InvalidOperationException("the user agent is stopped");
                }

                string id = Outbox.Send(to, contentType, body);
                _log.Write(LogLevel.Info, Source, "queued message " + id + " to " + to + " (" + body.Length + " bytes, "
                    + Outbox.Count + " in the outbox)" + (_ctx.IsRegistered ? string.Empty : "; it waits for the registration"));
                _ctx.Raise(UaEventKind.MessageQueued, id, 0, to);
                return id;
            }
        }

        /// <summary>Queues a text/plain message (UTF-8); see <see cref="SendMessage"/>.</summary>
        public string SendText(string to, string text)
        {
            return SendMessage(to, "text/plain;charset=UTF-8", Utf8.Encode(text ?? string.Empty));
        }

        /// <summary>Gives up on an undelivered outgoing message (it leaves the outbox unsent); false when it is not held.</summary>
        public bool DiscardMessage(string messageId)
        {
            lock (_sync)
            {
                return Pager.Discard(messageId);
            }
        }

        /// <summary>Reads the oldest unacknowledged incoming message; false when the inbox is empty.</summary>
        public bool ReadInbox(PagerMessage message)
        {
            lock (_sync)
            {
                return Inbox.Read(message);
            }
        }

        /// <summary>Marks an incoming message as handled; it is never handed out again.</summary>
        public bool AcknowledgeInbox(string messageId)
        {
            lock (_sync)
            {
                return Inbox.Acknowledge(messageId);
            }
        }

        /// <summary>
        /// The application's availability switch: true publishes presence open with the IM service
        /// available; false removes the publication.
        /// </summary>
        public void SetAvailable(bool available)
        {
            lock (_sync)
            {
                if (available != Publication.Available)
                {
                    _log.Write(LogLevel.Info, Source, "availability set to " + (available ? "available" : "unavailable"));
                }

                Publication.SetAvailable(available);
            }
        }

        /// <summary>
        /// Begins the orderly shutdown: no new MESSAGE goes out, the publication is removed and the binding
        /// unregistered; <see cref="IsStopped"/> turns true when both are answered or
        /// <see cref="UserAgentSettings.ShutdownTimeoutMilliseconds"/> passed. Keep polling until then.
        /// </summary>
        public void Shutdown()
        {
            lock (_sync)
            {
                if (State == UserAgentState.Created)
                {
                    State = UserAgentState.Stopped;
                    return;
                }

                if (State != UserAgentState.Running)
                {
                    return;
                }

                State = UserAgentState.Stopping;
                _ctx.ShuttingDown = true;
                _shutdownDeadline = _clock.NowMilliseconds + _settings.ShutdownTimeoutMilliseconds;
                _log.Write(LogLevel.Info, Source, "shutting down: removing the publication and the registration");
                Registration.Unregister();
            }
        }

        /// <summary>A few lines on the state of every part, for a status command or a debug console.</summary>
        public string DescribeStatus()
        {
            lock (_sync)
            {
                long now = _clock.NowMilliseconds;
                string registration = "registration: " + Registration.State.ToString();
                if (Registration.IsRegistered)
                {
                    registration += " as " + _ctx.AddressOfRecord + ", expires " + Registration.GrantedExpiresSeconds + " s, next refresh in "
                        + InSeconds(Registration.NextAttemptMilliseconds, now);
                }
                else if (Registration.State == RegistrationState.RetryWait)
                {
                    registration += ", failures " + Registration.ConsecutiveFailures + ", next attempt in " + InSeconds(Registration.NextAttemptMilliseconds, now);
                }

                if (Registration.LastFailure != null)
                {
                    registration += ", last failure: " + Registration.LastFailure;
                }

                string publication = "publication: " + Publication.State.ToString() + ", " + (Publication.Available ? "available" : "unavailable");
                if (Publication.ETag != null)
                {
                    publication += ", etag " + Publication.ETag;
                }

                if (Publication.LastFailure != null)
                {
                    publication += ", last failure: " + Publication.LastFailure;
                }

                string outbox = "outbox: " + Outbox.Count + " queued (" + Outbox.Bytes + " bytes), " + Pager.SentCount + " sent";
                if (Pager.CurrentMessageId != null)
                {
                    outbox += ", head " + Pager.CurrentMessageId + (Pager.IsBusy ? " in flight" : string.Empty);
                    if (Pager.LastFailure != null)
                    {
                        outbox += ", last failure: " + Pager.LastFailure + ", retry in " + InSeconds(Pager.RetryAtMilliseconds, now);
                    }
                }

                string inbox = "inbox: " + Inbox.Count + " unread, " + Pager.ReceivedCount + " received";
                string transport = "channel: " + _ctx.Server.ToString() + (_channel.IsConnected ? " from " + _channel.LocalAddress + ":" + _channel.LocalPort : " (closed)")
                    + ", " + _layer.Count + " transactions, " + _transport.DroppedCount + " dropped";
                return "state: " + State.ToString() + "\n" + registration + "\n" + publication + "\n" + outbox + "\n" + inbox + "\n" + transport;
            }
        }

        /// <inheritdoc/>
        void ISipTransactionUser.OnRequest(SipServerTransaction transaction, SipMessage request)
        {
            string method = request.Method;
            if (method == SipMethods.Message)
            {
                Pager.OnIncoming(transaction, request);
                return;
            }

            SipMessage response;
            if (method == SipMethods.Options)
            {
                response = transaction.CreateResponse(200, "OK");
                response.Headers.Add(SipHeaderNames.Accept, _settings.AcceptedContentTypes == null ? "*/*" : JoinTypes(_settings.AcceptedContentTypes));
            }
            else
            {
                response = transaction.CreateResponse(405, "Method Not Allowed");
                _log.Write(LogLevel.Info, Source, "answered " + method + " with 405");
            }

            response.Headers.Add(SipHeaderNames.Allow, AllowedMethods);
            transaction.SendResponse(response);
        }

        /// <inheritdoc/>
        void ISipTransactionUser.OnRequestWithoutTransaction(SipMessage request, SipEndPoint source)
        {
            if (request.Method != SipMethods.Invite)
            {
                return; // ACK: nothing to answer
            }

            SipMessage response = SipResponseBuilder.Create(request, 405, "Method Not Allowed", _layer.NewTag());
            response.Headers.Add(SipHeaderNames.Allow, AllowedMethods);
            try
            {
                _layer.SendStatelessResponse(response, source);
            }
            catch (Exception e)
            {
                _log.Write(LogLevel.Warning, Source, "could not refuse INVITE: " + e.Message);
            }
        }

        /// <inheritdoc/>
        void ISipTransactionUser.OnStrayResponse(SipMessage response, SipEndPoint source)
        {
        }

        /// <inheritdoc/>
        void ISipTransactionUser.OnServerTransactionFailed(SipServerTransaction transaction, Exception error)
        {
            _log.Write(LogLevel.Warning, Source, "could not answer " + transaction.Method + ": " + error.Message);
        }

        /// <inheritdoc/>
        void ISipClientTransactionUser.OnResponse(SipClientTransaction transaction, SipMessage response)
        {
        }

        /// <inheritdoc/>
        void ISipClientTransactionUser.OnTimeout(SipClientTransaction transaction)
        {
        }

        /// <inheritdoc/>
        void ISipClientTransactionUser.OnTransportError(SipClientTransaction transaction, Exception error)
        {
        }

        private static long Min(long a, long b) => a < b ? a : b;

        private static string InSeconds(long due, long now)
        {
            if (due == SipTransactionLayer.Never)
            {
                return "never";
            }

            long ms = due - now;
            return (ms <= 0 ? 0 : (ms + 999) / 1000) + " s";
        }

        private static string JoinTypes(string[] types)
        {
            string joined = string.Empty;
            for (int i = 0; i < types.Length; i++)
            {
                joined = i == 0 ? types[i] : joined + ", " + types[i];
            }

            return joined;
        }

        private Backoff NewBackoff() => new Backoff(_settings.RetryBaseMilliseconds, _settings.RetryCapMilliseconds, _random);

        private long NextKeepAliveInterval()
            => _settings.KeepAliveMinMilliseconds + _random.Next(_settings.KeepAliveMaxMilliseconds - _settings.KeepAliveMinMilliseconds + 1);

        private long KeepAliveDue()
        {
            if (!_ctx.IsRegistered || !_channel.IsConnected || State != UserAgentState.Running)
            {
                return SipTransactionLayer.Never;
            }

            return _transport.LastSendMilliseconds + _keepAliveInterval;
        }

        private void KeepAlive(long now)
        {
            if (KeepAliveDue() > now)
            {
                return;
            }

            if (_transport.SendKeepAlive())
            {
                if (_ctx.Debugging)
                {
                    _log.Write(LogLevel.Debug, Source, "keep-alive sent");
                }
            }
            else
            {
                _log.Write(LogLevel.Warning, Source, "keep-alive could not be sent");
            }

            // Sent or not, wait a full interval: a failing channel shows up in the next REGISTER.
            _keepAliveInterval = NextKeepAliveInterval() + (now - _transport.LastSendMilliseconds);
        }

        private void FinishShutdownIfDone(long now)
        {
            RegistrationState registration = Registration.State;
            bool unregistered = !Registration.IsBusy
                && (registration == RegistrationState.Unregistered || registration == RegistrationState.Forbidden || registration == RegistrationState.Idle);
            if (!(unregistered && Publication.IsSettled && !Pager.IsBusy) && now < _shutdownDeadline)
            {
                return;
            }

            FinishShutdown(now >= _shutdownDeadline
                ? "shutdown timed out after " + _settings.ShutdownTimeoutMilliseconds + " ms; closing anyway"
                : null);
        }

        private void FinishShutdown(string warning)
        {
            if (warning != null)
            {
                _log.Write(LogLevel.Warning, Source, warning);
            }

            _channel.Close();
            Outbox.Close();
            Inbox.Close();
            State = UserAgentState.Stopped;
            _shutdownDeadline = SipTransactionLayer.Never;
            _log.Write(LogLevel.Info, Source, "stopped");
            _ctx.Raise(UaEventKind.Stopped, _ctx.AddressOfRecord, 0, null);
        }

        private void OnChannelStateChanged(bool connected)
        {
            if (!connected && _channel.Transport == SipTransport.Tcp)
            {
                Interlocked.Exchange(ref _channelDropped, 1);
                OnMessageQueued();
            }
        }

        private void OnMessageQueued()
        {
            UaWakeUp wake = WakeUp;
            if (wake != null)
            {
                wake();
            }
        }
    }
}
