using System;

namespace SimpleImGateway.Sip.Auth
{
    /// <summary>An <see cref="IRandomSource"/> over a <see cref="Random"/> instance (serialized, as Random is not thread-safe).</summary>
    public sealed class SystemRandomSource : IRandomSource
    {
        private readonly Random _random;

        /// <summary>Wraps <paramref name="random"/>.</summary>
        public SystemRandomSource(Random random)
        {
            _random = random ?? throw new ArgumentNullException(nameof(random));
        }

        /// <inheritdoc/>
        public void NextBytes(byte[] buffer)
        {
            lock (_random)
            {
                _random.NextBytes(buffer);
            }
        }
    }
}
