namespace SimpleImGateway.Sip.Message
{
    /// <summary>
    /// One header field value. List headers (Via, Contact, Route, ...) are split by the parser into one
    /// <see cref="SipHeader"/> per comma-separated value, so a proxy can pop or push a single Via.
    /// </summary>
    public sealed class SipHeader
    {
        /// <summary>Creates a header field.</summary>
        public SipHeader(string name, string value)
        {
            Name = name;
            Value = value;
        }

        /// <summary>The canonical long name (compact forms are expanded, known names get their usual case).</summary>
        public string Name { get; }

        /// <summary>The value, unfolded, with leading and trailing whitespace removed.</summary>
        public string Value { get; set; }

        /// <inheritdoc/>
        public override string ToString() => Name + ": " + Value;
    }
}
