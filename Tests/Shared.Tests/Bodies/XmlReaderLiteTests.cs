#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using SimpleImGateway.Sip.Bodies.Xml;
using static SimpleImGateway.Sip.Tests.Bodies.BodyTestSupport;

namespace SimpleImGateway.Sip.Tests.Bodies
{
    [TestClass]
    public class XmlReaderLiteTests
    {
        private static XmlElement Parse(string xml)
        {
            byte[] bytes = Utf8(xml);
            return XmlReaderLite.Parse(bytes, 0, bytes.Length);
        }

        private static string Error(string xml)
        {
            byte[] bytes = Utf8(xml);
            return ParseError(() => XmlReaderLite.Parse(bytes, 0, bytes.Length));
        }

        private static string Error(byte[] bytes) => ParseError(() => XmlReaderLite.Parse(bytes, 0, bytes.Length));

        [TestMethod]
        public void Parse_PrefixedAndDefaultNamespaces_ResolvesUrisAndKeepsPrefixes()
        {
            XmlElement root = Parse("<r xmlns=\"urn:d\" xmlns:p=\"urn:p\"><p:a p:x=\"1\" y=\"2\"/><b/></r>");

            Assert.IsTrue(root.Is("r", "urn:d"));
            var a = (XmlElement)root.GetChild(0);
            Assert.AreEqual("p", a.Prefix);
            Assert.IsTrue(a.Is("a", "urn:p"));
            Assert.AreEqual("1", a.GetAttribute("x", "urn:p"));
            Assert.AreEqual("2", a.GetAttribute("y"));
            Assert.IsNull(a.GetAttribute("x"));
            Assert.IsTrue(((XmlElement)root.GetChild(1)).Is("b", "urn:d"));
        }

        [TestMethod]
        public void Parse_RedeclarationAndUndeclaration_ScopeEndsWithElement()
        {
            XmlElement root = Parse("<r xmlns=\"urn:d\" xmlns:p=\"urn:p\"><a xmlns=\"\"><p:b xmlns:p=\"urn:q\"/></a><p:c/><d/></r>");

            var a = (XmlElement)root.GetChild(0);
            Assert.IsTrue(a.Is("a", string.Empty));
            Assert.IsTrue(((XmlElement)a.GetChild(0)).Is("b", "urn:q"));
            Assert.IsTrue(((XmlElement)root.GetChild(1)).Is("c", "urn:p"));
            Assert.IsTrue(((XmlElement)root.GetChild(2)).Is("d", "urn:d"));
        }

        [TestMethod]
        public void Parse_XmlLangAttribute_IsInXmlNamespaceWithoutDeclaration()
        {
            XmlElement root = Parse("<note xml:lang=\"fr\">x</note>");

            Assert.AreEqual("fr", root.GetAttribute("lang", XmlNamespaces.Xml));
            Assert.AreEqual("xml", root.GetAttribute(0).Prefix);
        }

        [TestMethod]
        public void Parse_EntitiesAndCharacterReferences_AreDecoded()
        {
            XmlElement root = Parse("<a v=\"&quot;&apos;&#x41;\">&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;&#233;</a>");

            Assert.AreEqual("<>&\"'AB\U0001F600\u00E9", root.Text);
            Assert.AreEqual("\"'A", root.GetAttribute("v"));
        }

        [TestMethod]
        public void Parse_CDataCommentAndProcessingInstruction_MergeIntoOneTextNode()
        {
            XmlElement root = Parse("<a>x<![CDATA[<b>&amp;]]><!-- c --><?pi data?>y</a>");

            Assert.AreEqual(1, root.ChildCount);
            Assert.AreEqual("x<b>&amp;y", root.Text);
        }

        [TestMethod]
        public void Parse_DeclarationBomCommentsAndTrailingMisc_AreSkipped()
        {
            byte[] body = Utf8("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\" standalone='yes' ?>\n<!-- head -->\n<?style x?>\n<a/>\n<!-- tail -->\n");

            XmlElement root = XmlReaderLite.Parse(body, 0, body.Length);

            Assert.AreEqual("a", root.LocalName);
            Assert.AreEqual(0, root.ChildCount);
        }

