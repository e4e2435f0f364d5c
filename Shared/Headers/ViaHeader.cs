using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Sip.Headers
{
    /// <summary>
    /// One Via value (RFC 3261 §20.42, §18.2.1; RFC 3581 rport):
    /// <c>SIP/2.0/UDP host[:port];branch=z9hG4bK...;received=...;rport[=port]</c>.
    /// </summary>
    public sealed class ViaHeader
    {
        /// <summary>The magic cookie that marks an RFC 3261 branch (§8.1.1.7).</summary>
        public const string BranchMagicCookie = "z9hG4bK";

        /// <summary>Creates a Via for a new request sent by this element.</summary>
        public ViaHeader(string transport, string host, int port, string branch)
        {
            ProtocolName = "SIP";
            ProtocolVersion = "2.0";
            Transport = transport;
            Host = host;
            Port = port;
            Parameters = new SipParameters();
            if (branch != null)
            {
                Parameters.Set("branch", branch);
            }
        }

        private ViaHeader()
        {
        }

        /// <summary>Protocol name of sent-protocol, normally "SIP".</summary>
        public string ProtocolName { get; private set; }

        /// <summary>Protocol version of sent-protocol, normally "2.0".</summary>
        public string ProtocolVersion { get; private set; }

        /// <summary>The transport token (UDP, TCP, TLS, SCTP, WS or an unknown token), upper case as received.</summary>
        public string Transport { get; set; }

        /// <summary>The sent-by host: a name, an IPv4 address or a bracketed IPv6 reference.</summary>
        public string Host { get; set; }

        /// <summary>The sent-by port; 0 when absent.</summary>
        public int Port { get; set; }

        /// <summary>All parameters in order.</summary>
        public SipParameters Parameters { get; private set; }

        /// <summary>The branch parameter, or null.</summary>
        public string Branch => Parameters.Get("branch");

        /// <summary>The received parameter, or null.</summary>
        public string Received
        {
            get => Parameters.Get("received");
            set => Parameters.Set("received", value);
        }

        /// <summary>Whether an rport parameter is present (with or without a value).</summary>
        public bool HasRport => Parameters.Contains("rport");

        /// <summary>The rport value; 0 when absent or empty.</summary>
        public int Rport
        {
            get
            {
                string value = Parameters.Get("rport");
                return value == null ? 0 : ParsePort(value);
            }

            set => Parameters.Set("rport", value.ToString());
        }

        /// <summary>The maddr parameter, or null.</summary>
        public string Maddr => Parameters.Get("maddr");

        /// <summary>Parses one Via value (not a comma-separated list).</summary>
        public static ViaHeader Parse(string value)
        {
            if (value == null)
            {
                throw new SipParseException("Via value is missing");
            }

            var via = new ViaHeader();
            Scan(value, via);
            return via;
        }

        /// <summary>
        /// Checks one Via value (<c>sent-protocol LWS sent-by *(SEMI via-params)</c>) and fills <paramref name="into"/>
        /// when it is not null; with null it only validates, allocating nothing.
        /// </summary>
        internal static void Scan(string value, ViaHeader into)
        {
            int i = ScanSentBy(value, into);
            if (into == null)
            {
                SipParameters.Scan(value, i, value.Length, null);
            }
            else
            {
                into.Parameters = SipParameters.Parse(value, i, value.Length);
            }
        }

        /// <summary>
        /// Checks one Via value as <see cref="Scan"/> does and returns where its branch value starts, with
        /// <paramref name="branchEnd"/> just past it; -1 when there is no branch. Allocates nothing, so a
        /// transaction layer can match responses without building a <see cref="ViaHeader"/>.
        /// </summary>
        /// <exception cref="SipParseException">The value is not a valid Via.</exception>
        internal static int FindBranch(string value, out int branchEnd)
        {
            int i = ScanSentBy(value, null);
            return SipParameters.Find(value, i, value.Length, "branch", out branchEnd);
        }

        // Checks sent-protocol and sent-by, fills them into a non-null target, and returns where the parameters start.
        private static int ScanSentBy(string value, ViaHeader into)
        {
            int end = value.Length;
            int nameStart = 0;
            int i = SipParameters.ReadToken(value, ref nameStart, end, "Via", "a protocol name");
            int nameEnd = i;
            Expect(value, ref i, end, '/');
            int versionStart = i;
            i = SipParameters.ReadToken(value, ref versionStart, end, "Via", "a protocol version");
            int versionEnd = i;
            Expect(value, ref i, end, '/');
            int transportStart = i;
            i = SipParameters.ReadToken(value, ref transportStart, end, "Via", "a transport");
            int transportEnd = i;
            int before = i;
            i = SipParameters.SkipWhitespace(value, i, end);
            if (i == before || i >= end)
            {
                throw new SipParseException("Via lacks a sent-by host: '" + value + "'");
            }

            int hostStart = i;
            i = SipUri.ScanHost(value, i, end);
            if (i == hostStart)
            {
                throw new SipParseException("Via lacks a sent-by host: '" + value + "'");
            }

            int hostEnd = i;
            i = SipParameters.SkipWhitespace(value, i, end);
            int port = 0;
            if (i < end && value[i] == ':')
            {
                i = SipParameters.SkipWhitespace(value, i + 1, end);
                int portStart = i;
                while (i < end && SipChars.IsDigit(value[i]))
                {
                    i++;
                }

                port = SipUri.ParsePort(value, portStart, i);
            }

            if (i < end && value[i] != ';' && !SipChars.IsWhitespace(value[i]))
            {
                throw new SipParseException("invalid character '" + value[i] + "' after the Via sent-by: '" + value + "'");
            }

            if (into != null)
            {
                into.ProtocolName = value.Substring(nameStart, nameEnd - nameStart);
                into.ProtocolVersion = value.Substring(versionStart, versionEnd - versionStart);
                into.Transport = value.Substring(transportStart, transportEnd - transportStart);
                into.Host = value.Substring(hostStart, hostEnd - hostStart);
                into.Port = port;
            }

            return i;
        }

        /// <summary>Formats the value as it goes on the wire.</summary>
        public override string ToString()
        {
            string sentBy = Port > 0 ? Host + ":" + Port : Host;
            return ProtocolName + "/" + ProtocolVersion + "/" + Transport + " " + sentBy + Parameters.ToString();
        }

        internal static int ParsePort(string text)
        {
            if (text.Length == 0 || text.Length > 5)
            {
                throw new SipParseException("invalid port '" + text + "'");
            }

            int port = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (!SipChars.IsDigit(text[i]))
                {
                    throw new SipParseException("invalid port '" + text + "'");
                }

                port = (port * 10) + (text[i] - '0');
            }

            if (port > 65535)
            {
                throw new SipParseException("port out of range '" + text + "'");
            }

            return port;
        }

        private static void Expect(string value, ref int i, int end, char c)
        {
            i = SipParameters.SkipWhitespace(value, i, end);
            if (i >= end || value[i] != c)
            {
                throw new SipParseException("malformed Via sent-protocol: '" + value + "'");
            }

            i++;
        }
    }
}
