#if !NANOFRAMEWORK_1_0
// Host-only: checks HA1 against System.Security.Cryptography over UTF-8 text.
using System;
using System.Security.Cryptography;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Sip.Auth;

namespace SimpleImGateway.Sip.Tests.Auth
{
    [TestClass]
    public class DigestHa1ConformanceTests
    {
        [TestMethod]
        public void Compute_RandomUnicodeCredentials_MatchesSystemHashesOfUtf8()
        {
            var random = new Random(2617);
            for (int n = 0; n < 300; n++)
            {
                string user = RandomText(random);
                string realm = RandomText(random);
                string password = RandomText(random);
                byte[] a1 = Encoding.UTF8.GetBytes(user + ":" + realm + ":" + password);

                Assert.AreEqual(Convert.ToHexStringLower(MD5.HashData(a1)), DigestHa1.ComputeMd5(user, realm, password));
                Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(a1)), DigestHa1.ComputeSha256(user, realm, password));
            }
        }

        private static string RandomText(Random random)
        {
            var chars = new char[random.Next(0, 70)];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = random.Next(4) switch
                {
                    0 => (char)random.Next(0x80, 0x800),
                    1 => (char)random.Next(0x800, 0xD800),
                    2 => (char)random.Next(0xD800, 0xE000),
                    _ => (char)random.Next(0x20, 0x7F),
                };
            }

            return new string(chars);
        }
    }
}
#endif
