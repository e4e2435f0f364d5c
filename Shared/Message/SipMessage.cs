namespace SimpleImGateway.Sip.Message
{
    /// <summary>
    /// A SIP request or response (RFC 3261 §7): start line, header fields in wire order and a body.
    /// Typed views of single headers (Via, CSeq, name-addr, ...) live in <c>SimpleImGateway.Sip.Headers</c>.
    /// </summary>
    public sealed class SipMessage
    {
        /// <summary>The only protocol version this stack speaks.</summary>
        public const string Version = "SIP/2.0";

        private static readonly byte[] s_noBody = new byte[0];
        private byte[] _body = s_noBody;

        private SipMessage()
        {
        }

        /// <summary>True for a request, false for a response.</summary>
        public bool IsRequest { get; private set; }

        /// <summary>The request method (case-sensitive, RFC 3261 §7.1); null for a response.</summary>
        public string Method { get; set; }

        /// <summary>The Request-URI as it appears on the wire; null for a response.</summary>
        public string RequestUri { get; set; }

        /// <summary>The status code of a response; 0 for a request.</summary>
        public int StatusCode { get; set; }

        /// <summary>The reason phrase of a response (may be empty); null for a request.</summary>
        public string ReasonPhrase { get; set; }

        /// <summary>The header fields in wire order.</summary>
        public SipHeaderCollection Headers { get; } = new SipHeaderCollection();

        /// <summary>The body; an empty array when there is none. Content-Length is derived from it when serializing.</summary>
        public byte[] Body
        {
            get => _body;
            set => _body = value ?? s_noBody;
        }

        /// <summary>The Call-ID header value, or null.</summary>
        public string CallId => Headers.Get(SipHeaderNames.CallId);

        /// <summary>Creates a request with an empty header list.</summary>
        public static SipMessage CreateRequest(string method, string requestUri)
        {
            var message = new SipMessage();
            message.IsRequest = true;
            message.Method = method;
            message.RequestUri = requestUri;
            return message;
        }

        /// <summary>Creates a response with an empty header list.</summary>
        public static SipMessage CreateResponse(int statusCode, string reasonPhrase)
        {
            var message = new SipMessage();
            message.IsRequest = false;
            message.StatusCode = statusCode;
            message.ReasonPhrase = reasonPhrase ?? string.Empty;
            return message;
        }

        /// <inheritdoc/>
        public override string ToString()
            => IsRequest ? Method + " " + RequestUri + " " + Version : Version + " " + StatusCode + " " + ReasonPhrase;
    }
}