        [TestMethod]
        public void Parse_WhitespaceBetweenElements_IsDroppedButTextOnlyWhitespaceIsKept()
        {
            XmlElement root = Parse("<a>\n  <b> </b>\n  <c/>\n</a>");

            Assert.AreEqual(2, root.ChildCount);
            Assert.AreEqual(" ", ((XmlElement)root.GetChild(0)).Text);
        }

        [TestMethod]
        public void Parse_LineEndsAndAttributeWhitespace_AreNormalizedAsXmlRequires()
        {
            XmlElement root = Parse("<a v=\"1\t2\n3\r\n4&#10;5\">x\r\ny\rz</a>");

            Assert.AreEqual("x\ny\nz", root.Text);
            Assert.AreEqual("1 2 3 4\n5", root.GetAttribute("v"));
        }

        [TestMethod]
        public void Parse_NonAsciiNamesAndText_AreDecoded()
        {
            XmlElement root = Parse("<caf\u00E9 n\u00E4me=\"\u20AC\">\u65E5\u672C \U0001F600</caf\u00E9>");

            Assert.AreEqual("caf\u00E9", root.LocalName);
            Assert.AreEqual("\u20AC", root.GetAttribute("n\u00E4me"));
            Assert.AreEqual("\u65E5\u672C \U0001F600", root.Text);
        }

        [TestMethod]
        public void Parse_OffsetAndCount_ReadOnlyThatRange()
        {
            byte[] framed = Utf8("garbage<a>ok</a>more garbage");

            XmlElement root = XmlReaderLite.Parse(framed, 7, 9);

            Assert.AreEqual("ok", root.Text);
        }

        [TestMethod]
        public void Parse_ErrorPosition_IsRelativeToOffset()
        {
            byte[] framed = Utf8("xx<a></b>");

            string reason = ParseError(() => XmlReaderLite.Parse(framed, 2, 7));

            AssertContains("at byte 3", reason);
        }

        [TestMethod]
        public void Parse_DepthAtLimit_Succeeds()
        {
            string xml = Nest(XmlReaderLite.DefaultMaxDepth);

            XmlElement root = Parse(xml);

            Assert.AreEqual("e", root.LocalName);
        }

        [TestMethod]
        public void Parse_DepthBeyondLimit_ThrowsWithoutStackOverflow()
        {
            AssertContains("nested deeper than 32", Error(Nest(XmlReaderLite.DefaultMaxDepth + 1)));
            AssertContains("nested deeper than 32", Error(Nest(100000)));
        }

        [TestMethod]
        public void Parse_ElementCountBeyondLimit_Throws()
        {
            byte[] body = Utf8("<a><b/><b/><b/><b/></a>");

            XmlReaderLite.Parse(body, 0, body.Length, 8, 5);
            string reason = ParseError(() => XmlReaderLite.Parse(body, 0, body.Length, 8, 4));

            AssertContains("more than 4 elements", reason);
        }

        [TestMethod]
        public void Parse_AttributesAtAndBeyondLimit_SucceedsThenThrows()
        {
            string atLimit = Attributes(XmlReaderLite.MaxAttributes);
            string beyond = Attributes(XmlReaderLite.MaxAttributes + 1);

            Assert.AreEqual(XmlReaderLite.MaxAttributes, Parse("<a" + atLimit + "/>").AttributeCount);
            AssertContains("more than 64 attributes on <a>", Error("<a" + beyond + "/>"));
        }

        [TestMethod]
        public void Parse_BadArguments_ThrowArgumentExceptions()
        {
            byte[] body = Utf8("<a/>");

            Assert.IsTrue(Catch(() => XmlReaderLite.Parse(null, 0, 0)) is ArgumentNullException);
            Assert.IsTrue(Catch(() => XmlReaderLite.Parse(body, 2, 3)) is ArgumentOutOfRangeException);
            Assert.IsTrue(Catch(() => XmlReaderLite.Parse(body, 0, 4, 0, 10)) is ArgumentOutOfRangeException);
        }

