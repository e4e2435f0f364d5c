// Host only: reads the nano build's metadata with System.Reflection.Metadata.
#if !NANOFRAMEWORK_1_0
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Tests.NanoFit;

namespace SimpleImGateway.Firmware.Tests.NanoFit
{
    [TestClass]
    public class FirmwareNanoFitGateTests
    {
        [TestMethod]
        public void FirmwareNanoBuild_Metadata_HasNothingNanoFrameworkCannotRun()
        {
            // Shared is allowed: its own nano build is checked by the same gate in Shared.Tests.
            var violations = NanoFitInspector.Inspect(NanoAssemblies.PathOf("SimpleImGateway.Firmware"), "SimpleImGateway.Shared");

            Assert.AreEqual(0, violations.Count, "nano-fit violations:\n" + string.Join("\n", violations));
        }

        [TestMethod]
        public void Inspector_AllowedReferences_StillReportsOthers()
        {
            // The net10.0 build of Firmware references System.Runtime, which no allowance covers.
            string net10 = typeof(SimpleImGateway.Firmware.Pager.Outbox).Assembly.Location;

            var violations = NanoFitInspector.Inspect(net10, "SimpleImGateway.Shared");

            Assert.IsTrue(violations.Any(v => v.Contains("assembly reference 'System.Runtime'")), string.Join("\n", violations));
            Assert.IsFalse(violations.Any(v => v.Contains("'SimpleImGateway.Shared'")), string.Join("\n", violations));
        }
    }
}
#endif
