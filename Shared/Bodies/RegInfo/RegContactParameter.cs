using System;

namespace SimpleImGateway.Sip.Bodies.RegInfo
{
    /// <summary>An <c>unknown-param</c> of a contact: a Contact header parameter the registrar does not interpret.</summary>
    public sealed class RegContactParameter
    {
        /// <summary>Creates a parameter; <paramref name="value"/> is empty for a parameter without value.</summary>
        public RegContactParameter(string name, string value)
        {
            if (name == null || name.Length == 0)
            {
                throw new ArgumentException("an unknown-param needs a name", nameof(name));
            }

            Name = name;
            Value = value ?? string.Empty;
        }

        /// <summary>The parameter name.</summary>
        public string Name { get; }

        /// <summary>The parameter value; empty when none.</summary>
        public string Value { get; }
    }
}
