using System;

namespace SimpleImGateway.Firmware.Storage
{
    /// <summary>
    /// A record passed its checksum but its payload does not have the shape its reader expects
    /// (a length running past the end, a value out of range). The record is skipped, never delivered.
    /// </summary>
    public class CorruptRecordException : Exception
    {
        /// <summary>Creates the exception with what was wrong.</summary>
        public CorruptRecordException(string message)
            : base(message)
        {
        }
    }
}
