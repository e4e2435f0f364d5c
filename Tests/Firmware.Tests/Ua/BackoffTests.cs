#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Firmware.Tests.Fakes;
using SimpleImGateway.Firmware.Ua;

namespace SimpleImGateway.Firmware.Tests.Ua
{
    [TestClass]
    public class BackoffTests
    {
        [TestMethod]
        public void CeilingFor_DoublesFromTheBaseUpToTheCap()
        {
            var backoff = new Backoff(1000, 30000, new SeededRandom(1));

            Assert.AreEqual(1000L, backoff.CeilingFor(1));
            Assert.AreEqual(2000L, backoff.CeilingFor(2));
            Assert.AreEqual(16000L, backoff.CeilingFor(5));
            Assert.AreEqual(30000L, backoff.CeilingFor(6));
            Assert.AreEqual(30000L, backoff.CeilingFor(1000));
        }

        [TestMethod]
        public void Next_WithSeededRandom_IsHalfTheCeilingPlusTheDrawnJitter()
        {
            var backoff = new Backoff(1000, 30000, new SeededRandom(42));
            var reference = new SeededRandom(42);

            for (int failures = 1; failures <= 8; failures++)
            {
                long ceiling = backoff.CeilingFor(failures);
                long expected = ceiling - (ceiling / 2) + reference.Next((int)(ceiling / 2) + 1);

                Assert.AreEqual(expected, backoff.Next(failures));
            }
        }

        [TestMethod]
        public void Next_ManyDraws_StayWithinHalfAndFullCeiling()
        {
            var backoff = new Backoff(4000, 300000, new SeededRandom(9));

            for (int i = 0; i < 2000; i++)
            {
                int failures = 1 + (i % 12);
                long ceiling = backoff.CeilingFor(failures);
                long wait = backoff.Next(failures);

                Assert.IsTrue(wait >= ceiling / 2 && wait <= ceiling, "failures " + failures + ": " + wait);
            }
        }
    }
}
