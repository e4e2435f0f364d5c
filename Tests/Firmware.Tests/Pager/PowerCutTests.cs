#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Firmware.Tests.Fakes;
using SimpleImGateway.Firmware.Tests.Pager.PowerCut;

namespace SimpleImGateway.Firmware.Tests.Pager
{
    /// <summary>
    /// Cuts the power at every write boundary (and inside writes) of scripted outbox and inbox
    /// traffic, reboots, and checks the pager's promises: no accepted message lost, no corrupt
    /// message delivered, no message delivered twice except as a retry with the same Message-ID,
    /// order kept.
    /// </summary>
    [TestClass]
    public class PowerCutTests
    {
        [TestMethod]
        public void PowerCut_AtEveryWriteBoundaryOfLongScript_KeepsEveryPromise()
        {
            var script = new PagerScript(2024, 160);
            long events = DryRun(script, false, true);

            int cuts = CutEverywhere(script, events, false, 1);

            Assert.IsTrue(cuts >= 1000, "only " + cuts + " cuts");
        }

        [TestMethod]
        public void PowerCut_AtEveryByteOfShortScript_KeepsEveryPromise()
        {
            var script = new PagerScript(7, 24);
            long events = DryRun(script, true, false);

            int cuts = CutEverywhere(script, events, true, 1);

            Assert.IsTrue(cuts >= 1000, "only " + cuts + " cuts");
        }

        [TestMethod]
        public void PowerCut_AgainDuringRecovery_KeepsEveryPromise()
        {
            var script = new PagerScript(99, 90);
            long events = DryRun(script, false, false);
            int cuts = 0;
            for (long first = 0; first < events; first += 7)
            {
                MemoryFileStorage storage = NewStorage(false);
                storage.ArmCut(first, Mode(first));
                var run = new PowerCutRun(script, "first cut at " + first);
                Assert.IsTrue(run.Execute(storage, NullLogFor()));
                storage.Reboot();

                // How many events the recovery takes, then a second cut at each of them.
                MemoryFileStorage probe = storage.Clone();
                PowerCutRun.OpenBoth(probe, NullLogFor());
                long recoveryEvents = probe.Events;
                for (long second = 0; second < recoveryEvents; second++)
                {
                    MemoryFileStorage again = storage.Clone();
                    again.ArmCut(second, Mode(first + second + 1));
                    bool cut = false;
                    try
                    {
                        PowerCutRun.OpenBoth(again, NullLogFor());
                    }
                    catch (PowerCutException)
                    {
                        cut = true;
                    }

                    Assert.IsTrue(cut, "recovery finished before event " + second);
                    again.Reboot();
                    run.VerifyAfterReboot(again);
                    cuts++;
                }

                run.VerifyAfterReboot(storage);
            }

            Assert.IsTrue(cuts >= 100, "only " + cuts + " second cuts");
        }

        /// <summary>Runs the script without a cut, checks it exercises what it should, and returns its event count.</summary>
        private static long DryRun(PagerScript script, bool byteExact, bool expectEverything)
        {
            MemoryFileStorage storage = NewStorage(byteExact);
            var log = new ListLog();
            var run = new PowerCutRun(script, "dry run");

            Assert.IsFalse(run.Execute(storage, log));
            long events = storage.Events;
            Assert.AreEqual(script.Length, run.OpsCompleted);
            run.VerifyAfterReboot(storage);
            if (expectEverything)
            {
                Assert.IsTrue(log.Contains("compacted outbox.jnl"), "the script never compacts the outbox");
                Assert.IsTrue(log.Contains("compacted inbox.jnl"), "the script never compacts the inbox");
                Assert.IsTrue(run.Refused > 0, "the script never fills a queue");
                Assert.IsTrue(run.TooLarge > 0, "the script never sends a body too large");
                Assert.IsTrue(run.Duplicates > 0, "the script never retransmits to the inbox");
            }

            return events;
        }

        private static int CutEverywhere(PagerScript script, long events, bool byteExact, int stride)
        {
            int cuts = 0;
            for (long at = 0; at < events; at += stride)
            {
                MemoryFileStorage storage = NewStorage(byteExact);
                storage.ArmCut(at, Mode(at));
                var run = new PowerCutRun(script, "cut at event " + at + " (" + Mode(at) + ")");

                Assert.IsTrue(run.Execute(storage, NullLogFor()), "no cut at event " + at);
                storage.Reboot();
                run.VerifyAfterReboot(storage);
                cuts++;
            }

            return cuts;
        }

        private static CutMode Mode(long index)
        {
            return (CutMode)(int)(index % 3);
        }

        private static MemoryFileStorage NewStorage(bool byteExact)
        {
            var storage = new MemoryFileStorage();
            storage.ByteExact = byteExact;
            return storage;
        }

        private static Platform.ILog NullLogFor()
        {
            return Platform.NullLog.Instance;
        }
    }
}
