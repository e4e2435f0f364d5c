using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace SimpleImGateway.Tests.NanoFit
{
    [TestClass]
    public class NanoFitGateTests
    {
        [TestMethod]
        public void SharedNanoBuild_Metadata_HasNothingNanoFrameworkCannotRun()
        {
            var violations = NanoFitInspector.Inspect(NanoAssemblies.PathOf("SimpleImGateway.Shared"));

            Assert.AreEqual(0, violations.Count, "nano-fit violations:\n" + string.Join("\n", violations));
        }

        [TestMethod]
        public void Inspector_Net10BuildOfShared_ReportsForeignAssemblyReference()
        {
            // The net10.0 build of the same sources references System.Runtime: the gate must see it.
            string net10 = typeof(SimpleImGateway.Sip.Message.SipParseException).Assembly.Location;

            var violations = NanoFitInspector.Inspect(net10);

            Assert.IsTrue(violations.Any(v => v.Contains("assembly reference 'System.Runtime'")), string.Join("\n", violations));
        }

        [TestMethod]
        public void Inspector_AssemblyUsingGenerics_ReportsDefinitionsAndInstantiations()
        {
            // This test assembly is full of generics (List<T>, IReadOnlyList<T>, a generic provider class).
            var violations = NanoFitInspector.Inspect(typeof(NanoFitGateTests).Assembly.Location);

            Assert.IsTrue(violations.Any(v => v.StartsWith("generic instantiation")), "no instantiation found");
            Assert.IsTrue(violations.Any(v => v.StartsWith("MethodSpec") || v.Contains("(MethodSpec)")), "no MethodSpec found");
        }
    }
}
