namespace SimpleImGateway.Sip.Message
{
    /// <summary>What <see cref="SipStreamFramer.Read"/> found in the stream.</summary>
    public enum SipFrameKind
    {
        /// <summary>Nothing complete yet: append more octets.</summary>
        None = 0,

        /// <summary>A complete message (headers and Content-Length body) is available as the current frame.</summary>
        Message = 1,

        /// <summary>A CRLFCRLF keep-alive ping (RFC 5626 §3.5.1): the transport answers with a CRLF pong.</summary>
        KeepAlivePing = 2,

        /// <summary>A single CRLF between messages: a pong answering this side's ping.</summary>
        KeepAlivePong = 3,
    }
}
