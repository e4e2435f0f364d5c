namespace SimpleImGateway.Firmware.Tests.Ua.Fakes
{
    /// <summary>What the UA handed to the fake channel, and when.</summary>
    public sealed class SentData
    {
        public SentData(long time, byte[] bytes)
        {
            Time = time;
            Bytes = bytes;
        }

        public long Time { get; }

        public byte[] Bytes { get; }

        /// <summary>Whether this is a keep-alive (only CR and LF).</summary>
        public bool IsKeepAlive
        {
            get
            {
                for (int i = 0; i < Bytes.Length; i++)
                {
                    if (Bytes[i] != 13 && Bytes[i] != 10)
                    {
                        return false;
                    }
                }

                return Bytes.Length > 0;
            }
        }
    }
}
