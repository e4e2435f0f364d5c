#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Firmware.Storage;

namespace SimpleImGateway.Firmware.Tests.Storage
{
    [TestClass]
    public class Crc32Tests
    {
        [TestMethod]
        public void Compute_CheckString123456789_ReturnsPublishedCheckValue()
        {
            byte[] data = { 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39 };

            Assert.AreEqual(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
        }

        [TestMethod]
        public void Compute_Empty_ReturnsZero()
        {
            Assert.AreEqual(0u, Crc32.Compute(new byte[0], 0, 0));
        }

        [TestMethod]
        public void Compute_QuickBrownFox_ReturnsKnownValue()
        {
            byte[] data = Ascii("The quick brown fox jumps over the lazy dog");

            Assert.AreEqual(0x414FA339u, Crc32.Compute(data, 0, data.Length));
        }

        [TestMethod]
        public void Update_InPieces_EqualsOneShot()
        {
            byte[] data = Ascii("journal records are checked with CRC-32");
            uint state = Crc32.InitialState;
            state = Crc32.Update(state, data, 0, 5);
            state = Crc32.Update(state, data, 5, 0);
            state = Crc32.Update(state, data, 5, data.Length - 5);

            Assert.AreEqual(Crc32.Compute(data, 0, data.Length), Crc32.Finish(state));
        }

        [TestMethod]
        public void Compute_OffsetWindow_IgnoresBytesOutside()
        {
            byte[] data = { 0xFF, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0xEE };

            Assert.AreEqual(0xCBF43926u, Crc32.Compute(data, 1, 9));
        }

        private static byte[] Ascii(string text)
        {
            var bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }
    }
}
