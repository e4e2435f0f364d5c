using SimpleImGateway.Sip.Common;

namespace SimpleImGateway.Sip.Tests.Transactions.Fakes
{
    /// <summary>
    /// Fills each request for bytes with a counter (big-endian, then zeros), so every branch and tag differs
    /// for 2^32 calls: for tests with more transactions than <see cref="CountingRandomSource"/> keeps distinct.
    /// </summary>
    public sealed class SequentialRandomSource : IRandomSource
    {
        private uint _next;

        public void NextBytes(byte[] buffer)
        {
            _next++;
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = i < 4 ? (byte)(_next >> (8 * (3 - i))) : (byte)0;
            }
        }
    }
}
