using System;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Device
{
    /// <summary><see cref="IRandom"/> over System.Random as the runtime seeds it.</summary>
    public sealed class DeviceRandom : IRandom
    {
        private readonly Random _random = new Random();

        /// <inheritdoc/>
        public int Next(int maxExclusive)
        {
            return _random.Next(maxExclusive);
        }

        /// <inheritdoc/>
        public void NextBytes(byte[] buffer)
        {
            _random.NextBytes(buffer);
        }
    }
}
