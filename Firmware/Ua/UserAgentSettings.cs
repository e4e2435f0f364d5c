using System;
using SimpleImGateway.Firmware.Pager;

namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>
    /// The SIP account of a device and the knobs of its <see cref="UserAgent"/>. The defaults suit an
    /// ESP32 without PSRAM; only <see cref="User"/>, <see cref="Domain"/>, <see cref="Password"/> and
    /// <see cref="ServerHost"/> have to be set.
    /// </summary>
    public sealed class UserAgentSettings
    {
        /// <summary>Creates settings with the defaults.</summary>
        public UserAgentSettings()
        {
            ServerPort = 5060;
            RegisterExpiresSeconds = 3600;
            PublishExpiresSeconds = 3600;
            MaxMessageSize = 4096;
            MaxTransactions = 12;
            RetryBaseMilliseconds = 4000;
            RetryCapMilliseconds = 300000;
            KeepAliveMinMilliseconds = 25000;
            KeepAliveMaxMilliseconds = 30000;
            ShutdownTimeoutMilliseconds = 5000;
            PublishPresence = true;
            DeviceId = "device";
            UserAgentHeader = "SimpleImGateway-Device/0.1";
            OutboxOptions = new PagerOptions("outbox.jnl");
            InboxOptions = new PagerOptions("inbox.jnl");
        }

        /// <summary>The user part of the address of record (sip:User@Domain).</summary>
        public string User { get; set; }

        /// <summary>The domain of the address of record; also the registrar's Request-URI.</summary>
        public string Domain { get; set; }

        /// <summary>The digest password.</summary>
        public string Password { get; set; }

        /// <summary>The digest user name when it differs from <see cref="User"/>; null means <see cref="User"/>.</summary>
        public string AuthUser { get; set; }

        /// <summary>An optional display name for From and To.</summary>
        public string DisplayName { get; set; }

        /// <summary>The host the channel talks to (outbound proxy or registrar), as it appears in diagnostics.</summary>
        public string ServerHost { get; set; }

        /// <summary>The server's port (default 5060).</summary>
        public int ServerPort { get; set; }

        /// <summary>The expiry asked for in REGISTER, in seconds (default 3600).</summary>
        public int RegisterExpiresSeconds { get; set; }

        /// <summary>The expiry asked for in PUBLISH, in seconds (default 3600).</summary>
        public int PublishExpiresSeconds { get; set; }

        /// <summary>The largest SIP message sent or received, in bytes; sizes the buffers allocated once (default 4096).</summary>
        public int MaxMessageSize { get; set; }

        /// <summary>The most client and server transactions held at once (default 12).</summary>
        public int MaxTransactions { get; set; }

        /// <summary>The ceiling of the first retry wait after a failure (default 4 s); it doubles per failure.</summary>
        public int RetryBaseMilliseconds { get; set; }

        /// <summary>The ceiling no retry wait exceeds (default 300 s).</summary>
        public int RetryCapMilliseconds { get; set; }

        /// <summary>The shortest gap between keep-alives (default 25 s).</summary>
        public int KeepAliveMinMilliseconds { get; set; }

        /// <summary>The longest gap between keep-alives (default 30 s).</summary>
        public int KeepAliveMaxMilliseconds { get; set; }

        /// <summary>How long an orderly shutdown waits for the publication removal and the unregistration (default 5 s).</summary>
        public int ShutdownTimeoutMilliseconds { get; set; }

        /// <summary>
        /// Whether the UA writes Debug lines (every refresh, challenge and keep-alive). Off by default:
        /// the text of a line is built before the log sees its level, and these come often.
        /// </summary>
        public bool DebugLogging { get; set; }

        /// <summary>Whether the UA publishes presence at all (default true).</summary>
        public bool PublishPresence { get; set; }

        /// <summary>
        /// The content types accepted in incoming MESSAGE requests (compared without parameters, ignoring
        /// case); others are answered 415. Null accepts every type.
        /// </summary>
        public string[] AcceptedContentTypes { get; set; }

        /// <summary>The device's id: the tuple id of its presence and the prefix of its outgoing Message-IDs.</summary>
        public string DeviceId { get; set; }

        /// <summary>The User-Agent header value; null sends none.</summary>
        public string UserAgentHeader { get; set; }

        /// <summary>Limits of the outbox journal (its DeviceId is set from <see cref="DeviceId"/>).</summary>
        public PagerOptions OutboxOptions { get; set; }

        /// <summary>Limits of the inbox journal.</summary>
        public PagerOptions InboxOptions { get; set; }

        /// <summary>The digest user name in use.</summary>
        public string EffectiveAuthUser => AuthUser == null || AuthUser.Length == 0 ? User : AuthUser;

        /// <summary>The address of record, <c>sip:user@domain</c>.</summary>
        public string AddressOfRecord => "sip:" + User + "@" + Domain;

        /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
        public void Validate()
        {
            if (User == null || User.Length == 0 || Domain == null || Domain.Length == 0)
            {
                throw new ArgumentException("User and Domain are required");
            }

            if (Password == null)
            {
                throw new ArgumentException("Password is required (it may be empty)");
            }

            if (ServerHost == null || ServerHost.Length == 0 || ServerPort < 1 || ServerPort > 65535)
            {
                throw new ArgumentException("ServerHost and a ServerPort of 1..65535 are required");
            }

            if (RegisterExpiresSeconds < 1 || PublishExpiresSeconds < 1)
            {
                throw new ArgumentException("expiries must be at least 1 s");
            }

            if (MaxMessageSize < 1024 || MaxMessageSize > 65535)
            {
                throw new ArgumentException("MaxMessageSize must be 1024..65535");
            }

            if (MaxTransactions < 4)
            {
                throw new ArgumentException("MaxTransactions must be at least 4");
            }

            if (RetryBaseMilliseconds < 1 || RetryCapMilliseconds < RetryBaseMilliseconds)
            {
                throw new ArgumentException("need 1 <= RetryBaseMilliseconds <= RetryCapMilliseconds");
            }

            if (KeepAliveMinMilliseconds < 1 || KeepAliveMaxMilliseconds < KeepAliveMinMilliseconds)
            {
                throw new ArgumentException("need 1 <= KeepAliveMinMilliseconds <= KeepAliveMaxMilliseconds");
            }

            if (OutboxOptions == null || InboxOptions == null)
            {
                throw new ArgumentException("OutboxOptions and InboxOptions are required");
            }

            if (OutboxOptions.FileName == InboxOptions.FileName)
            {
                throw new ArgumentException("the outbox and the inbox need different journal files");
            }

            if (OutboxOptions.MaxBodyBytes + 1024 > MaxMessageSize)
            {
                throw new ArgumentException("MaxMessageSize must leave 1 KB for headers above OutboxOptions.MaxBodyBytes");
            }

            if (!IsSafe(User) || !IsSafe(Domain) || (DisplayName != null && !IsSafe(DisplayName)) || (AuthUser != null && !IsSafe(AuthUser)))
            {
                throw new ArgumentException("User, Domain, AuthUser and DisplayName must not contain control characters, '<', '>' or '\"'");
            }
        }

        private static bool IsSafe(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
