using System;
using System.Collections;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Firmware.Tests.Fakes;
using SimpleImGateway.Firmware.Ua;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Firmware.Tests.Ua.Fakes
{
    /// <summary>
    /// One <see cref="UserAgent"/> over a fake clock, channel and flash, plus the server side of the
    /// conversation: the test takes each request the UA sent and scripts the answer as bytes.
    /// </summary>
    public sealed class UaHarness
    {
        public const string Realm = "simpleim.test";
        public const string Password = "PW";
        public const long StartTime = 1000000;

        private readonly ArrayList _events = new ArrayList();
        private int _taken;

        public UaHarness()
            : this(SipTransport.Udp, new MemoryFileStorage(), 7)
        {
        }

        public UaHarness(SipTransport transport)
            : this(transport, new MemoryFileStorage(), 7)
        {
        }

        public UaHarness(SipTransport transport, MemoryFileStorage storage, uint seed)
        {
            Clock = new FakeClock(StartTime);
            Channel = new FakeChannel(transport, Clock);
            Storage = storage;
            Random = new SeededRandom(seed);
            Log = new ListLog();
            Settings = new UserAgentSettings();
            Settings.User = "bob";
            Settings.Domain = Realm;
            Settings.Password = Password;
            Settings.ServerHost = "192.0.2.1";
            Settings.ServerPort = 5060;
            Settings.DeviceId = "esp32";
        }

        public FakeClock Clock { get; }

        public FakeChannel Channel { get; }

        public MemoryFileStorage Storage { get; }

        public SeededRandom Random { get; }

        public ListLog Log { get; }

        public UserAgentSettings Settings { get; }

        public UserAgent Ua { get; private set; }

        public long Now => Clock.NowMilliseconds;

        public int EventCount => _events.Count;

        public UaEvent Event(int index) => (UaEvent)_events[index];

        /// <summary>Builds the UA with the settings as the test left them.</summary>
        public UserAgent Create()
        {
            Ua = new UserAgent(Settings, Channel, Clock, Random, Storage, Log);
            Ua.Events = OnEvent;
            return Ua;
        }

        public void Start()
        {
            if (Ua == null)
            {
                Create();
            }

            Ua.Start();
            Run();
        }

        /// <summary>Polls until nothing is due at the current time; fails on a busy loop.</summary>
        public void Run()
        {
            for (int i = 0; i < 1000; i++)
            {
                Ua.Poll();
                if (Ua.NextDueMilliseconds > Clock.NowMilliseconds)
                {
                    return;
                }
            }

            throw new InvalidOperationException("the UA stays due at " + Clock.NowMilliseconds + " ms: a busy loop");
        }

        /// <summary>Moves the clock forward, stopping at every deadline the UA reports and polling there.</summary>
        public void AdvanceBy(long milliseconds) => AdvanceTo(Clock.NowMilliseconds + milliseconds);

        public void AdvanceTo(long target)
        {
            Run();
            while (true)
            {
                long due = Ua.NextDueMilliseconds;
                if (due > target)
                {
                    Clock.Set(target);
                    Run();
                    return;
                }

                Clock.Set(due);
                Run();
            }
        }

        /// <summary>Advances until the UA sends something that is not a keep-alive, at most <paramref name="limit"/> ms.</summary>
        public SipMessage AdvanceUntilRequest(long limit)
        {
            long end = Clock.NowMilliseconds + limit;
            while (true)
            {
                if (HasUntaken())
                {
                    return Take();
                }

                long due = Ua.NextDueMilliseconds;
                if (due > end)
                {
                    Clock.Set(end);
                    Run();
                    return HasUntaken() ? Take() : null;
                }

                Clock.Set(due);
                Run();
            }
        }

        /// <summary>Whether the UA sent a message the test has not taken yet.</summary>
        public bool HasUntaken()
        {
            SkipKeepAlives();
            return _taken < Channel.SentCount;
        }

        /// <summary>The next message the UA sent (keep-alives skipped).</summary>
        public SipMessage Take()
        {
            SkipKeepAlives();
            if (_taken >= Channel.SentCount)
            {
                throw new InvalidOperationException("the UA sent nothing more");
            }

            SentData data = Channel[_taken++];
            LastTakenTime = data.Time;
            return SipMessageParser.Parse(data.Bytes, 0, data.Bytes.Length);
        }

        /// <summary>When the last taken message was sent.</summary>
        public long LastTakenTime { get; private set; }

        /// <summary>The next message the UA sent, which must be a request with this method.</summary>
        public SipMessage Take(string method)
        {
            SipMessage message = Take();
            if (!message.IsRequest || message.Method != method)
            {
                throw new InvalidOperationException("expected " + method + " but the UA sent " + message.ToString());
            }

            return message;
        }

        /// <summary>Answers <paramref name="request"/> with extra header lines ("Name: value").</summary>
        public void Reply(SipMessage request, int code, string reason, params string[] headers)
        {
            Deliver(Response(request, code, reason, headers));
        }

        /// <summary>The text of a response to <paramref name="request"/>, as a server would write it.</summary>
        public static string Response(SipMessage request, int code, string reason, string[] headers)
        {
            string text = "SIP/2.0 " + code + " " + reason + "\r\n";
            string[] vias = request.Headers.GetAll(SipHeaderNames.Via);
            for (int i = 0; i < vias.Length; i++)
            {
                text += "Via: " + vias[i] + (i == 0 ? ";received=198.51.100.7" : string.Empty) + "\r\n";
            }

            string to = request.Headers.Get(SipHeaderNames.To);
            if (to.IndexOf(";tag=") < 0 && code > 100)
            {
                to += ";tag=srv1";
            }

            text += "From: " + request.Headers.Get(SipHeaderNames.From) + "\r\n"
                + "To: " + to + "\r\n"
                + "Call-ID: " + request.CallId + "\r\n"
                + "CSeq: " + request.Headers.Get(SipHeaderNames.CSeq) + "\r\n";
            for (int i = 0; i < headers.Length; i++)
            {
                text += headers[i] + "\r\n";
            }

            return text + "Content-Length: 0\r\n\r\n";
        }

        /// <summary>Delivers text as one datagram (or one TCP chunk) and polls.</summary>
        public void Deliver(string text)
        {
            byte[] bytes = Utf8.Encode(text);
            Channel.Deliver(bytes, 0, bytes.Length);
            Run();
        }

        /// <summary>A 401 challenge header for the harness realm.</summary>
        public static string Challenge(string nonce, string algorithm, bool stale)
        {
            return "WWW-Authenticate: Digest realm=\"" + Realm + "\", nonce=\"" + nonce + "\", qop=\"auth\", algorithm=" + algorithm
                + ", opaque=\"op4que\"" + (stale ? ", stale=true" : string.Empty);
        }

        /// <summary>Drives the first registration: REGISTER, 401, REGISTER with credentials, 200 with the given expiry.</summary>
        public void Register(int expires)
        {
            SipMessage first = Take(SipMethods.Register);
            Reply(first, 401, "Unauthorized", Challenge("n0nce1", "MD5", false));
            SipMessage second = Take(SipMethods.Register);
            Reply(second, 200, "OK", "Contact: <sip:bob@192.0.2.10:5070>;expires=" + expires);
        }

        /// <summary>Starts the UA and registers it for <paramref name="expires"/> seconds.</summary>
        public void StartRegistered(int expires)
        {
            Start();
            Register(expires);
        }

        /// <summary>The first event of this kind, or null.</summary>
        public UaEvent FindEvent(UaEventKind kind)
        {
            for (int i = 0; i < _events.Count; i++)
            {
                if (((UaEvent)_events[i]).Kind == kind)
                {
                    return (UaEvent)_events[i];
                }
            }

            return null;
        }

        public int CountEvents(UaEventKind kind)
        {
            int n = 0;
            for (int i = 0; i < _events.Count; i++)
            {
                if (((UaEvent)_events[i]).Kind == kind)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>The text of a message's body.</summary>
        public static string BodyText(SipMessage message) => Utf8.Decode(message.Body, 0, message.Body.Length);

        private void SkipKeepAlives()
        {
            while (_taken < Channel.SentCount && Channel[_taken].IsKeepAlive)
            {
                _taken++;
            }
        }

        private void OnEvent(UaEvent e)
        {
            _events.Add(e);
        }
    }
}
