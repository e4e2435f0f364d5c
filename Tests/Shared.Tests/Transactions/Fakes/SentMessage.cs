using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Sip.Tests.Transactions.Fakes
{
    /// <summary>One call of <see cref="FakeSender.Send"/>.</summary>
    public sealed class SentMessage
    {
        public SentMessage(long time, SipMessage message, SipEndPoint destination)
        {
            Time = time;
            Message = message;
            Destination = destination;
        }

        public long Time { get; }

        public SipMessage Message { get; }

        public SipEndPoint Destination { get; }
    }
}
