using SimpleImGateway.Firmware.Tests.Fakes;

namespace SimpleImGateway.Firmware.Tests.Pager.PowerCut
{
    /// <summary>
    /// A repeatable list of pager operations: the application sends, the UA delivers the outbox head to
    /// the server, the server sends a message (sometimes a retransmission of an earlier one), and the
    /// application consumes the inbox head.
    /// </summary>
    internal sealed class PagerScript
    {
        public const byte Send = 0;
        public const byte Deliver = 1;
        public const byte Receive = 2;
        public const byte Consume = 3;

        private readonly byte[] _ops;
        private readonly int[] _sizes;
        private readonly int[] _retransmit;

        public PagerScript(uint seed, int length)
        {
            var random = new SeededRandom(seed);
            _ops = new byte[length];
            _sizes = new int[length];
            _retransmit = new int[length];
            for (int i = 0; i < length; i++)
            {
                int roll = random.Next(100);
                _ops[i] = roll < 35 ? Send : roll < 55 ? Deliver : roll < 80 ? Receive : Consume;
                int kind = random.Next(12);
                _sizes[i] = kind == 0 ? 0 : kind == 1 ? 250 + random.Next(100) : 1 + random.Next(120);
                _retransmit[i] = random.Next(5) == 0 ? 1 + random.Next(4) : 0;
            }
        }

        public int Length => _ops.Length;

        public byte Op(int index) => _ops[index];

        /// <summary>Body size of a Send or Receive.</summary>
        public int Size(int index) => _sizes[index];

        /// <summary>For a Receive: 0 for a new message, k to resend the k-th most recent one.</summary>
        public int Retransmit(int index) => _retransmit[index];

        public static byte[] Body(int index, int size)
        {
            var body = new byte[size];
            for (int j = 0; j < size; j++)
            {
                body[j] = (byte)((index * 7) + (j * 13) + size);
            }

            return body;
        }
    }
}
