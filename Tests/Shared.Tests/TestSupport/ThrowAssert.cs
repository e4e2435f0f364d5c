#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;

namespace SimpleImGateway.Sip.Tests.TestSupport
{
    /// <summary>Code expected to throw.</summary>
    public delegate void ThrowingCode();

    /// <summary>
    /// Exception assertion in a form both MSTest 4 (which dropped <c>Assert.ThrowsException</c>) and
    /// nanoFramework.TestFramework (which has no generics) can run.
    /// </summary>
    public static class ThrowAssert
    {
        /// <summary>Asserts that <paramref name="code"/> throws exactly <paramref name="expected"/>; returns the exception.</summary>
        public static Exception Throws(Type expected, ThrowingCode code)
        {
            Exception thrown = null;
            try
            {
                code();
            }
            catch (Exception e)
            {
                thrown = e;
            }

            if (thrown == null)
            {
                Assert.Fail("expected " + expected.Name + " but nothing was thrown");
            }

            if (thrown.GetType() != expected)
            {
                Assert.Fail("expected " + expected.Name + " but got " + thrown.GetType().Name + ": " + thrown.Message);
            }

            return thrown;
        }
    }
}
