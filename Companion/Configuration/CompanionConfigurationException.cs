using System;

namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>The configuration cannot be loaded or is invalid; the message is one line meant for the operator.</summary>
    public sealed class CompanionConfigurationException : Exception
    {
        /// <summary>Creates the exception with a one-line message.</summary>
        public CompanionConfigurationException(string message)
            : base(message)
        {
        }

        /// <summary>Creates the exception with a one-line message and its cause.</summary>
        public CompanionConfigurationException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
