using System;

namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// <see cref="ISipRandomSource"/> over <see cref="Random"/>. Branches and tags only need to be unique,
    /// not secret (RFC 3261 §8.1.1.7, §19.3), so a non-cryptographic generator is enough.
    /// </summary>
    public sealed class SipSystemRandomSource : ISipRandomSource
    {
        private readonly Random _random;

        /// <summary>Creates a source seeded by the runtime.</summary>
        public SipSystemRandomSource()
        {
            _random = new Random();
        }

        /// <summary>Creates a source with a fixed seed.</summary>
        public SipSystemRandomSource(int seed)
        {
            _random = new Random(seed);
        }

        /// <inheritdoc/>
        public void NextBytes(byte[] buffer) => _random.NextBytes(buffer);
    }
}
