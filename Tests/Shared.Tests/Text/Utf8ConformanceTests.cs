#if !NANOFRAMEWORK_1_0
// Host-only: compares Utf8 with .NET's Encoding.UTF8, which nanoFramework does not have.
using System;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Tests.Text
{
    [TestClass]
    public class Utf8ConformanceTests
    {
        private static readonly byte[] s_interestingBytes =
        {
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
            0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF,
        };

        [TestMethod]
        public void Encode_EveryBmpChar_MatchesEncodingUtf8()
        {
            for (int c = 0; c <= 0xFFFF; c++)
            {
                string s = ((char)c).ToString();
                AssertEncodesLikeDotNet(s);
            }
        }

        [TestMethod]
        public void Encode_RandomStringsWithSurrogates_MatchesEncodingUtf8()
        {
            var random = new Random(20240601);
            for (int n = 0; n < 5000; n++)
            {
                var chars = new char[random.Next(0, 40)];
                for (int i = 0; i < chars.Length; i++)
                {
                    chars[i] = RandomChar(random);
                }

                AssertEncodesLikeDotNet(new string(chars));
            }
        }

        [TestMethod]
        public void Encode_IntoBufferAtRandomOffsets_MatchesEncodingUtf8()
        {
            var random = new Random(77);
            for (int n = 0; n < 1000; n++)
            {
                var chars = new char[random.Next(0, 20)];
                for (int i = 0; i < chars.Length; i++)
                {
                    chars[i] = RandomChar(random);
                }

                string s = new string(chars);
                byte[] expected = Encoding.UTF8.GetBytes(s);
                int offset = random.Next(0, 10);
                var buffer = new byte[offset + expected.Length + random.Next(0, 3)];

                int written = Utf8.Encode(s, buffer, offset);

                Assert.AreEqual(expected.Length, written);
                CollectionAssert.AreEqual(expected, buffer.AsSpan(offset, written).ToArray());
            }
        }

        [TestMethod]
        public void Decode_EveryTwoByteSequence_MatchesEncodingUtf8()
        {
            var bytes = new byte[2];
            for (int i = 0; i < 0x10000; i++)
            {
                bytes[0] = (byte)(i >> 8);
                bytes[1] = (byte)i;
                AssertDecodesLikeDotNet(bytes, 0, 2);
            }
        }

        [TestMethod]
        public void Decode_MultiByteLeadsWithEverySecondByteAndBoundaryTails_MatchesEncodingUtf8()
        {
            // Leads of three- and four-byte sequences (where E0/ED/F0/F4 narrow the second byte), every second
            // byte, and tails at the edges of the continuation range; also cut after three bytes.
            byte[] leads = { 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4 };
            byte[] fourths = { 0x41, 0x80, 0xBF, 0xC0, 0xF0 };
            var bytes = new byte[4];
            foreach (byte lead in leads)
            {
                for (int second = 0; second <= 0xFF; second++)
                {
                    foreach (byte third in s_interestingBytes)
                    {
                        foreach (byte fourth in fourths)
                        {
                            bytes[0] = lead;
                            bytes[1] = (byte)second;
                            bytes[2] = third;
                            bytes[3] = fourth;
                            AssertDecodesLikeDotNet(bytes, 0, 4);
                        }

                        AssertDecodesLikeDotNet(bytes, 0, 3);
                    }
                }
            }
        }

        [TestMethod]
        public void Decode_RandomBytes_MatchesEncodingUtf8()
        {
            var random = new Random(12345);
            for (int n = 0; n < 20000; n++)
            {
                var bytes = new byte[random.Next(0, 24)];
                random.NextBytes(bytes);
                AssertDecodesLikeDotNet(bytes, 0, bytes.Length);
            }
        }

        [TestMethod]
        public void Decode_RandomBytesFromInterestingSet_MatchesEncodingUtf8()
        {
            // Drawing from lead/continuation boundary values makes near-valid sequences far more frequent.
            var random = new Random(4242);
            for (int n = 0; n < 20000; n++)
            {
                var bytes = new byte[random.Next(0, 16)];
                for (int i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = s_interestingBytes[random.Next(s_interestingBytes.Length)];
                }

                AssertDecodesLikeDotNet(bytes, 0, bytes.Length);
            }
        }

        [TestMethod]
        public void Decode_RandomSubRangesOfMangledText_MatchesEncodingUtf8()
        {
            var random = new Random(99);
            for (int n = 0; n < 5000; n++)
            {
                var chars = new char[random.Next(1, 16)];
                for (int i = 0; i < chars.Length; i++)
                {
                    chars[i] = RandomChar(random);
                }

                byte[] bytes = Encoding.UTF8.GetBytes(new string(chars));

                // Corrupt a byte now and then, then decode a random slice (often splitting a sequence).
                if (random.Next(2) == 0)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                int offset = random.Next(bytes.Length + 1);
                int count = random.Next(bytes.Length - offset + 1);
                AssertDecodesLikeDotNet(bytes, offset, count);
            }
        }

        [TestMethod]
        public void Decode_ValidRandomText_RoundTripsLikeEncodingUtf8()
        {
            var random = new Random(5);
            for (int n = 0; n < 3000; n++)
            {
                var chars = new char[random.Next(0, 30)];
                for (int i = 0; i < chars.Length; i++)
                {
                    chars[i] = RandomChar(random);
                }

                string s = new string(chars);
                byte[] ours = Utf8.Encode(s);
                Assert.AreEqual(Encoding.UTF8.GetString(ours), Utf8.Decode(ours, 0, ours.Length));
            }
        }

        private static char RandomChar(Random random)
        {
            switch (random.Next(7))
            {
                case 0: return (char)random.Next(0x20, 0x7F);
                case 1: return (char)random.Next(0x80, 0x800);
                case 2: return (char)random.Next(0x800, 0xD800);
                case 3: return (char)random.Next(0xD800, 0xDC00);
                case 4: return (char)random.Next(0xDC00, 0xE000);
                case 5: return (char)random.Next(0xE000, 0x10000);
                default: return (char)random.Next(0, 0x20);
            }
        }

        private static void AssertEncodesLikeDotNet(string s)
        {
            byte[] expected = Encoding.UTF8.GetBytes(s);
            Assert.AreEqual(expected.Length, Utf8.GetByteCount(s), Describe(s));
            CollectionAssert.AreEqual(expected, Utf8.Encode(s), Describe(s));
        }

        private static void AssertDecodesLikeDotNet(byte[] bytes, int offset, int count)
        {
            string expected = Encoding.UTF8.GetString(bytes, offset, count);
            string actual = Utf8.Decode(bytes, offset, count);
            if (expected != actual)
            {
                Assert.Fail("decoding " + Convert.ToHexString(bytes, offset, count) + ": expected " + Describe(expected) + " got " + Describe(actual));
            }

            Assert.AreEqual(expected.Length, Utf8.GetCharCount(bytes, offset, count));
            bool valid = System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(offset, count));
            Assert.AreEqual(valid, Utf8.IsValid(bytes, offset, count), Convert.ToHexString(bytes, offset, count));
        }

        private static string Describe(string s)
        {
            var sb = new StringBuilder();
            foreach (char c in s)
            {
                sb.Append(((int)c).ToString("X4")).Append(' ');
            }

            return sb.ToString();
        }
    }
}
#endif
