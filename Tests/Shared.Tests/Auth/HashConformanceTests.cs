#if !NANOFRAMEWORK_1_0
// Host-only: compares the hashes with System.Security.Cryptography, which nanoFramework does not have.
using System;
using System.Security.Cryptography;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Sip.Auth;

namespace SimpleImGateway.Sip.Tests.Auth
{
    [TestClass]
    public class HashConformanceTests
    {
        private static readonly int[] s_boundaryLengths =
        {
            0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 121, 127, 128, 129, 183, 184, 191, 192, 193, 1000, 4095, 4096, 4097,
        };

        [TestMethod]
        public void Md5_EveryLengthUpTo300AndBoundaries_MatchesSystemMd5()
        {
            var random = new Random(1321);
            foreach (int length in Lengths())
            {
                byte[] data = RandomBytes(random, length + 7);
                int offset = random.Next(0, 8);
                byte[] expected = MD5.HashData(data.AsSpan(offset, length));

                CollectionAssert.AreEqual(expected, Md5.Hash(data, offset, length), "length " + length);
            }
        }

        [TestMethod]
        public void Sha256_EveryLengthUpTo300AndBoundaries_MatchesSystemSha256()
        {
            var random = new Random(1804);
            foreach (int length in Lengths())
            {
                byte[] data = RandomBytes(random, length + 7);
                int offset = random.Next(0, 8);
                byte[] expected = SHA256.HashData(data.AsSpan(offset, length));

                CollectionAssert.AreEqual(expected, Sha256.Hash(data, offset, length), "length " + length);
            }
        }

        [TestMethod]
        public void Md5_RandomChunking_MatchesSystemMd5()
        {
            AssertRandomChunking(new Md5(), data => MD5.HashData(data), 16);
        }

        [TestMethod]
        public void Sha256_RandomChunking_MatchesSystemSha256()
        {
            AssertRandomChunking(new Sha256(), data => SHA256.HashData(data), 32);
        }

        [TestMethod]
        public void HmacSha256_RandomKeysAndMessages_MatchesSystemHmac()
        {
            var random = new Random(2104);
            for (int n = 0; n < 300; n++)
            {
                byte[] key = RandomBytes(random, random.Next(0, 150));
                byte[] data = RandomBytes(random, random.Next(0, 300));

                CollectionAssert.AreEqual(HMACSHA256.HashData(key, data), HmacSha256.Compute(key, data, 0, data.Length));
            }
        }

        private static void AssertRandomChunking(HashFunction hash, Func<byte[], byte[]> reference, int size)
        {
            var random = new Random(64);
            var digest = new byte[size];
            for (int n = 0; n < 300; n++)
            {
                byte[] data = RandomBytes(random, random.Next(0, 700));
                int position = 0;
                while (position < data.Length)
                {
                    int chunk = Math.Min(data.Length - position, random.Next(0, 130));
                    if (random.Next(4) == 0 && chunk > 0)
                    {
                        hash.Append(data[position]);
                        chunk = 1;
                    }
                    else
                    {
                        hash.Append(data, position, chunk);
                    }

                    position += chunk;
                }

                hash.Finish(digest, 0);
                CollectionAssert.AreEqual(reference(data), digest, "length " + data.Length);
            }
        }

        private static System.Collections.Generic.IEnumerable<int> Lengths()
        {
            for (int length = 0; length <= 300; length++)
            {
                yield return length;
            }

            foreach (int length in s_boundaryLengths)
            {
                yield return length;
            }
        }

        private static byte[] RandomBytes(Random random, int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }
    }
}
#endif
