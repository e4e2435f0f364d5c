using System;

namespace SimpleImGateway.Sip.Common
{
    /// <summary>
    /// An <see cref="IRandomSource"/> over a <see cref="Random"/> instance, serialized because <see cref="Random"/> is
    /// not thread-safe. Not cryptographic: enough for branches and tags; digest nonces on a server deserve better.
    /// </summary>
    public sealed class SystemRandomSource : IRandomSource
    {
        private readonly Random _random;

        /// <summary>Creates a source seeded by the runtime.</summary>
        public SystemRandomSource()
            : this(new Random())
        {
        }

        /// <summary>Creates a source with a fixed seed, for repeatable runs.</summary>
        public SystemRandomSource(int seed)
            : this(new Random(seed))
        {
        }

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
