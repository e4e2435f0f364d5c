using System;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>The database cannot be opened, reached or migrated; the message is one line meant for the operator.</summary>
    public sealed class StorageUnavailableException : Exception
    {
        /// <summary>Creates the exception with a one-line message.</summary>
        public StorageUnavailableException(string message)
            : base(message)
        {
        }

        /// <summary>Creates the exception with a one-line message and its cause.</summary>
        public StorageUnavailableException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
