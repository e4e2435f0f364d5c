using System;

namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>The channel refused or failed to send; the transaction layer reports it as a transport error (503).</summary>
    public class SipChannelException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public SipChannelException(string message)
            : base(message)
        {
        }
    }
}
