namespace SimpleImGateway.Sip.Headers
{
    /// <summary>One <c>;name=value</c> or <c>;name</c> parameter of a header value or URI.</summary>
    public sealed class SipParameter
    {
        /// <summary>Creates a parameter; <paramref name="value"/> is null for a flag such as <c>;lr</c>.</summary>
        public SipParameter(string name, string value)
        {
            Name = name;
            Value = value;
        }

        /// <summary>The name as received.</summary>
        public string Name { get; }

        /// <summary>The value as received (quoted strings keep their quotes); null for a flag parameter.</summary>
        public string Value { get; set; }
    }
}
