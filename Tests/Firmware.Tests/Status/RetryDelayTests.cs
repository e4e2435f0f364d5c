#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using SimpleImGateway.Firmware.Status;

namespace SimpleImGateway.Firmware.Tests.Status
{
    [TestClass]
    public class RetryDelayTests
    {
        [TestMethod]
        public void Next_Failures_DoubleUpToCap()
        {
            var delay = new RetryDelay(1000, 5000);

            Assert.AreEqual(1000, delay.Next());
            Assert.AreEqual(2000, delay.Next());
            Assert.AreEqual(4000, delay.Next());
            Assert.AreEqual(5000, delay.Next());
            Assert.AreEqual(5000, delay.Next());
            Assert.AreEqual(5, delay.Failures);
        }

        [TestMethod]
        public void Reset_AfterFailures_StartsFromFirstAgain()
        {
            var delay = new RetryDelay(500, 60000);
            delay.Next();
            delay.Next();

            delay.Reset();

            Assert.AreEqual(0, delay.Failures);
            Assert.AreEqual(500, delay.Next());
        }

        [TestMethod]
        public void Next_LargeCap_NeverOverflows()
        {
            var delay = new RetryDelay(1, int.MaxValue);
            int last = 0;
            for (int i = 0; i < 100; i++)
            {
                int wait = delay.Next();
                Assert.IsTrue(wait >= last && wait > 0, "wait " + wait);
                last = wait;
            }

            Assert.AreEqual(int.MaxValue, last);
        }

        [TestMethod]
        public void Constructor_CapBelowFirst_Throws()
        {
            bool threw = false;
            try
            {
                new RetryDelay(2000, 1000);
            }
            catch (ArgumentOutOfRangeException)
            {
                threw = true;
            }

            Assert.IsTrue(threw);
        }
    }
}
