using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Sip.Common;

namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>Lets the Shared transaction layer (branches, tags) and digest client (cnonces) draw from the firmware's random source.</summary>
    internal sealed class PlatformRandom : IRandomSource
    {
        private readonly IRandom _random;

        public PlatformRandom(IRandom random)
        {
            _random = random;
        }

        public void NextBytes(byte[] buffer) => _random.NextBytes(buffer);
    }
}
