#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Tests.Message
{
    /// <summary>Code expected to throw.</summary>
    public delegate void ThrowingCode();

    /// <summary>
    /// Asserts that code raises <see cref="SipParseException"/>. MSTest 4 dropped ThrowsException and
    /// nanoFramework.TestFramework lacks ThrowsExactly, so the tests share this helper.
    /// </summary>
    public static class SipAssert
    {
        public static SipParseException Throws(ThrowingCode code)
        {
            try
            {
                code();
            }
            catch (SipParseException e)
            {
                Assert.IsFalse(e.Reason == null || e.Reason.Length == 0, "the exception carries no reason");
                return e;
            }

            Assert.Fail("expected a SipParseException");
            return null;
        }

        public static void Contains(string text, string part)
        {
            Assert.IsTrue(text.IndexOf(part) >= 0, "'" + text + "' does not contain '" + part + "'");
        }
    }
}
