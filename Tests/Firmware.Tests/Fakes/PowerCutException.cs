using System;

namespace SimpleImGateway.Firmware.Tests.Fakes
{
    /// <summary>Thrown by <see cref="MemoryFileStorage"/> at the armed cut point and on every call after it.</summary>
    public class PowerCutException : Exception
    {
        public PowerCutException()
            : base("power cut")
        {
        }
    }
}
