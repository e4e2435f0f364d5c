#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Auth;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Tests.Auth
{
    [TestClass]
    public class HmacSha256Tests
    {
        [TestMethod]
        public void Compute_Rfc4231Case2_KnownMac()
        {
            byte[] key = Utf8.Encode("Jefe");
            byte[] data = Utf8.Encode("what do ya want for nothing?");

            byte[] mac = HmacSha256.Compute(key, data, 0, data.Length);

            Assert.AreEqual("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex.Encode(mac, 0, mac.Length));
        }

        [TestMethod]
        public void Compute_Rfc4231Case6KeyLongerThanBlock_KnownMac()
        {
            var key = new byte[131];
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = 0xAA;
            }

            byte[] data = Utf8.Encode("Test Using Larger Than Block-Size Key - Hash Key First");

            byte[] mac = HmacSha256.Compute(key, data, 0, data.Length);

            Assert.AreEqual("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", Hex.Encode(mac, 0, mac.Length));
        }

        [TestMethod]
        public void Finish_Twice_SameMacForSameMessage()
        {
            var hmac = new HmacSha256(Utf8.Encode("Jefe"));
            byte[] data = Utf8.Encode("what do ya want for nothing?");
            var first = new byte[32];
            var second = new byte[32];

            hmac.Append(data, 0, data.Length);
            hmac.Finish(first, 0);
            hmac.AppendUtf8("what do ya want for nothing?");
            hmac.Finish(second, 0);

            CollectionAssert.AreEqual(first, second);
        }
    }
}
