namespace SimpleImGateway.Sip.Common
{
    /// <summary>
    /// Where the SIP core draws random bytes: branches and tags (which need only be unique, RFC 3261 §8.1.1.7,
    /// §19.3) and digest cnonces and nonces (which should also be unpredictable). The host backs it with
    /// <see cref="SystemRandomSource"/> or a cryptographic generator, the device with its hardware RNG
    /// (nanoFramework's <c>System.Random</c> on ESP32); tests pass a predictable one.
    /// </summary>
    public interface IRandomSource
    {
        /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
        void NextBytes(byte[] buffer);
    }
}
