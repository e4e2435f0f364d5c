namespace SimpleImGateway.Firmware.Platform
{
    /// <summary>Randomness for jitter and for identifiers that must differ between devices and reflashes.</summary>
    public interface IRandom
    {
        /// <summary>A number from 0 to <paramref name="maxExclusive"/> - 1.</summary>
        int Next(int maxExclusive);

        /// <summary>Fills the buffer with random bytes.</summary>
        void NextBytes(byte[] buffer);
    }
}
