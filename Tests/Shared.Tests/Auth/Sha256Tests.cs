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
    public class Sha256Tests
    {
        // FIPS 180-2 appendix B / NIST CSRC example values.
        [TestMethod]
        [DataRow("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
        [DataRow("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
        [DataRow("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
        [DataRow("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
        public void Hash_NistVectors_KnownDigest(string message, string expected)
        {
            byte[] bytes = Utf8.Encode(message);

            byte[] digest = Sha256.Hash(bytes, 0, bytes.Length);

            Assert.AreEqual(expected, Hex.Encode(digest, 0, digest.Length));
        }

        [TestMethod]
        public void Append_MillionAsInChunks_KnownDigest()
        {
            var chunk = new byte[1000];
            for (int i = 0; i < chunk.Length; i++)
            {
                chunk[i] = (byte)'a';
            }

            var sha = new Sha256();
            for (int i = 0; i < 1000; i++)
            {
                sha.Append(chunk, 0, chunk.Length);
            }

            var digest = new byte[32];
            sha.Finish(digest, 0);

            Assert.AreEqual("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Hex.Encode(digest, 0, 32));
        }

        [TestMethod]
        public void AppendUtf8_LongNonAsciiText_SameAsHashingEncodedBytes()
        {
            // Long enough that multi-byte characters straddle block boundaries at several positions.
            string s = string.Empty;
            for (int i = 0; i < 40; i++)
            {
                s += "x\u00E9\u20AC\uD83D\uDE00" + i;
            }

            byte[] bytes = Utf8.Encode(s);
            var sha = new Sha256();
            var digest = new byte[32];

            sha.AppendUtf8(s);
            sha.Finish(digest, 0);

            CollectionAssert.AreEqual(Sha256.Hash(bytes, 0, bytes.Length), digest);
        }

        [TestMethod]
        public void AppendUtf8_MultiByteCharsAtEveryBlockOffset_SameAsHashingEncodedBytes()
        {
            // Each prefix length shifts where the 2-, 3- and 4-byte sequences (and a lone surrogate) fall
            // relative to the 64-byte block boundary.
            var sha = new Sha256();
            var digest = new byte[32];
            string prefix = string.Empty;
            for (int n = 0; n <= 70; n++)
            {
                string s = prefix + "\uD83D\uDE00\u00E9\u20AC\uD800z\uD83D\uDE00";
                byte[] bytes = Utf8.Encode(s);

                sha.AppendUtf8(s);
                sha.Finish(digest, 0);

                CollectionAssert.AreEqual(Sha256.Hash(bytes, 0, bytes.Length), digest, "prefix " + n);
                prefix += "a";
            }
        }

        [TestMethod]
        public void AppendLowerHex_Bytes_SameAsHashingHexText()
        {
            var data = new byte[] { 0x00, 0xAB, 0xFF };
            var sha = new Sha256();
            var digest = new byte[32];
            byte[] text = Utf8.Encode("00abff");

            sha.AppendLowerHex(data, 0, 3);
            sha.Finish(digest, 0);

            CollectionAssert.AreEqual(Sha256.Hash(text, 0, text.Length), digest);
        }
    }
}
