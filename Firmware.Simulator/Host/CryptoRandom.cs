using System.Security.Cryptography;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Simulator.Host;

/// <summary>Randomness from the operating system's cryptographic generator.</summary>
public sealed class CryptoRandom : IRandom
{
    /// <inheritdoc/>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : RandomNumberGenerator.GetInt32(maxExclusive);

    /// <inheritdoc/>
    public void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
}
