#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Tests.Bodies
{
    /// <summary>An action under test.</summary>
    public delegate void BodyAction();

    /// <summary>Helpers shared by the body tests.</summary>
    internal static class BodyTestSupport
    {
        /// <summary>UTF-8 bytes of a test string (host-side: Encoding exists on .NET only).</summary>
        public static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

        /// <summary>Runs <paramref name="action"/>, requires a SipParseException with status 400, returns its reason.</summary>
        public static string ParseError(BodyAction action)
        {
            try
            {
                action();
            }
            catch (SipParseException e)
            {
                Assert.AreEqual(400, e.StatusCode);
                return e.Reason;
            }

            Assert.Fail("expected a SipParseException");
            return null;
        }

        /// <summary>Asserts that <paramref name="reason"/> contains <paramref name="expected"/>.</summary>
        public static void AssertContains(string expected, string reason)
            => Assert.IsTrue(reason.IndexOf(expected) >= 0, "expected '" + expected + "' in: " + reason);

        /// <summary>Runs <paramref name="action"/> and returns the exception it throws, failing when there is none.</summary>
        public static Exception Catch(BodyAction action)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                return e;
            }

            Assert.Fail("expected an exception");
            return null;
        }
    }
}
