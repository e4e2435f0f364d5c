using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Tests.Fakes
{
    /// <summary>A repeatable <see cref="IRandom"/> (xorshift32) so every replay of a scenario is identical.</summary>
    public sealed class SeededRandom : IRandom
    {
        private uint _state;

        public SeededRandom(uint seed)
        {
            _state = seed == 0 ? 0x9E3779B9 : seed;
        }

        public uint NextUInt32()
        {
            uint x = _state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _state = x;
            return x;
        }

        public int Next(int maxExclusive)
        {
            return maxExclusive <= 0 ? 0 : (int)(NextUInt32() % (uint)maxExclusive);
        }

        public void NextBytes(byte[] buffer)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (byte)NextUInt32();
            }
        }
    }
}
