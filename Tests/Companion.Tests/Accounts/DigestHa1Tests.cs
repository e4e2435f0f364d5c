using System;
using System.Security.Cryptography;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Accounts;

namespace SimpleImGateway.Companion.Tests.Accounts
{
    [TestClass]
    public sealed class DigestHa1Tests
    {
        [TestMethod]
        public void Md5_Rfc2617Example_MatchesThePublishedHa1()
        {
            // RFC 2617 §3.5: user Mufasa, realm testrealm@host.com, password "Circle Of Life".
            Assert.AreEqual("939e7578ed9e3c518a452acee763bce9", DigestHa1.Md5("Mufasa", "testrealm@host.com", "Circle Of Life"));
        }

        [TestMethod]
        public void Sha256_Rfc7616Example_GivesThePublishedResponse()
        {
            // RFC 7616 §3.9.1 publishes the response, not HA1; derive the response from our HA1.
            string ha1 = DigestHa1.Sha256("Mufasa", "http-auth@example.org", "Circle of Life");
            string ha2 = Hex(SHA256.HashData(Encoding.UTF8.GetBytes("GET:/dir/index.html")));
            string response = Hex(SHA256.HashData(Encoding.UTF8.GetBytes(
                $"{ha1}:7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v:00000001:f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ:auth:{ha2}")));

            Assert.AreEqual("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", response);
        }

        [TestMethod]
        public void Md5AndSha256_AreLowercaseHexOfTheRightLength()
        {
            StringAssert.Matches(DigestHa1.Md5("a", "b", "c"), new System.Text.RegularExpressions.Regex("^[0-9a-f]{32}$"));
            StringAssert.Matches(DigestHa1.Sha256("a", "b", "c"), new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));
        }

        private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
    }
}
