using System;

namespace SimpleImGateway.Companion.Devices
{
    /// <summary>A <c>devices</c> operation was refused; the message is one line for the operator.</summary>
    public sealed class DevicePairingException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public DevicePairingException(DevicePairingError error, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            Error = error;
        }

        /// <summary>Why the operation was refused.</summary>
        public DevicePairingError Error { get; }
    }
}
