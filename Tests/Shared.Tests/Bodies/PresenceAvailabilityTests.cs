#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Bodies.Pidf;

namespace SimpleImGateway.Sip.Tests.Bodies
{
    [TestClass]
    public class PresenceAvailabilityTests
    {
        private static PresenceTuple Tuple(string id, BasicStatus basic, string serviceId, BasicStatus willingness)
        {
            var tuple = new PresenceTuple(id) { Basic = basic };
            if (serviceId != null)
            {
                tuple.SetServiceDescription(serviceId, "1.0", null);
            }

            tuple.Willingness = willingness;
            return tuple;
        }

        private static bool Available(params PresenceTuple[] tuples)
        {
            var doc = new PresenceDocument("sip:a@b");
            foreach (PresenceTuple t in tuples)
            {
                doc.AddTuple(t);
            }

            return doc.IsAvailableForIm;
        }

        [TestMethod]
        [DataRow(true, true, true)]
        [DataRow(true, false, false)]
        [DataRow(false, true, false)]
        [DataRow(false, false, false)]
        public void CreateForDevice_OpenAndWilling_IsAvailableOnlyWhenBoth(bool open, bool willing, bool expected)
        {
            PresenceDocument doc = PresenceDocument.CreateForDevice("sip:a@b", "d", open, willing, null, null);

            Assert.AreEqual(expected, doc.IsAvailableForIm);
        }

        [TestMethod]
        public void ImTuple_OpenWithoutWillingness_IsAvailable()
        {
            Assert.IsTrue(Available(Tuple("t", BasicStatus.Open, PresenceTuple.ImSessionServiceId, BasicStatus.None)));
        }

        [TestMethod]
        public void ImTuples_OneClosedOneOpen_IsAvailable()
        {
            Assert.IsTrue(Available(
                Tuple("a", BasicStatus.Closed, PresenceTuple.ImSessionServiceId, BasicStatus.Open),
                Tuple("b", BasicStatus.Open, PresenceTuple.ImSessionServiceId, BasicStatus.Open)));
        }

        [TestMethod]
        public void PlainTuples_NoServiceDescription_AnyOpenTupleCounts()
        {
            Assert.IsTrue(Available(
                Tuple("a", BasicStatus.Closed, null, BasicStatus.None),
                Tuple("b", BasicStatus.Open, null, BasicStatus.None)));
            Assert.IsFalse(Available(Tuple("a", BasicStatus.Closed, null, BasicStatus.None)));
            Assert.IsFalse(Available(Tuple("a", BasicStatus.None, null, BasicStatus.None)));
            Assert.IsFalse(Available(Tuple("a", BasicStatus.Open, null, BasicStatus.Closed)));
        }

        [TestMethod]
        public void Rfc3863Example_PlainOpenTuples_IsAvailable()
        {
            Assert.IsTrue(PidfReaderTests.Parse(RfcExamples.Rfc3863).IsAvailableForIm);
        }

        [TestMethod]
        public void OtherServicesOnly_OpenTuples_IsNotAvailable()
        {
            Assert.IsFalse(Available(Tuple("poc", BasicStatus.Open, "org.openmobilealliance:PoC-session", BasicStatus.Open)));
        }

        [TestMethod]
        public void ImTupleClosed_PlainTupleOpen_IsNotAvailableBecauseTheImServiceSpeaks()
        {
            Assert.IsFalse(Available(
                Tuple("im", BasicStatus.Closed, PresenceTuple.ImSessionServiceId, BasicStatus.Open),
                Tuple("plain", BasicStatus.Open, null, BasicStatus.None)));
        }

        [TestMethod]
        public void EmptyDocument_IsNotAvailable()
        {
            Assert.IsFalse(Available());
        }
    }
}
