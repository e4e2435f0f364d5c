#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using SimpleImGateway.Sip.Auth;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Tests.Auth
{
    [TestClass]
    public class Md5Tests
    {
        // The test suite of RFC 1321 §A.5.
        [TestMethod]
        [DataRow("", "d41d8cd98f00b204e9800998ecf8427e")]
        [DataRow("a", "0cc175b9c0f1b6a831c399e269772661")]
        [DataRow("abc", "900150983cd24fb0d6963f7d28e17f72")]
        [DataRow("message digest", "f96b697d7cb7938d525a2f31aaf161d0")]
        [DataRow("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b")]
        [DataRow("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f")]
        [DataRow("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
        public void Hash_Rfc1321TestSuite_KnownDigest(string message, string expected)
        {
            byte[] bytes = Utf8.Encode(message);

            byte[] digest = Md5.Hash(bytes, 0, bytes.Length);

            Assert.AreEqual(expected, Hex.Encode(digest, 0, digest.Length));
        }

        [TestMethod]
        public void Append_ByteAtATime_SameAsOneShot()
        {
            byte[] bytes = Utf8.Encode("12345678901234567890123456789012345678901234567890123456789012345678901234567890");
            var md5 = new Md5();
            for (int i = 0; i < bytes.Length; i++)
            {
                md5.Append(bytes, i, 1);
            }

            var digest = new byte[16];
            md5.Finish(digest, 0);

            Assert.AreEqual("57edf4a22be3c955ac49da2e2107b67a", Hex.Encode(digest, 0, 16));
        }

        [TestMethod]
        public void Finish_ThenReuse_StartsFreshMessage()
        {
            var md5 = new Md5();
            var digest = new byte[18];
            byte[] abc = Utf8.Encode("abc");
            md5.Append(abc, 0, 3);
            md5.Finish(digest, 0);

            md5.Append(abc, 0, 3);
            md5.Finish(digest, 2);

            Assert.AreEqual("900150983cd24fb0d6963f7d28e17f72", Hex.Encode(digest, 2, 16));
        }

        [TestMethod]
        public void Reset_AfterPartialInput_DiscardsIt()
        {
            var md5 = new Md5();
            byte[] junk = Utf8.Encode("junk that must not count");
            md5.Append(junk, 0, junk.Length);
            md5.Reset();

            var digest = new byte[16];
            md5.Finish(digest, 0);

            Assert.AreEqual("d41d8cd98f00b204e9800998ecf8427e", Hex.Encode(digest, 0, 16));
        }

        [TestMethod]
        public void Finish_OutputTooSmall_Throws()
        {
            Assert.ThrowsExactly<ArgumentException>(() => new Md5().Finish(new byte[16], 1));
        }

        [TestMethod]
        public void AppendUtf8_NonAscii_SameAsHashingEncodedBytes()
        {
            string s = "Mufasa:\u00E9t\u00E9:\uD83D\uDE00";
            byte[] bytes = Utf8.Encode(s);
            var md5 = new Md5();
            var digest = new byte[16];

            md5.AppendUtf8(s);
            md5.Finish(digest, 0);

            CollectionAssert.AreEqual(Md5.Hash(bytes, 0, bytes.Length), digest);
        }
    }
}
