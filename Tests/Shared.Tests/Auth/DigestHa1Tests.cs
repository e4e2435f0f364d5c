#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using SimpleImGateway.Sip.Auth;

namespace SimpleImGateway.Sip.Tests.Auth
{
    [TestClass]
    public class DigestHa1Tests
    {
        [TestMethod]
        public void Compute_SessAlgorithms_SameAsTheirBase()
        {
            Assert.AreEqual(DigestHa1.ComputeMd5("u", "r", "p"), DigestHa1.Compute(DigestAlgorithm.Md5Sess, "u", "r", "p"));
            Assert.AreEqual(DigestHa1.ComputeSha256("u", "r", "p"), DigestHa1.Compute(DigestAlgorithm.Sha256Sess, "u", "r", "p"));
        }

        [TestMethod]
        public void Compute_Lengths_LowerCaseHex()
        {
            string md5 = DigestHa1.ComputeMd5("u", "r", "p");
            string sha = DigestHa1.ComputeSha256("u", "r", "p");

            Assert.AreEqual(32, md5.Length);
            Assert.AreEqual(64, sha.Length);
            Assert.AreEqual(md5.ToLower(), md5);
            Assert.AreEqual(sha.ToLower(), sha);
        }

        [TestMethod]
        public void Compute_UnknownAlgorithm_ThrowsArgumentException()
        {
            Assert.ThrowsExactly<ArgumentException>(() => DigestHa1.Compute(DigestAlgorithm.Unknown, "u", "r", "p"));
        }
    }
}
