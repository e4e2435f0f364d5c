namespace SimpleImGateway.Sip.Auth
{
    /// <summary>One <c>name=value</c> auth-param of a challenge or credentials (RFC 7235 §2.1, RFC 3261 §25.1).</summary>
    public sealed class AuthParam
    {
        /// <summary>Creates a parameter.</summary>
        public AuthParam(string name, string value, bool quoted)
        {
            Name = name;
            Value = value;
            Quoted = quoted;
        }

        /// <summary>The parameter name as written (compare it case-insensitively).</summary>
        public string Name { get; }

        /// <summary>The value; for a quoted-string, without the quotes and with escapes removed.</summary>
        public string Value { get; }

        /// <summary>Whether the value was (or is to be) written as a quoted-string.</summary>
        public bool Quoted { get; }
    }
}
