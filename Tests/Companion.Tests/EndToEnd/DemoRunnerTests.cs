using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Demo;

namespace SimpleImGateway.Companion.Tests.EndToEnd
{
    /// <summary>The <c>demo</c> command's runner in-process: all 24 steps printed and Tom's message delivered.</summary>
    [TestClass]
    public sealed class DemoRunnerTests
    {
        public TestContext TestContext { get; set; } = null!;

        [TestMethod]
        [DataRow(false)]
        [DataRow(true)]
        public async Task RunAsync_SeedFlow_Prints24StepsAndBobsMessage(bool regEvent)
        {
            var output = new StringWriter();

            int exitCode = await new DemoRunner(output, regEvent, TimeSpan.FromSeconds(20)).RunAsync(CancellationToken.None);

            string text = output.ToString();
            TestContext.WriteLine(text);
            Assert.AreEqual(0, exitCode, text);
            int[] numbers = text.Split('\n')
                .Select(line => Regex.Match(line, @"^\s+(\d{1,2})\s{2}\S+\s+->\s"))
                .Where(m => m.Success)
                .Select(m => int.Parse(m.Groups[1].Value))
                .OrderBy(n => n)
                .ToArray();
            CollectionAssert.AreEqual(Enumerable.Range(1, 24).ToArray(), numbers, text);
            StringAssert.Contains(text, "Bob received 1 stored message from Tom");
            if (regEvent)
            {
                StringAssert.Contains(text, "reg-event variant");
            }
        }
    }
}
