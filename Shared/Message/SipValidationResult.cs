namespace SimpleImGateway.Sip.Message
{
    /// <summary>
    /// What <see cref="SipRequestValidator"/> concluded: either valid, or the status and reason a server
    /// answers with and, for some answers, one header field the response must carry (Unsupported, Allow).
    /// </summary>
    public sealed class SipValidationResult
    {
        /// <summary>The shared result for a request that passed every check.</summary>
        public static readonly SipValidationResult Valid = new SipValidationResult(0, null, null, null);

        /// <summary>Creates a result.</summary>
        public SipValidationResult(int statusCode, string reasonPhrase, string headerName, string headerValue)
        {
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            HeaderName = headerName;
            HeaderValue = headerValue;
        }

        /// <summary>Whether the request passed; then <see cref="StatusCode"/> is 0.</summary>
        public bool IsValid => StatusCode == 0;

        /// <summary>The status to answer (400, 416, 420, 483, ...), or 0 when valid.</summary>
        public int StatusCode { get; }

        /// <summary>A reason phrase that says what was wrong.</summary>
        public string ReasonPhrase { get; }

        /// <summary>A header field the response must carry (e.g. Unsupported for 420), or null.</summary>
        public string HeaderName { get; }

        /// <summary>The value of <see cref="HeaderName"/>, or null.</summary>
        public string HeaderValue { get; }

        /// <inheritdoc/>
        public override string ToString() => IsValid ? "valid" : StatusCode.ToString() + " " + ReasonPhrase;
    }
}
