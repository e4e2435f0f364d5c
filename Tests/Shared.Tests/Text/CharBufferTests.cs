#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
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
        public void AppendRangeAndDecimal_ThenIndexer_ReadsEachChar()
        {
            var buffer = new CharBuffer(1);

            buffer.Append("xxSIP/2.0yy", 2, 7);
            buffer.Append(':');
            buffer.AppendDecimal(0);
            buffer.Append(',');
            buffer.AppendDecimal(4294967295L);

            Assert.AreEqual("SIP/2.0:0,4294967295", buffer.ToString());
            Assert.AreEqual('S', buffer[0]);
            Assert.AreEqual('5', buffer[buffer.Length - 1]);
        }

        [TestMethod]
        public void AppendRange_OutsideTheString_ThrowsAndKeepsContent()
        {
            var buffer = new CharBuffer(8);
            buffer.Append("ab");

            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => buffer.Append("abc", 2, 2));
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => buffer.AppendDecimal(-1));
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => buffer[2]);
            Assert.AreEqual("ab", buffer.ToString());
        }

        [TestMethod]
        public void ContentEquals_SameTextOnly_True()
        {
            var buffer = new CharBuffer(8);
            buffer.Append("branch");

            Assert.IsTrue(buffer.ContentEquals("branch"));
            Assert.IsFalse(buffer.ContentEquals("Branch"));
            Assert.IsFalse(buffer.ContentEquals("branch1"));
            Assert.IsFalse(buffer.ContentEquals(null));
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
