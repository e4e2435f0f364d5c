namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>Something the <see cref="UserAgent"/> wants the application to know.</summary>
    public sealed class UaEvent
    {
        /// <summary>Creates an event.</summary>
        public UaEvent(UaEventKind kind, string subject, int statusCode, string text)
        {
            Kind = kind;
            Subject = subject;
            StatusCode = statusCode;
            Text = text;
        }

        /// <summary>What happened.</summary>
        public UaEventKind Kind { get; }

        /// <summary>What it happened to: a Message-ID, a SIP-ETag, an address of record; may be null.</summary>
        public string Subject { get; }

        /// <summary>The SIP status involved (408 for a timeout, 503 for a transport error), or 0.</summary>
        public int StatusCode { get; }

        /// <summary>A short human-readable explanation; may be null.</summary>
        public string Text { get; }

        /// <inheritdoc/>
        public override string ToString()
        {
            string s = Kind.ToString();
            if (Subject != null)
            {
                s += " " + Subject;
            }

            if (StatusCode != 0)
            {
                s += " " + StatusCode;
            }

            if (Text != null)
            {
                s += " (" + Text + ")";
            }

            return s;
        }
    }
}
