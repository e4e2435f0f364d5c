namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>The random source for branch parameters and tags; injected so tests can make them predictable.</summary>
    public interface ISipRandomSource
    {
        /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
        void NextBytes(byte[] buffer);
    }
}
