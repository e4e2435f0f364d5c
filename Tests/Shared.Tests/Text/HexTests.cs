#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Tests.Text
{
    [TestClass]
    public class HexTests
    {
        [TestMethod]
        public void Encode_Range_LowerCaseTwoDigitsPerByte()
        {
            var bytes = new byte[] { 0xFF, 0x00, 0x0A, 0xB7, 0x10 };

            Assert.AreEqual("000ab7", Hex.Encode(bytes, 1, 3));
            Assert.AreEqual(string.Empty, Hex.Encode(bytes, 5, 0));
        }

        [TestMethod]
        public void Append_RangeAndNonceCount_LowerCaseDigitsAfterExistingText()
        {
            var buffer = new CharBuffer(2);
            buffer.Append("x=");

            Hex.Append(buffer, new byte[] { 0xFF, 0x00, 0x0A, 0xB7 }, 1, 3);
            buffer.Append(';');
            Hex.AppendUInt32(buffer, 0xABCDEFu);

            Assert.AreEqual("x=000ab7;00abcdef", buffer.ToString());
        }

        [TestMethod]
        public void Append_RangeOutsideTheArray_Throws()
        {
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Hex.Append(new CharBuffer(4), new byte[2], 1, 2));
        }

        [TestMethod]
        public void EncodeAscii_IntoBuffer_WritesAsciiDigits()
        {
            var destination = new byte[6];

            int n = Hex.EncodeAscii(new byte[] { 0xC3, 0x5A }, 0, 2, destination, 1);

            Assert.AreEqual(4, n);
            CollectionAssert.AreEqual(new byte[] { 0, (byte)'c', (byte)'3', (byte)'5', (byte)'a', 0 }, destination);
        }

        [TestMethod]
        public void EncodeAscii_DestinationTooSmall_Throws()
        {
            Assert.ThrowsExactly<ArgumentException>(() => Hex.EncodeAscii(new byte[2], 0, 2, new byte[4], 1));
        }

        [TestMethod]
        [DataRow(0u, "00000000")]
        [DataRow(1u, "00000001")]
        [DataRow(0xABCDEFu, "00abcdef")]
        [DataRow(0xFFFFFFFFu, "ffffffff")]
        public void FormatUInt32_Value_EightLowerCaseDigits(uint value, string expected)
        {
            Assert.AreEqual(expected, Hex.FormatUInt32(value));
        }

        [TestMethod]
        [DataRow("00000001", 1u)]
        [DataRow("0000002A", 42u)]
        [DataRow("ffffffff", 0xFFFFFFFFu)]
        [DataRow("7", 7u)]
        public void TryParseUInt32_HexDigits_Value(string text, uint expected)
        {
            Assert.IsTrue(Hex.TryParseUInt32(text, 0, text.Length, out uint value));
            Assert.AreEqual(expected, value);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("000000001")]
        [DataRow("0000000g")]
        [DataRow(" 1")]
        public void TryParseUInt32_NotOneToEightHexDigits_False(string text)
        {
            Assert.IsFalse(Hex.TryParseUInt32(text, 0, text.Length, out uint value));
            Assert.AreEqual(0u, value);
        }

        [TestMethod]
        public void TryDecode_MixedCase_Bytes()
        {
            var destination = new byte[3];

            Assert.IsTrue(Hex.TryDecode("xxaBff01", 2, 6, destination, 0));
            CollectionAssert.AreEqual(new byte[] { 0xAB, 0xFF, 0x01 }, destination);
        }

        [TestMethod]
        public void TryDecode_OddLengthOrBadDigitOrNoRoom_False()
        {
            var destination = new byte[2];

            Assert.IsFalse(Hex.TryDecode("abc", 0, 3, destination, 0));
            Assert.IsFalse(Hex.TryDecode("zz", 0, 2, destination, 0));
            Assert.IsFalse(Hex.TryDecode("aabbcc", 0, 6, destination, 0));
        }
    }
}
