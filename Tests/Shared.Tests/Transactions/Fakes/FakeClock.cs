using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Sip.Tests.Transactions.Fakes
{
    /// <summary>A clock that moves only when a test moves it.</summary>
    public sealed class FakeClock : ISipClock
    {
        public long NowMilliseconds { get; set; }
    }
}
