using System;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>
    /// What the usages of one <see cref="UserAgent"/> share: settings, platform services, the transaction
    /// layer, the channel, authentication, identity and the event sink. All members run on the UA loop's
    /// thread, inside the UA's lock.
    /// </summary>
    internal sealed class UaContext
    {
        // The most headers a request of the usages carries: the six of NewRequest, Via, two credentials and
        // the usage's own three at most (PUBLISH: Event, Expires, SIP-If-Match or Content-Type).
        private const int RequestHeaderRoom = 12;

        private readonly byte[] _idBytes = new byte[10];
        private readonly CharBuffer _text;
        private string _contact;
        private string _contactKey = "@:0";
        private string _contactAddress;
        private int _contactPort;

        public UaContext(
            UserAgentSettings settings,
            ISipChannel channel,
            IClock clock,
            IRandom random,
            ILog log,
            SipChannelTransport transport,
            UaAuthenticator auth,
            CharBuffer text)
        {
            _text = text;
            Settings = settings;
            Channel = channel;
            Clock = clock;
            Random = random;
            Log = log;
            Transport = transport;
            Auth = auth;
            AddressOfRecord = settings.AddressOfRecord;
            string display = settings.DisplayName;
            OwnAddress = display == null || display.Length == 0
                ? "<" + AddressOfRecord + ">"
                : "\"" + display + "\" <" + AddressOfRecord + ">";
            Server = new SipEndPoint(
                settings.ServerHost, settings.ServerPort, channel.Transport == SipTransport.Tcp ? SipTransportType.Tcp : SipTransportType.Udp);
        }

        public UserAgentSettings Settings { get; }

        public ISipChannel Channel { get; }

        public IClock Clock { get; }

        public IRandom Random { get; }

        public ILog Log { get; }

        public SipChannelTransport Transport { get; }

        public UaAuthenticator Auth { get; }

        /// <summary>Set by the UA once the layer exists (the layer needs the UA as its user).</summary>
        public SipTransactionLayer Layer { get; set; }

        /// <summary>Where every request goes.</summary>
        public SipEndPoint Server { get; }

        /// <summary><c>sip:user@domain</c>.</summary>
        public string AddressOfRecord { get; }

        /// <summary>The address of record as a name-addr for From and To, without a tag.</summary>
        public string OwnAddress { get; }

        /// <summary>Whether the registration is in force; the publication and the pager wait for it.</summary>
        public bool IsRegistered { get; set; }

        /// <summary>Whether an orderly shutdown has begun.</summary>
        public bool ShuttingDown { get; set; }

        /// <summary>Receives events; may be null.</summary>
        public UaEventHandler Events { get; set; }

        public long Now => Clock.NowMilliseconds;

        /// <summary>Whether Debug lines are wanted; test it before building one.</summary>
        public bool Debugging => Settings.DebugLogging;

        /// <summary>The Contact value for the channel's current local address, rebuilt only when that changes.</summary>
        public string Contact
        {
            get
            {
                string address = Channel.LocalAddress;
                int port = Channel.LocalPort;
                if (_contact == null || address != _contactAddress || port != _contactPort)
                {
                    string host = address != null && address.IndexOf(':') >= 0 && address[0] != '[' ? "[" + address + "]" : address;
                    _contact = "<sip:" + Settings.User + "@" + host + ":" + port
                        + (Channel.Transport == SipTransport.Tcp ? ";transport=tcp>" : ">");
                    _contactAddress = address;
                    _contactPort = port;
                    _contactKey = "@" + address + ":" + port;
                }

                return _contact;
            }
        }

        /// <summary>The part of <see cref="Contact"/> that identifies this binding in a registrar's answer.</summary>
        public string ContactKey => _contactKey;

        /// <summary>Opens the channel when it is not connected; false when that failed.</summary>
        public bool EnsureChannel()
        {
            if (Channel.IsConnected)
            {
                return true;
            }

            bool opened;
            try
            {
                opened = Channel.Open();
            }
            catch (Exception e)
            {
                Log.Write(LogLevel.Warning, "channel", "open failed: " + e.Message);
                opened = false;
            }

            if (opened)
            {
                Transport.Reset();
                Log.Write(LogLevel.Info, "channel", (Channel.Transport == SipTransport.Tcp ? "TCP connected to " : "UDP socket ready for ")
                    + Server.Host + ":" + Server.Port + " from " + Channel.LocalAddress + ":" + Channel.LocalPort);
            }

            return opened;
        }

        /// <summary>
        /// Starts a client transaction for <paramref name="request"/>. Returns false when it could not even
        /// start (no channel, a full table); a transport failure of the first send is reported to
        /// <paramref name="user"/> before this returns, as the layer does.
        /// </summary>
        public bool StartRequest(SipMessage request, ISipClientTransactionUser user, out string failure)
        {
            failure = null;
            if (!EnsureChannel())
            {
                failure = "the " + Server.TransportToken + " channel to " + Server.Host + ":" + Server.Port + " is not open";
                return false;
            }

            try
            {
                Layer.SendRequest(request, Server, Channel.LocalAddress, Channel.LocalPort, user);
                return true;
            }
            catch (SipTransactionTableFullException)
            {
                failure = "transaction table full";
                return false;
            }
        }

        /// <summary>A new request with Max-Forwards, From (with <paramref name="fromTag"/>), To, Call-ID, CSeq and User-Agent.</summary>
        public SipMessage NewRequest(string method, string requestUri, string to, string fromTag, string callId, int cseq)
        {
            SipMessage request = SipMessage.CreateRequest(method, requestUri);
            SipHeaderCollection headers = request.Headers;
            headers.Reserve(RequestHeaderRoom);
            headers.Add(SipHeaderNames.MaxForwards, "70");
            headers.Add(SipHeaderNames.From, OwnAddress + ";tag=" + fromTag);
            headers.Add(SipHeaderNames.To, to);
            headers.Add(SipHeaderNames.CallId, callId);
            headers.Add(SipHeaderNames.CSeq, CSeqValue(cseq, method));
            if (Settings.UserAgentHeader != null)
            {
                headers.Add(SipHeaderNames.UserAgent, Settings.UserAgentHeader);
            }

            return request;
        }

        /// <summary>The CSeq value <c>number method</c>, made as one string.</summary>
        public string CSeqValue(int number, string method)
        {
            _text.Clear();
            _text.AppendDecimal(number);
            _text.Append(' ');
            _text.Append(method);
            return _text.ToString();
        }

        /// <summary>A new Call-ID: 20 random hex digits and the domain.</summary>
        public string NewCallId()
        {
            Random.NextBytes(_idBytes);
            _text.Clear();
            Hex.Append(_text, _idBytes, 0, _idBytes.Length);
            _text.Append('@');
            _text.Append(Settings.Domain);
            return _text.ToString();
        }

        /// <summary>The refresh delay for a granted expiry: 80 to 85 % of it, jittered.</summary>
        public long RefreshDelay(long grantedSeconds)
        {
            long full = grantedSeconds * 1000;
            long jitterRange = full / 20;
            long jitter = jitterRange > int.MaxValue - 1 ? Random.Next(int.MaxValue) : Random.Next((int)jitterRange + 1);
            long delay = (full * 85 / 100) - jitter;
            return delay < 500 ? 500 : delay;
        }

        public void Raise(UaEventKind kind, string subject, int statusCode, string text)
        {
            UaEventHandler handler = Events;
            if (handler == null)
            {
                return;
            }

            try
            {
                handler(new UaEvent(kind, subject, statusCode, text));
            }
            catch (Exception e)
            {
                // The application's handler must not break the UA's state machines.
                Log.Write(LogLevel.Error, "ua", "event handler threw: " + e.Message);
            }
        }
    }
}
