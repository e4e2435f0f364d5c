using SimpleImGateway.Sip.Common;

namespace SimpleImGateway.Sip.Tests.Transactions.Fakes
{
    /// <summary>Returns 00 01 02 ... continuing across calls, so branches and tags are predictable and distinct.</summary>
    public sealed class CountingRandomSource : IRandomSource
    {
        private byte _next;

        public void NextBytes(byte[] buffer)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = _next++;
            }
        }
    }
}
