using SimpleImGateway.Sip.Common;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Sip.Tests.Transactions.Fakes
{
    /// <summary>A layer wired to a fake clock, sender, random source and user, and a way to run time forward.</summary>
    public sealed class TransactionHarness
    {
        public static readonly SipEndPoint UdpServer = new SipEndPoint("192.0.2.20", 5060, SipTransportType.Udp);
        public static readonly SipEndPoint TcpServer = new SipEndPoint("192.0.2.20", 5060, SipTransportType.Tcp);
        public static readonly SipEndPoint UdpClient = new SipEndPoint("192.0.2.10", 5070, SipTransportType.Udp);
        public static readonly SipEndPoint TcpClient = new SipEndPoint("192.0.2.10", 49152, SipTransportType.Tcp);

        public TransactionHarness()
            : this(new SipTransactionSettings())
        {
        }

        public TransactionHarness(SipTransactionSettings settings)
            : this(settings, new CountingRandomSource())
        {
        }

        public TransactionHarness(SipTransactionSettings settings, IRandomSource random)
        {
            Clock = new FakeClock();
            Sender = new FakeSender(Clock);
            User = new RecordingUser(Clock);
            Layer = new SipTransactionLayer(Sender, Clock, random, User, settings);
        }

        public FakeClock Clock { get; }

        public FakeSender Sender { get; }

        public RecordingUser User { get; }

        public SipTransactionLayer Layer { get; }

        /// <summary>Polls at every deadline up to and including <paramref name="time"/>, then leaves the clock there.</summary>
        public void RunUntil(long time)
        {
            while (true)
            {
                long next = Layer.NextDueMilliseconds;
                if (next > time)
                {
                    break;
                }

                if (next > Clock.NowMilliseconds)
                {
                    Clock.NowMilliseconds = next;
                }

                Layer.Poll();
            }

            Clock.NowMilliseconds = time;
        }

        /// <summary>Sends a MESSAGE from the UDP client address to <paramref name="destination"/>.</summary>
        public SipClientTransaction SendMessage(SipEndPoint destination)
            => Layer.SendRequest(TestMessages.Request(SipMethods.Message, 1), destination, "192.0.2.10", 5070);

        /// <summary>Receives, at the current time, a response to the request of <paramref name="transaction"/>.</summary>
        public void ReceiveResponse(SipClientTransaction transaction, int statusCode)
            => Layer.Receive(TestMessages.ResponseTo(transaction.Request, statusCode), transaction.Destination);
    }
}
