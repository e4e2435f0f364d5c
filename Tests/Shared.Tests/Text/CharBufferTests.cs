#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Tests.Text
{
    [TestClass]
    public class CharBufferTests
    {
        [TestMethod]
        public void Append_BeyondInitialCapacity_GrowsAndKeepsContent()
        {
            var buffer = new CharBuffer(2);

            buffer.Append("Digest");
            buffer.Append(' ');
            buffer.Append((string)null);
            buffer.Append("realm=\"a long enough realm to force several doublings\"");

            const string Expected = "Digest realm=\"a long enough realm to force several doublings\"";
            Assert.AreEqual(Expected, buffer.ToString());
            Assert.AreEqual(Expected.Length, buffer.Length);
        }

        [TestMethod]
        public void Clear_ThenAppend_StartsOver()
        {
            var buffer = new CharBuffer(0);
            buffer.Append("abc");

            buffer.Clear();
            buffer.Append('x');

            Assert.AreEqual("x", buffer.ToString());
        }
    }
}
