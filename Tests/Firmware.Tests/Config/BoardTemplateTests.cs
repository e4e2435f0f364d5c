// Host only: reads the templates in boards/ of this checkout.
#if !NANOFRAMEWORK_1_0
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Firmware.Config;
using SimpleImGateway.Tests.NanoFit;

namespace SimpleImGateway.Firmware.Tests.Config
{
    [TestClass]
    public class BoardTemplateTests
    {
        [TestMethod]
        [DataRow("esp32-devkitc", 2, 0)]
        [DataRow("esp32-wrover", 2, 0)]
        [DataRow("esp32-c3", 3, 9)]
        public void Template_PlaceholdersFilledIn_ParsesWithTheBoardPins(string board, int ledPin, int buttonPin)
        {
            string text = File.ReadAllText(TemplatePath(board));
            string filled = Regex.Replace(text, "<[A-Z0-9-]+>", m => m.Value == "<SIP-SERVER-HOST-OR-IPV4>" ? "10.0.0.1" : "x" + m.Value.Length);

            DeviceConfig config = DeviceConfigParser.Parse(filled);

            Assert.AreEqual("10.0.0.1", config.SipServer);
            Assert.AreEqual(ledPin, config.LedPin);
            Assert.AreEqual(buttonPin, config.ButtonPin);
            Assert.IsTrue(config.LedActiveHigh);
        }

        [TestMethod]
        [DataRow("esp32-devkitc")]
        [DataRow("esp32-wrover")]
        [DataRow("esp32-c3")]
        public void Template_AsCommitted_RefusedAtFirstPlaceholder(string board)
        {
            string[] lines = File.ReadAllLines(TemplatePath(board));
            int firstPlaceholder = System.Array.FindIndex(lines, l => l.Contains('<') && !l.TrimStart().StartsWith('#')) + 1;

            var error = Assert.ThrowsExactly<DeviceConfigException>(() => DeviceConfigParser.Parse(string.Join("\n", lines)));

            Assert.AreEqual(DeviceConfigErrorKind.BadValue, error.Kind);
            Assert.AreEqual(firstPlaceholder, error.Line);
            StringAssert.Contains(error.Message, "template placeholder");
        }

        private static string TemplatePath(string board) =>
            Path.Combine(NanoAssemblies.RepoRoot, "boards", board, "simpleim.conf.template");
    }
}
#endif
