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
    public class Utf8Tests
    {
        [TestMethod]
        public void Encode_Ascii_OneBytePerChar()
        {
            CollectionAssert.AreEqual(new byte[] { 0x53, 0x49, 0x50, 0x2F, 0x32 }, Utf8.Encode("SIP/2"));
        }

        [TestMethod]
        public void Encode_TwoThreeAndFourByteCharacters_ExactBytes()
        {
            // U+00E9, U+20AC, U+1F600 (as the surrogate pair D83D DE00).
            byte[] bytes = Utf8.Encode("\u00E9\u20AC\uD83D\uDE00");

            CollectionAssert.AreEqual(new byte[] { 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80 }, bytes);
        }

        [TestMethod]
        public void Encode_BoundaryCodePoints_ExactBytes()
        {
            CollectionAssert.AreEqual(new byte[] { 0x7F }, Utf8.Encode("\u007F"));
            CollectionAssert.AreEqual(new byte[] { 0xC2, 0x80 }, Utf8.Encode("\u0080"));
            CollectionAssert.AreEqual(new byte[] { 0xDF, 0xBF }, Utf8.Encode("\u07FF"));
            CollectionAssert.AreEqual(new byte[] { 0xE0, 0xA0, 0x80 }, Utf8.Encode("\u0800"));
            CollectionAssert.AreEqual(new byte[] { 0xEF, 0xBF, 0xBF }, Utf8.Encode("\uFFFF"));
            CollectionAssert.AreEqual(new byte[] { 0xF0, 0x90, 0x80, 0x80 }, Utf8.Encode("\uD800\uDC00"));
            CollectionAssert.AreEqual(new byte[] { 0xF4, 0x8F, 0xBF, 0xBF }, Utf8.Encode("\uDBFF\uDFFF"));
        }

        [TestMethod]
        public void Encode_LoneHighSurrogateBeforeLetter_ReplacementThenLetter()
        {
            CollectionAssert.AreEqual(new byte[] { 0xEF, 0xBF, 0xBD, 0x41 }, Utf8.Encode("\uD800A"));
        }

        [TestMethod]
        public void Encode_ReversedSurrogates_TwoReplacements()
        {
            CollectionAssert.AreEqual(new byte[] { 0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD }, Utf8.Encode("\uDC00\uD800"));
        }

        [TestMethod]
        public void Encode_HighSurrogateAtEnd_Replacement()
        {
            CollectionAssert.AreEqual(new byte[] { 0x61, 0xEF, 0xBF, 0xBD }, Utf8.Encode("a\uDBFF"));
        }

        [TestMethod]
        public void GetByteCount_MixedText_MatchesEncodedLength()
        {
            string s = "a\u00E9\u20AC\uD83D\uDE00\uD800\uDC00x\uDC00";

            Assert.AreEqual(1 + 2 + 3 + 4 + 4 + 1 + 3, Utf8.GetByteCount(s));
            Assert.AreEqual(Utf8.GetByteCount(s), Utf8.Encode(s).Length);
        }

        [TestMethod]
        public void EncodeIntoBuffer_AtOffset_WritesThereAndReturnsCount()
        {
            var buffer = new byte[8];
            buffer[0] = 0x55;
            buffer[7] = 0x66;

            int written = Utf8.Encode("\u00E9z", buffer, 2);

            Assert.AreEqual(3, written);
            CollectionAssert.AreEqual(new byte[] { 0x55, 0, 0xC3, 0xA9, 0x7A, 0, 0, 0x66 }, buffer);
        }

        [TestMethod]
        public void EncodeIntoBuffer_ExactFit_Succeeds()
        {
            var buffer = new byte[5];

            Assert.AreEqual(4, Utf8.Encode("\uD83D\uDE00", buffer, 1));
            CollectionAssert.AreEqual(new byte[] { 0, 0xF0, 0x9F, 0x98, 0x80 }, buffer);
        }

        [TestMethod]
        public void EncodeIntoBuffer_TooSmall_ThrowsArgumentExceptionAndWritesNothing()
        {
            var buffer = new byte[4];

            var ex = Assert.ThrowsExactly<ArgumentException>(() => Utf8.Encode("ab\u20AC", buffer, 1));

            Assert.IsTrue(ex.Message.IndexOf("5 bytes needed") >= 0, ex.Message);
            CollectionAssert.AreEqual(new byte[4], buffer);
        }

        [TestMethod]
        public void EncodeIntoBuffer_OffsetPastEnd_Throws()
        {
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Utf8.Encode("a", new byte[2], 3));
        }

        [TestMethod]
        public void Decode_ValidMultiByte_RoundTrips()
        {
            string s = "Gr\u00FC\u00DFe \u4E16\u754C \uD83D\uDE00!";

            byte[] bytes = Utf8.Encode(s);

            Assert.AreEqual(s, Utf8.Decode(bytes, 0, bytes.Length));
        }

        [TestMethod]
        public void Decode_SubRange_DecodesOnlyThatRange()
        {
            var bytes = new byte[] { 0xFF, 0x68, 0xC3, 0xA9, 0xFF };

            Assert.AreEqual("h\u00E9", Utf8.Decode(bytes, 1, 3));
        }

        [TestMethod]
        public void Decode_Empty_EmptyString()
        {
            Assert.AreEqual(string.Empty, Utf8.Decode(new byte[3], 1, 0));
        }

        [TestMethod]
        public void Decode_RangeOutsideBuffer_Throws()
        {
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Utf8.Decode(new byte[3], 2, 2));
        }

        [TestMethod]
        public void Decode_LoneContinuationBytes_OneReplacementEach()
        {
            Assert.AreEqual("\uFFFD\uFFFDa", Utf8.Decode(new byte[] { 0x80, 0xBF, 0x61 }, 0, 3));
        }

        [TestMethod]
        public void Decode_OverlongSlash_ReplacementPerByte()
        {
            // C0 AF is an overlong '/': C0 never starts a sequence, so both bytes are replaced separately.
            Assert.AreEqual("\uFFFD\uFFFD", Utf8.Decode(new byte[] { 0xC0, 0xAF }, 0, 2));
            Assert.AreEqual("\uFFFD\uFFFD\uFFFD", Utf8.Decode(new byte[] { 0xE0, 0x80, 0xAF }, 0, 3));
        }

        [TestMethod]
        public void Decode_EncodedSurrogate_ReplacementPerByte()
        {
            // ED A0 80 would be U+D800; ED only continues with 80..9F.
            Assert.AreEqual("\uFFFD\uFFFD\uFFFD", Utf8.Decode(new byte[] { 0xED, 0xA0, 0x80 }, 0, 3));
        }

        [TestMethod]
        public void Decode_TruncatedSequenceBeforeAscii_OneReplacementForPrefix()
        {
            // E2 82 is a valid prefix of a three-byte sequence cut short by 'A'.
            Assert.AreEqual("\uFFFDA", Utf8.Decode(new byte[] { 0xE2, 0x82, 0x41 }, 0, 3));
            Assert.AreEqual("\uFFFDA", Utf8.Decode(new byte[] { 0xF0, 0x9F, 0x98, 0x41 }, 0, 4));
        }

        [TestMethod]
        public void Decode_TruncatedAtEnd_OneReplacement()
        {
            Assert.AreEqual("a\uFFFD", Utf8.Decode(new byte[] { 0x61, 0xF0, 0x9F, 0x98 }, 0, 4));
        }

        [TestMethod]
        public void Decode_AboveU10FFFF_ReplacementPerByte()
        {
            Assert.AreEqual("\uFFFD\uFFFD\uFFFD\uFFFD", Utf8.Decode(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, 0, 4));
            Assert.AreEqual("\uFFFD\uFFFD\uFFFD\uFFFD", Utf8.Decode(new byte[] { 0xF5, 0x80, 0x80, 0x80 }, 0, 4));
        }

        [TestMethod]
        public void DecodeIntoChars_AtOffset_WritesCharsAndReturnsCount()
        {
            var chars = new char[5];
            byte[] bytes = Utf8.Encode("\uD83D\uDE00x");

            int n = Utf8.Decode(bytes, 0, bytes.Length, chars, 2);

            Assert.AreEqual(3, n);
            Assert.AreEqual('\uD83D', chars[2]);
            Assert.AreEqual('\uDE00', chars[3]);
            Assert.AreEqual('x', chars[4]);
        }

        [TestMethod]
        public void DecodeIntoChars_TooSmall_Throws()
        {
            byte[] bytes = Utf8.Encode("abc");

            Assert.ThrowsExactly<ArgumentException>(() => Utf8.Decode(bytes, 0, 3, new char[3], 1));
        }

        [TestMethod]
        public void GetCharCount_SupplementaryAndInvalid_CountsUtf16Units()
        {
            var bytes = new byte[] { 0xF0, 0x9F, 0x98, 0x80, 0xFF, 0x61 };

            Assert.AreEqual(4, Utf8.GetCharCount(bytes, 0, bytes.Length));
        }

        [TestMethod]
        public void IsValid_WellFormedText_True()
        {
            byte[] bytes = Utf8.Encode("x\u00E9\u20AC\uD83D\uDE00");

            Assert.IsTrue(Utf8.IsValid(bytes, 0, bytes.Length));
        }

        [TestMethod]
        [DataRow(new byte[] { 0xC0, 0x80 })]
        [DataRow(new byte[] { 0xED, 0xA0, 0x80 })]
        [DataRow(new byte[] { 0xE2, 0x82 })]
        [DataRow(new byte[] { 0x80 })]
        [DataRow(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]
        [DataRow(new byte[] { 0x61, 0xFE })]
        public void IsValid_IllFormed_False(byte[] bytes)
        {
            Assert.IsFalse(Utf8.IsValid(bytes, 0, bytes.Length));
        }

        [TestMethod]
        public void IsValid_RangeExcludesBadBytes_True()
        {
            var bytes = new byte[] { 0xFF, 0xC3, 0xA9, 0xFF };

            Assert.IsTrue(Utf8.IsValid(bytes, 1, 2));
            Assert.IsFalse(Utf8.IsValid(bytes, 1, 3));
        }
    }
}
