// Host only: compares the firmware's CRC-32 with two independent implementations.
#if !NANOFRAMEWORK_1_0
using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Firmware.Storage;

namespace SimpleImGateway.Firmware.Tests.Storage
{
    [TestClass]
    public class Crc32ReferenceTests
    {
        [TestMethod]
        public void Compute_RandomBuffers_MatchesSystemIOHashing()
        {
            var random = new Random(1234);
            for (int length = 0; length < 600; length += 7)
            {
                var data = new byte[length];
                random.NextBytes(data);

                uint expected = System.IO.Hashing.Crc32.HashToUInt32(data);

                Assert.AreEqual(expected, Crc32.Compute(data, 0, data.Length), "length " + length);
            }
        }

        [TestMethod]
        public void Compute_RandomBuffers_MatchesBitwiseReference()
        {
            var random = new Random(99);
            for (int i = 0; i < 50; i++)
            {
                var data = new byte[random.Next(1, 300)];
                random.NextBytes(data);

                Assert.AreEqual(BitwiseCrc32(data), Crc32.Compute(data, 0, data.Length));
            }
        }

        /// <summary>The textbook one-bit-at-a-time CRC-32, with no table at all.</summary>
        private static uint BitwiseCrc32(byte[] data)
        {
            uint crc = 0xFFFFFFFF;
            foreach (byte b in data)
            {
                crc ^= b;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                }
            }

            return ~crc;
        }
    }
}
#endif
