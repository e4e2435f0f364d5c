#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Tests.Message
{
    [TestClass]
    public class SipCharsTests
    {
        private const string AlphaNum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        private const string Mark = "-_.!~*'()";

        // Each class spelled out as RFC 3261 §25.1 lists it, checked against every char below 256.
        [DataRow("token", AlphaNum + "-.!%*_+`'~")]
        [DataRow("word", AlphaNum + "-.!%*_+`'~()<>:\\\"/[]?{}")]
        [DataRow("unreserved", AlphaNum + Mark)]
        [DataRow("user", AlphaNum + Mark + "&=+$,;?/")]
        [DataRow("password", AlphaNum + Mark + "&=+$,")]
        [DataRow("uric", AlphaNum + Mark + ";/?:@&=+$,")]
        [DataRow("param", AlphaNum + Mark + "[]/:&+$")]
        [DataRow("header", AlphaNum + Mark + "[]/?:+$")]
        [TestMethod]
        public void CharacterClass_EveryLatin1Char_MemberExactlyWhenTheGrammarListsIt(string name, string members)
        {
            for (int i = 0; i < 256; i++)
            {
                char c = (char)i;
                Assert.AreEqual(members.IndexOf(c) >= 0, Classify(name, c), name + " of U+" + i.ToString("X4"));
            }
        }

        [TestMethod]
        public void HexValue_DigitsOfEitherCaseAndOthers_ValueOrMinusOne()
        {
            Assert.AreEqual(0, SipChars.HexValue('0'));
            Assert.AreEqual(10, SipChars.HexValue('a'));
            Assert.AreEqual(15, SipChars.HexValue('F'));
            Assert.AreEqual(-1, SipChars.HexValue('g'));
        }

        private static bool Classify(string name, char c)
        {
            switch (name)
            {
                case "token": return SipChars.IsToken(c);
                case "word": return SipChars.IsWord(c);
                case "unreserved": return SipChars.IsUnreserved(c);
                case "user": return SipChars.IsUserChar(c);
                case "password": return SipChars.IsPasswordChar(c);
                case "uric": return SipChars.IsUric(c);
                case "param": return SipChars.IsParamChar(c);
                default: return SipChars.IsHeaderChar(c);
            }
        }
    }
}
