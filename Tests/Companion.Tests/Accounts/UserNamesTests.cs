using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Accounts;

namespace SimpleImGateway.Companion.Tests.Accounts
{
    [TestClass]
    public sealed class UserNamesTests
    {
        [TestMethod]
        [DataRow("alice")]
        [DataRow("Bob.Smith-2")]
        [DataRow("+15551234567")]
        [DataRow("a_b!~*'()&=$,;?/")]
        public void Validate_SipUserPart_IsAccepted(string name)
        {
            Assert.IsNull(UserNames.Validate(name));
        }

        [TestMethod]
        [DataRow("", "empty")]
        [DataRow("bob@simpleim.test", "'@'")]
        [DataRow("bob:x", "':'")]
        [DataRow("bo b", "' '")]
        [DataRow("bøb", "'ø'")]
        public void Validate_NotAPlainUserPart_SaysWhy(string name, string expected)
        {
            string? problem = UserNames.Validate(name);

            Assert.IsNotNull(problem);
            StringAssert.Contains(problem, expected);
        }

        [TestMethod]
        public void Validate_LongerThanTheLimit_IsRejected()
        {
            Assert.IsNull(UserNames.Validate(new string('a', UserNames.MaxLength)));
            Assert.IsNotNull(UserNames.Validate(new string('a', UserNames.MaxLength + 1)));
        }
    }
}
