#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Tests.Message
{
    [TestClass]
    public class SipRequestValidatorTests
    {
        private static SipMessage Request(string uri)
        {
            SipMessage m = SipMessage.CreateRequest(SipMethods.Options, uri);
            m.Headers.Add("Via", "SIP/2.0/UDP h;branch=z9hG4bK1");
            m.Headers.Add("To", "<sip:a@example.com>");
            m.Headers.Add("From", "<sip:b@example.com>;tag=1");
            m.Headers.Add("Call-ID", "x");
            m.Headers.Add("CSeq", "1 OPTIONS");
            m.Headers.Add("Max-Forwards", "70");
            return m;
        }

        [TestMethod]
        public void Validate_CompleteRequest_Valid()
        {
            Assert.IsTrue(new SipRequestValidator().Validate(Request("sip:a@example.com")).IsValid);
            Assert.IsTrue(new SipRequestValidator().Validate(Request("tel:+4930123")).IsValid);
            Assert.AreSame(SipValidationResult.Valid, new SipRequestValidator().Validate(Request("sips:a@example.com")));
        }

        [TestMethod]
        [DataRow("Via")]
        [DataRow("To")]
        [DataRow("From")]
        [DataRow("Call-ID")]
        [DataRow("CSeq")]
        public void Validate_MissingMandatoryHeader_400(string name)
        {
            SipMessage m = Request("sip:a@example.com");
            m.Headers.Remove(name);
            SipValidationResult r = new SipRequestValidator().Validate(m);
            Assert.AreEqual(400, r.StatusCode);
            Assert.AreEqual("Missing " + name + " header", r.ReasonPhrase);
        }

        [TestMethod]
        public void Validate_RepeatedSingleValueHeader_400()
        {
            SipMessage m = Request("sip:a@example.com");
            m.Headers.Add("Call-ID", "y");
            Assert.AreEqual(400, new SipRequestValidator().Validate(m).StatusCode);
        }

        [TestMethod]
        public void Validate_UnsupportedScheme_416()
        {
            Assert.AreEqual(416, new SipRequestValidator().Validate(Request("http://example.com/")).StatusCode);
            var validator = new SipRequestValidator { SupportedSchemes = new[] { "sip" } };
            Assert.AreEqual(416, validator.Validate(Request("tel:+4930123")).StatusCode);
        }

        [TestMethod]
        public void Validate_MaxForwardsZero_483AtProxyOnly()
        {
            SipMessage m = Request("sip:a@example.com");
            m.Headers.Set("Max-Forwards", "0");
            Assert.AreEqual(483, new SipRequestValidator { ActsAsProxy = true }.Validate(m).StatusCode);
            Assert.IsTrue(new SipRequestValidator().Validate(m).IsValid);
        }

        [TestMethod]
        public void Validate_UnknownRequire_420ListingOnlyUnsupportedTags()
        {
            SipMessage m = Request("sip:a@example.com");
            m.Headers.Add("Require", "path");
            m.Headers.Add("Require", "foo");
            m.Headers.Add("Require", "bar");
            m.Headers.Add("Proxy-Require", "baz");
            var uas = new SipRequestValidator { SupportedExtensions = new[] { "PATH" } };
            SipValidationResult r = uas.Validate(m);
            Assert.AreEqual(420, r.StatusCode);
            Assert.AreEqual("Unsupported", r.HeaderName);
            Assert.AreEqual("foo, bar", r.HeaderValue);
            SipValidationResult proxy = new SipRequestValidator { ActsAsProxy = true }.Validate(m);
            Assert.AreEqual("baz", proxy.HeaderValue);
        }

        [TestMethod]
        public void Validate_RequireListInOneValue_EachTagChecked()
        {
            SipMessage m = Request("sip:a@example.com");
            m.Headers.Add("Require", "path, foo,100rel");
            var uas = new SipRequestValidator { SupportedExtensions = new[] { "path" } };
            Assert.AreEqual("foo, 100rel", uas.Validate(m).HeaderValue);
        }

        [TestMethod]
        public void Validate_RequireOnCancel_Ignored()
        {
            SipMessage m = Request("sip:a@example.com");
            m.Method = SipMethods.Cancel;
            m.Headers.Add("Require", "foo");
            Assert.IsTrue(new SipRequestValidator().Validate(m).IsValid);
        }

        [TestMethod]
        public void Validate_MethodNotAllowed_405Or501WithAllow()
        {
            var uas = new SipRequestValidator { AllowedMethods = new[] { "REGISTER", "MESSAGE" } };
            SipValidationResult r = uas.Validate(Request("sip:a@example.com"));
            Assert.AreEqual(405, r.StatusCode);
            Assert.AreEqual("Allow", r.HeaderName);
            Assert.AreEqual("REGISTER, MESSAGE", r.HeaderValue);
            SipMessage m = Request("sip:a@example.com");
            m.Method = "FOO";
            Assert.AreEqual(501, uas.Validate(m).StatusCode);
        }
    }
}
