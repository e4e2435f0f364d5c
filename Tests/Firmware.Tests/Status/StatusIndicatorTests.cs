#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Firmware.Config;
using SimpleImGateway.Firmware.Status;

namespace SimpleImGateway.Firmware.Tests.Status
{
    [TestClass]
    public class StatusIndicatorTests
    {
        private const int StatusCount = 12;

        [TestMethod]
        public void New_ShowsOff_NeverLit()
        {
            var indicator = new StatusIndicator();

            Assert.AreEqual(DeviceStatus.Off, indicator.Status);
            for (long t = 0; t < 5000; t += 50)
            {
                Assert.IsFalse(indicator.IsLit(t));
            }
        }

        [TestMethod]
        public void Registered_SteadyOn()
        {
            var indicator = new StatusIndicator();
            indicator.Set(DeviceStatus.Registered, 1000);

            for (long t = 1000; t < 10000; t += 37)
            {
                Assert.IsTrue(indicator.IsLit(t), "t=" + t);
            }
        }

        [TestMethod]
        public void Connecting_SlowBlinkHalfSecond()
        {
            var indicator = new StatusIndicator();
            indicator.Set(DeviceStatus.Connecting, 10000);

            Assert.IsTrue(indicator.IsLit(10000));
            Assert.IsTrue(indicator.IsLit(10499));
            Assert.IsFalse(indicator.IsLit(10500));
            Assert.IsFalse(indicator.IsLit(10999));
            Assert.IsTrue(indicator.IsLit(11000));
        }

        [TestMethod]
        [DataRow(3, 1)]
        [DataRow(4, 2)]
        [DataRow(5, 3)]
        [DataRow(6, 4)]
        [DataRow(7, 5)]
        [DataRow(8, 6)]
        public void ErrorStatus_CountedFlashesThenPause(int status, int flashes)
        {
            var indicator = new StatusIndicator();
            indicator.Set((DeviceStatus)status, 0);

            int cycle = (flashes * (StatusIndicator.FlashMilliseconds + StatusIndicator.GapMilliseconds)) - StatusIndicator.GapMilliseconds + StatusIndicator.PauseMilliseconds;
            Assert.AreEqual(flashes, CountRisingEdges(indicator, 0, cycle));
            Assert.AreEqual(3 * flashes, CountRisingEdges(indicator, 0, 3 * cycle));

            // The pause after the group is dark throughout.
            long pauseStart = cycle - StatusIndicator.PauseMilliseconds;
            for (long t = pauseStart; t < cycle; t += 10)
            {
                Assert.IsFalse(indicator.IsLit(t), "t=" + t);
            }
        }

        [TestMethod]
        public void ConfigInvalid_TwoFlashes_ExactTimeline()
        {
            var indicator = new StatusIndicator();
            indicator.Set(DeviceStatus.ConfigInvalid, 100);

            Assert.IsTrue(indicator.IsLit(100));
            Assert.IsTrue(indicator.IsLit(299));
            Assert.IsFalse(indicator.IsLit(300));
            Assert.IsFalse(indicator.IsLit(599));
            Assert.IsTrue(indicator.IsLit(600));
            Assert.IsTrue(indicator.IsLit(799));
            Assert.IsFalse(indicator.IsLit(800));
            Assert.IsFalse(indicator.IsLit(2599));
            Assert.IsTrue(indicator.IsLit(2600));
        }

        [TestMethod]
        public void Patterns_EveryCauseButStorageAndFault_Distinct()
        {
            for (int a = 0; a < StatusCount; a++)
            {
                for (int b = a + 1; b < StatusCount; b++)
                {
                    bool shared = (DeviceStatus)a == DeviceStatus.StorageFailed && (DeviceStatus)b == DeviceStatus.Fault;
                    if (!shared)
                    {
                        Assert.IsFalse(SamePattern(StatusIndicator.PatternOf((DeviceStatus)a), StatusIndicator.PatternOf((DeviceStatus)b)), a + " vs " + b);
                    }
                }
            }
        }

        [TestMethod]
        public void Set_SameStatusAgain_DoesNotRestartPattern()
        {
            var indicator = new StatusIndicator();
            Assert.IsTrue(indicator.Set(DeviceStatus.Connecting, 0));

            Assert.IsFalse(indicator.Set(DeviceStatus.Connecting, 250));

            Assert.IsFalse(indicator.IsLit(600));
        }

        [TestMethod]
        public void Set_NewStatus_PatternStartsAtThatTime()
        {
            var indicator = new StatusIndicator();
            indicator.Set(DeviceStatus.Connecting, 0);

            indicator.Set(DeviceStatus.WifiFailed, 750);

            Assert.AreEqual(DeviceStatus.WifiFailed, indicator.Status);
            Assert.IsTrue(indicator.IsLit(750));
            Assert.IsFalse(indicator.IsLit(950));
        }

        [TestMethod]
        public void IsLit_ClockBeforeSet_TreatedAsStart()
        {
            var indicator = new StatusIndicator();
            indicator.Set(DeviceStatus.ServerUnreachable, 5000);

            Assert.IsTrue(indicator.IsLit(4000));
        }

        [TestMethod]
        [DataRow(0, 6)]
        [DataRow(408, 6)]
        [DataRow(500, 6)]
        [DataRow(503, 6)]
        [DataRow(401, 7)]
        [DataRow(407, 7)]
        [DataRow(403, 8)]
        [DataRow(404, 8)]
        [DataRow(400, 9)]
        [DataRow(423, 9)]
        public void ForRegistrationFailure_StatusCode_Cause(int statusCode, int expected)
        {
            Assert.AreEqual((DeviceStatus)expected, StatusIndicator.ForRegistrationFailure(statusCode));
        }

        [TestMethod]
        public void ForConfigError_UnreadableVsOthers()
        {
            Assert.AreEqual(DeviceStatus.ConfigMissing, StatusIndicator.ForConfigError(DeviceConfigErrorKind.Unreadable));
            for (int kind = 0; kind < 7; kind++)
            {
                Assert.AreEqual(DeviceStatus.ConfigInvalid, StatusIndicator.ForConfigError((DeviceConfigErrorKind)kind));
            }
        }

        [TestMethod]
        public void NameOf_EveryStatus_DistinctName()
        {
            string[] expected =
            {
                "Off", "Connecting", "Registered", "ConfigMissing", "ConfigInvalid", "WifiFailed", "ServerUnreachable",
                "CredentialsRejected", "Forbidden", "RegistrationFailed", "StorageFailed", "Fault",
            };
            Assert.AreEqual(StatusCount, expected.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], StatusIndicator.NameOf((DeviceStatus)i));
                Assert.IsTrue(StatusIndicator.Advice((DeviceStatus)i).Length > 0);
            }
        }

        [TestMethod]
        public void Advice_CredentialsAndForbidden_TellHowToPairAgain()
        {
            Assert.IsTrue(StatusIndicator.Advice(DeviceStatus.CredentialsRejected).IndexOf("--rotate") >= 0);
            Assert.IsTrue(StatusIndicator.Advice(DeviceStatus.Forbidden).IndexOf("devices pair") >= 0);
        }

        private static int CountRisingEdges(StatusIndicator indicator, long from, long to)
        {
            int edges = 0;
            bool previous = false;
            for (long t = from; t < to; t += 10)
            {
                bool lit = indicator.IsLit(t);
                if (lit && !previous)
                {
                    edges++;
                }

                previous = lit;
            }

            return edges;
        }

        private static bool SamePattern(int[] a, int[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
