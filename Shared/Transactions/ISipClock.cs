namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// A monotonic millisecond clock. The transaction layer reads time only through this interface,
    /// so a host, a device and a test can each drive the same state machines with their own notion of time.
    /// </summary>
    public interface ISipClock
    {
        /// <summary>Milliseconds since an arbitrary origin; never goes backwards.</summary>
        long NowMilliseconds { get; }
    }
}
