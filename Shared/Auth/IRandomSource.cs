namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// Source of unpredictable bytes for cnonces and nonces. The host should back it with a cryptographic
    /// generator; the device with its hardware RNG (nanoFramework's <c>System.Random</c> on ESP32).
    /// Tests pass a seeded one.
    /// </summary>
    public interface IRandomSource
    {
        /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
        void NextBytes(byte[] buffer);
    }
}
