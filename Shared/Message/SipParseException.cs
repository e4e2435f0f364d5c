using System;

namespace SimpleImGateway.Sip.Message
{
    /// <summary>
    /// The one exception the SIP parser raises for bad input. It carries a reason a human can read
    /// and the status code a server should answer when the input was a request.
    /// </summary>
    public class SipParseException : Exception
    {
        /// <summary>Creates an exception that a server answers with <paramref name="statusCode"/>.</summary>
        public SipParseException(string reason, int statusCode)
            : base(reason)
        {
            Reason = reason;
            StatusCode = statusCode;
        }

        /// <summary>Creates an exception that a server answers with 400 Bad Request.</summary>
        public SipParseException(string reason)
            : this(reason, 400)
        {
        }

        /// <summary>What is wrong with the input, phrased so it can become a reason phrase.</summary>
        public string Reason { get; }

        /// <summary>The status a server should answer a malformed request with (400, 505, 416, 501, ...).</summary>
        public int StatusCode { get; }
    }
}
