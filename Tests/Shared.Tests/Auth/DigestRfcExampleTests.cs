#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Auth;

namespace SimpleImGateway.Sip.Tests.Auth
{
    /// <summary>The worked examples of RFC 7616 §3.9.1 and RFC 2617 §3.5, with the response values printed there.</summary>
    [TestClass]
    public class DigestRfcExampleTests
    {
        private const string Rfc7616Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        private const string Rfc7616Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        private const string Rfc7616Realm = "http-auth@example.org";

        // RFC 7616 §3.9.1: the MD5 Authorization header of the example.
        private const string Rfc7616Md5Authorization =
            "Digest username=\"Mufasa\",\r\n       realm=\"http-auth@example.org\",\r\n       uri=\"/dir/index.html\",\r\n"
            + "       algorithm=MD5,\r\n       nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n       nc=00000001,\r\n"
            + "       cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\",\r\n       qop=auth,\r\n"
            + "       response=\"8ca523f5e9506fed4657c9700eebdbec\",\r\n       opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

        [TestMethod]
        public void Rfc7616Md5Example_Response_MatchesRfc()
        {
            string ha1 = DigestHa1.ComputeMd5("Mufasa", Rfc7616Realm, "Circle of Life");

            string response = DigestResponse.Compute(DigestAlgorithm.Md5, ha1, Rfc7616Nonce, 1, Rfc7616Cnonce, "auth", "GET", "/dir/index.html");

            Assert.AreEqual("8ca523f5e9506fed4657c9700eebdbec", response);
        }

        [TestMethod]
        public void Rfc7616Sha256Example_Response_MatchesRfc()
        {
            string ha1 = DigestHa1.ComputeSha256("Mufasa", Rfc7616Realm, "Circle of Life");

            string response = DigestResponse.Compute(DigestAlgorithm.Sha256, ha1, Rfc7616Nonce, 1, Rfc7616Cnonce, "auth", "GET", "/dir/index.html");

            Assert.AreEqual("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", response);
        }

        [TestMethod]
        public void Rfc7616Md5Example_ParsedHeader_ResponseRecomputesFromItsFields()
        {
            DigestCredentials c = DigestCredentials.Parse(Rfc7616Md5Authorization);
            string ha1 = DigestHa1.Compute(c.AlgorithmKind, c.Username, c.Realm, "Circle of Life");

            string response = DigestResponse.Compute(c.AlgorithmKind, ha1, c.Nonce, c.NonceCount, c.Cnonce, c.Qop, "GET", c.Uri);

            Assert.AreEqual(c.Response, response);
            Assert.AreEqual("8ca523f5e9506fed4657c9700eebdbec", response);
        }

        [TestMethod]
        public void Rfc2617Example_Response_MatchesRfc()
        {
            string ha1 = DigestHa1.ComputeMd5("Mufasa", "testrealm@host.com", "Circle Of Life");

            string response = DigestResponse.Compute(
                DigestAlgorithm.Md5, ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", 1, "0a4f113b", "auth", "GET", "/dir/index.html");

            Assert.AreEqual("6629fae49393a05397450978507c4ef1", response);
        }

        // The values below are not printed in the RFCs; they were computed with Python's hashlib as an independent check.
        [TestMethod]
        public void Rfc2617ExampleCredentials_Ha1_MatchesIndependentComputation()
        {
            Assert.AreEqual("939e7578ed9e3c518a452acee763bce9", DigestHa1.ComputeMd5("Mufasa", "testrealm@host.com", "Circle Of Life"));
            Assert.AreEqual(
                "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232",
                DigestHa1.ComputeSha256("Mufasa", Rfc7616Realm, "Circle of Life"));
        }

        [TestMethod]
        public void Rfc2617ExampleWithoutQop_Rfc2069Response_MatchesIndependentComputation()
        {
            string response = DigestResponse.Compute(
                DigestAlgorithm.Md5, "939e7578ed9e3c518a452acee763bce9", "dcd98b7102dd2f0e8b11d0f600bfb0c093", 0, null, null, "GET", "/dir/index.html");

            Assert.AreEqual("670fd8c2df070c60b045671b8b24ff02", response);
        }

        [TestMethod]
        public void Rfc2617ExampleAsMd5Sess_Response_MatchesIndependentComputation()
        {
            string response = DigestResponse.Compute(
                DigestAlgorithm.Md5Sess, "939e7578ed9e3c518a452acee763bce9", "dcd98b7102dd2f0e8b11d0f600bfb0c093", 1, "0a4f113b", "auth", "GET", "/dir/index.html");

            Assert.AreEqual("8e3825c57e897f5a0dec6c2d4e5059d0", response);
        }

        [TestMethod]
        public void Compute_UpperCaseHa1_SameAsLowerCase()
        {
            string lower = DigestResponse.Compute(
                DigestAlgorithm.Md5, "939e7578ed9e3c518a452acee763bce9", "dcd98b7102dd2f0e8b11d0f600bfb0c093", 1, "0a4f113b", "auth", "GET", "/dir/index.html");
            string upper = DigestResponse.Compute(
                DigestAlgorithm.Md5, "939E7578ED9E3C518A452ACEE763BCE9", "dcd98b7102dd2f0e8b11d0f600bfb0c093", 1, "0a4f113b", "auth", "GET", "/dir/index.html");

            Assert.AreEqual(lower, upper);
        }
    }
}
