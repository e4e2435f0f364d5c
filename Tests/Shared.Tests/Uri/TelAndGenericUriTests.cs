#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Tests.Message;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Sip.Tests.Uri
{
    [TestClass]
    public class TelAndGenericUriTests
    {
        [TestMethod]
        public void TelParse_GlobalNumber_ReadsDigitsAndParameters()
        {
            TelUri tel = TelUri.Parse("tel:+1-201-555-0123;ext=1234;isub=8a");
            Assert.IsTrue(tel.IsGlobal);
            Assert.AreEqual("+1-201-555-0123", tel.Number);
            Assert.AreEqual("+12015550123", tel.Digits);
            Assert.AreEqual("1234", tel.Extension);
            Assert.AreEqual("8a", tel.Parameters.Get("isub"));
            Assert.AreEqual("tel:+1-201-555-0123;ext=1234;isub=8a", tel.ToString());
        }

        [TestMethod]
        public void TelParse_LocalNumberWithContext_Accepted()
        {
            TelUri tel = TelUri.Parse("tel:7042;phone-context=example.com");
            Assert.IsFalse(tel.IsGlobal);
            Assert.AreEqual("7042", tel.Number);
            Assert.AreEqual("example.com", tel.PhoneContext);
        }

        [TestMethod]
        [DataRow("tel:7042")]
        [DataRow("tel:+")]
        [DataRow("tel:+1-20a")]
        [DataRow("tel:+1201;=x")]
        [DataRow("tel:+1201;ext=")]
        [DataRow("tel:+1201 5550123")]
        public void TelParse_Malformed_Throws(string text)
        {
            SipAssert.Throws(() => TelUri.Parse(text));
        }

        [TestMethod]
        public void TelEquals_VisualSeparatorsIgnored()
        {
            Assert.IsTrue(TelUri.Parse("tel:+1-201-555-0123").Equals(TelUri.Parse("tel:+1.201.555.0123")));
            Assert.IsFalse(TelUri.Parse("tel:+1-201-555-0123").Equals(TelUri.Parse("tel:+1-201-555-0124")));
            Assert.IsFalse(TelUri.Parse("tel:+12015550123").Equals(TelUri.Parse("tel:+12015550123;ext=1")));
        }

        [TestMethod]
        public void AddressUriParse_ChoosesClassByScheme()
        {
            Assert.IsInstanceOfType(AddressUri.Parse("sip:a@example.com"), typeof(SipUri));
            Assert.IsInstanceOfType(AddressUri.Parse("SIPS:a@example.com"), typeof(SipUri));
            Assert.IsInstanceOfType(AddressUri.Parse("tel:+4930123"), typeof(TelUri));
            Assert.IsInstanceOfType(AddressUri.Parse("im:alice@example.com"), typeof(GenericUri));
        }

        [TestMethod]
        public void GenericParse_UnknownScheme_KeptOpaque()
        {
            var uri = (GenericUri)AddressUri.Parse("nobodyKnowsThisScheme:totallyopaquecontent");
            Assert.AreEqual("nobodyknowsthisscheme", uri.Scheme);
            Assert.AreEqual("totallyopaquecontent", uri.SpecificPart);
            Assert.AreEqual("soap.beep", AddressUri.Parse("soap.beep://192.0.2.103:3002").Scheme);
            Assert.AreEqual("http:/www.example.com/a%20b?x=1", AddressUri.Parse("http:/www.example.com/a%20b?x=1").ToString());
        }

        [TestMethod]
        [DataRow("noscheme")]
        [DataRow("1http://x")]
        [DataRow("http:")]
        [DataRow("http://a b")]
        [DataRow("http://a<b>")]
        [DataRow("http://a%2")]
        public void GenericParse_Malformed_Throws(string text)
        {
            SipAssert.Throws(() => AddressUri.Parse(text));
        }

        [TestMethod]
        public void IsSupportedScheme_SipSipsTelOnly()
        {
            Assert.IsTrue(AddressUri.IsSupportedScheme("SIP"));
            Assert.IsTrue(AddressUri.IsSupportedScheme("sips"));
            Assert.IsTrue(AddressUri.IsSupportedScheme("tel"));
            Assert.IsFalse(AddressUri.IsSupportedScheme("http"));
            Assert.AreEqual("soap.beep", AddressUri.SchemeOf("soap.beep://192.0.2.103:3002"));
            Assert.IsNull(AddressUri.SchemeOf("<sip:a@b>"));
        }
    }
}