        [TestMethod]
        [DataRow("", "the body is empty")]
        [DataRow("  \n ", "no root element")]
        [DataRow("hello", "text before the root element")]
        [DataRow("<", "expected an element name after '<'")]
        [DataRow("<1a/>", "expected an element name after '<'")]
        [DataRow("<a:/>", "malformed name 'a:'")]
        [DataRow("<a:b:c/>", "malformed name")]
        [DataRow("<a", "start tag <a> is not closed")]
        [DataRow("<a/ >", "expected '>' after '/'")]
        [DataRow("<a>", "element <a> is not closed")]
        [DataRow("<a><b>text</b>", "element <a> is not closed")]
        [DataRow("<a>x<", "the body ends inside markup")]
        [DataRow("<a></b>", "mismatched end tag </b>, expected </a> at byte 3")]
        [DataRow("<a><b></a></b>", "mismatched end tag </a>, expected </b>")]
        [DataRow("<p:a xmlns:p='u'></q:a>", "mismatched end tag </q:a>, expected </p:a>")]
        [DataRow("<a></ a>", "expected an element name after '</'")]
        [DataRow("<a></a", "end tag </a> is not closed")]
        [DataRow("<a/><b/>", "a second root element")]
        [DataRow("<a/>junk", "content after the root element")]
        [DataRow("<a x=1/>", "the value of attribute 'x' is not quoted")]
        [DataRow("<a x/>", "attribute 'x' has no value")]
        [DataRow("<a x='1'y='2'/>", "expected white space before an attribute")]
        [DataRow("<a x='<'/>", "'<' in the value of attribute 'x'")]
        [DataRow("<a x='1/>", "the value of attribute 'x' is not closed")]
        [DataRow("<a x='1' x='2'/>", "duplicate attribute 'x'")]
        [DataRow("<a xmlns:p='u' xmlns:q='u' p:x='1' q:x='2'/>", "duplicate attribute 'q:x' after namespace resolution")]
        [DataRow("<p:a/>", "undeclared namespace prefix 'p' on element <p:a>")]
        [DataRow("<a><p:b/></a>", "undeclared namespace prefix 'p'")]
        [DataRow("<a p:x='1'/>", "undeclared namespace prefix 'p' on attribute 'p:x'")]
        [DataRow("<a><b xmlns:p='u'/><p:c/></a>", "undeclared namespace prefix 'p'")]
        [DataRow("<a xmlns:p=''/>", "namespace prefix 'p' is bound to an empty URI")]
        [DataRow("<a xmlns:xmlns='u'/>", "the prefix 'xmlns' cannot be declared")]
        [DataRow("<a xmlns:xml='urn:x'/>", "namespace prefix 'xml' cannot be bound")]
        [DataRow("<a xmlns:p='http://www.w3.org/XML/1998/namespace'/>", "namespace prefix 'p' cannot be bound")]
        [DataRow("<a xmlns='http://www.w3.org/2000/xmlns/'/>", "the default namespace cannot be")]
        [DataRow("<a>&foo;</a>", "undefined entity '&foo;'")]
        [DataRow("<a>&amp</a>", "unterminated entity reference")]
        [DataRow("<a>AT&T</a>", "unterminated entity reference")]
        [DataRow("<a>&;</a>", "undefined entity '&;'")]
        [DataRow("<a>&#;</a>", "empty character reference")]
        [DataRow("<a>&#x;</a>", "empty character reference")]
        [DataRow("<a>&#xZZ;</a>", "malformed character reference '&#xZZ;'")]
        [DataRow("<a>&#12a;</a>", "malformed character reference")]
        [DataRow("<a>&#0;</a>", "'&#0;' is not an XML character")]
        [DataRow("<a>&#xD800;</a>", "is not an XML character")]
        [DataRow("<a>&#x110000;</a>", "'&#x110000;' is out of range")]
        [DataRow("<a>&#99999999999999999999;</a>", "is out of range")]
        [DataRow("<a x='&bad;'/>", "undefined entity '&bad;'")]
        [DataRow("<a>]]></a>", "']]>' is not allowed in text")]
        [DataRow("<a>\u0001</a>", "control character 0x01 is not allowed")]
        [DataRow("<a x='\u001F'/>", "control character 0x1F")]
        [DataRow("<a>\uFFFE</a>", "character U+FFFE is not allowed")]
        [DataRow("<a><!-- x -- y --></a>", "'--' inside a comment")]
        [DataRow("<a><!-- x ---></a>", "'--' inside a comment")]
        [DataRow("<a><!-- x </a>", "comment is not closed")]
        [DataRow("<a><![CDATA[x</a>", "CDATA section is not closed")]
        [DataRow("<a><?pi x</a>", "processing instruction is not closed")]
        [DataRow("<a><?</a>", "processing instruction without a target")]
        [DataRow("<a><?pi*?></a>", "malformed processing instruction target")]
        [DataRow("<!DOCTYPE a [<!ENTITY x 'y'>]><a/>", "DOCTYPE and other declarations are not allowed")]
        [DataRow("<a><!DOCTYPE a></a>", "unexpected markup '<!'")]
        [DataRow("<a/><?xml version='1.0'?>", "the XML declaration is only allowed at the very start")]
        [DataRow(" <?xml version='1.0'?><a/>", "the XML declaration is only allowed at the very start")]
        [DataRow("<?XML version='1.0'?><a/>", "the XML declaration is only allowed at the very start")]
        [DataRow("<?xml version='2.0'?><a/>", "unsupported XML version '2.0'")]
        [DataRow("<?xml version='1.0' encoding='ISO-8859-1'?><a/>", "unsupported encoding 'ISO-8859-1', only UTF-8")]
        [DataRow("<?xml encoding='UTF-8'?><a/>", "unexpected 'encoding' in the XML declaration")]
        [DataRow("<?xml version='1.0' standalone='maybe'?><a/>", "standalone must be 'yes' or 'no'")]
        [DataRow("<?xml version='1.0'<a/>", "malformed XML declaration")]
        [DataRow("<?xml version='1.0' ", "XML declaration is not closed")]
        [DataRow("<?xml ?><a/>", "XML declaration without version")]
        public void Parse_MalformedXml_ThrowsSipParseExceptionNamingTheProblem(string xml, string expected)
        {
            string reason = Error(xml);

            AssertContains(expected, reason);
            Assert.IsTrue(reason.StartsWith("XML: "), reason);
        }

