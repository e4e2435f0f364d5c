#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace SimpleImGateway.Sip.Tests.Message
{
    /// <summary>ASCII text to octets and back, for protocol tests (no Encoding on nanoFramework).</summary>
    public static class TestBytes
    {
        public static byte[] Ascii(string text)
        {
            var bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                Assert.IsTrue(text[i] < 128, "test text must be ASCII");
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        public static string AsciiString(byte[] bytes, int offset, int count)
        {
            var chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)bytes[offset + i];
            }

            return new string(chars);
        }

        public static byte[] Concat(byte[] a, byte[] b)
        {
            var result = new byte[a.Length + b.Length];
            System.Array.Copy(a, 0, result, 0, a.Length);
            System.Array.Copy(b, 0, result, a.Length, b.Length);
            return result;
        }
    }
}
