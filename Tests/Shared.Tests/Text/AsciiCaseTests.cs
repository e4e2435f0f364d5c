#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Tests.Text
{
    [TestClass]
    public class AsciiCaseTests
    {
        [TestMethod]
        [DataRow("Digest", "dIGEST", true)]
        [DataRow("SHA-256", "sha-256", true)]
        [DataRow("MD5", "MD5-sess", false)]
        [DataRow("a", "b", false)]
        [DataRow("\u00C9", "\u00E9", false)]
        public void EqualsIgnoreCase_Pairs_ExpectedResult(string a, string b, bool expected)
        {
            Assert.AreEqual(expected, AsciiCase.EqualsIgnoreCase(a, b));
        }

        [TestMethod]
        public void EqualsIgnoreCase_Null_False()
        {
            Assert.IsFalse(AsciiCase.EqualsIgnoreCase(null, "a"));
            Assert.IsFalse(AsciiCase.EqualsIgnoreCase("a", null));
        }

        [TestMethod]
        public void EqualsIgnoreCase_Region_ComparesOnlyTheRegion()
        {
            Assert.IsTrue(AsciiCase.EqualsIgnoreCase("xxREALM=", 2, 5, "realm"));
            Assert.IsFalse(AsciiCase.EqualsIgnoreCase("xxREALM=", 2, 6, "realm"));
            Assert.IsFalse(AsciiCase.EqualsIgnoreCase("xxREA", 2, 5, "realm"));
        }
    }
}