        [TestMethod]
        [DataRow(new byte[] { 0x3C, 0x61, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x61, 0x3E }, "invalid UTF-8 at byte 3")]
        [DataRow(new byte[] { 0x3C, 0x61, 0x3E, 0xC0, 0xAF, 0x3C, 0x2F, 0x61, 0x3E }, "invalid UTF-8")]
        [DataRow(new byte[] { 0x3C, 0x61, 0x3E, 0xE0, 0x80, 0xAF, 0x3C, 0x2F, 0x61, 0x3E }, "invalid UTF-8")]
        [DataRow(new byte[] { 0x3C, 0x61, 0x3E, 0xED, 0xA0, 0x80, 0x3C, 0x2F, 0x61, 0x3E }, "invalid UTF-8")]
        [DataRow(new byte[] { 0x3C, 0x61, 0x3E, 0xF4, 0x90, 0x80, 0x80, 0x3C, 0x2F, 0x61, 0x3E }, "invalid UTF-8")]
        [DataRow(new byte[] { 0x3C, 0x61, 0x3E, 0xE2, 0x82 }, "invalid UTF-8")]
        [DataRow(new byte[] { 0x3C, 0x61, 0x3E, 0xFF, 0x3C, 0x2F, 0x61, 0x3E }, "invalid UTF-8")]
        [DataRow(new byte[] { 0x3C, 0x61, 0x3E, 0x00, 0x3C, 0x2F, 0x61, 0x3E }, "control character 0x00")]
        [DataRow(new byte[] { 0x3C, 0xC3, 0x2F, 0x3E }, "invalid UTF-8 at byte 1")]
        public void Parse_MalformedBytes_ThrowsSipParseException(byte[] body, string expected)
        {
            AssertContains(expected, Error(body));
        }

        private static string Attributes(int count)
        {
            var parts = new string[count];
            for (int i = 0; i < count; i++)
            {
                parts[i] = " a" + i + "=\"\"";
            }

            return string.Concat(parts);
        }

        private static string Nest(int depth)
        {
            var open = new string[depth];
            var close = new string[depth];
            for (int i = 0; i < depth; i++)
            {
                open[i] = "<e>";
                close[i] = "</e>";
            }

            return string.Concat(open) + string.Concat(close);
        }
    }
}
