using System;

namespace SimpleImGateway.Firmware.Tests.Fakes
{
    /// <summary>The contents of one file of <see cref="MemoryFileStorage"/>.</summary>
    internal sealed class MemoryFile
    {
        public MemoryFile(string name)
        {
            Name = name;
            Data = new byte[256];
        }

        public string Name { get; set; }

        public byte[] Data { get; private set; }

        public int Length { get; set; }

        /// <summary>How much of the file a flush has made durable.</summary>
        public int Durable { get; set; }

        public void Write(byte[] source, int offset, int count)
        {
            if (Length + count > Data.Length)
            {
                int size = Data.Length * 2;
                while (size < Length + count)
                {
                    size *= 2;
                }

                var grown = new byte[size];
                Array.Copy(Data, grown, Length);
                Data = grown;
            }

            Array.Copy(source, offset, Data, Length, count);
            Length += count;
        }

        public MemoryFile Clone()
        {
            var copy = new MemoryFile(Name);
            copy.Write(Data, 0, Length);
            copy.Durable = Durable;
            return copy;
        }
    }
}
