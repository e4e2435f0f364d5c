using SimpleImGateway.Firmware.Pager;
using SimpleImGateway.Firmware.Tests.Fakes;

namespace SimpleImGateway.Firmware.Tests.Pager
{
    /// <summary>Small helpers shared by the pager tests.</summary>
    internal static class PagerTestData
    {
        public static byte[] Bytes(string ascii)
        {
            var bytes = new byte[ascii.Length];
            for (int i = 0; i < ascii.Length; i++)
            {
                bytes[i] = (byte)ascii[i];
            }

            return bytes;
        }

        public static string Text(PagerMessage message)
        {
            var chars = new char[message.BodyLength];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)message.Body[i];
            }

            return new string(chars);
        }

        public static Outbox NewOutbox(MemoryFileStorage storage, PagerOptions options)
        {
            var outbox = new Outbox(storage, options, new SeededRandom(21), new ListLog());
            outbox.Open();
            return outbox;
        }

        public static Inbox NewInbox(MemoryFileStorage storage, PagerOptions options)
        {
            var inbox = new Inbox(storage, options, new SeededRandom(22), new ListLog());
            inbox.Open();
            return inbox;
        }
    }
}
