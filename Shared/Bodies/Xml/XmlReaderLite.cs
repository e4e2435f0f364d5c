using System;
using System.Collections;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Bodies.Xml
{
    /// <summary>
    /// A strict, bounded XML 1.0 reader for SIP bodies: UTF-8 bytes in, an <see cref="XmlElement"/> tree out,
    /// with namespaces resolved. Comments, processing instructions and the XML declaration are checked and
    /// dropped; DOCTYPE is refused (no entity expansion); whitespace-only text next to child elements is
    /// dropped. Anything malformed throws <see cref="SipParseException"/> (400) naming the problem and the
    /// byte position relative to the start of the body.
    /// </summary>
    public sealed class XmlReaderLite
    {
        /// <summary>Default limit on element nesting (the root is depth 1).</summary>
        public const int DefaultMaxDepth = 32;

        /// <summary>Default limit on the number of elements in one document.</summary>
        public const int DefaultMaxElements = 4096;

        /// <summary>Limit on attributes (namespace declarations included) of one element; keeps duplicate checks cheap.</summary>
        public const int MaxAttributes = 64;

        private const int ModeText = 0;
        private const int ModeAttribute = 1;
        private const int ModeRaw = 2; // CDATA and names: no references, no end-of-line handling

        private readonly byte[] _buf;
        private readonly int _start;
        private readonly int _end;
        private readonly int _maxDepth;
        private readonly int _maxElements;
        private readonly XmlNamespaceScope _namespaces = new XmlNamespaceScope();
        private readonly ArrayList _frames = new ArrayList();
        private readonly ArrayList _attrNames = new ArrayList();
        private readonly ArrayList _attrValues = new ArrayList();
        private readonly ArrayList _attrPositions = new ArrayList();
        private char[] _chars = new char[64];
        private int _pos;
        private int _depth;
        private int _elementCount;
        private string _pendingText;

        private Frame Top => (Frame)_frames[_depth - 1];

        private XmlReaderLite(byte[] buffer, int offset, int count, int maxDepth, int maxElements)
        {
            _buf = buffer;
            _start = offset;
            _end = offset + count;
            _pos = offset;
            _maxDepth = maxDepth;
            _maxElements = maxElements;
        }

        /// <summary>Parses a UTF-8 XML document with the default limits and returns its root element.</summary>
        public static XmlElement Parse(byte[] buffer, int offset, int count)
            => Parse(buffer, offset, count, DefaultMaxDepth, DefaultMaxElements);

        /// <summary>
        /// Parses a UTF-8 XML document and returns its root element; refuses documents nested deeper than
        /// <paramref name="maxDepth"/> or holding more than <paramref name="maxElements"/> elements.
        /// </summary>
        public static XmlElement Parse(byte[] buffer, int offset, int count, int maxDepth, int maxElements)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset and count must lie within the buffer");
            }

            if (maxDepth < 1 || maxElements < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxDepth), "limits must be at least 1");
            }

            return new XmlReaderLite(buffer, offset, count, maxDepth, maxElements).ParseDocument();
        }

        private XmlElement ParseDocument()
        {
            if (_end == _start)
            {
                throw new SipParseException("XML: the body is empty", 400);
            }

            if (_end - _pos >= 3 && _buf[_pos] == 0xEF && _buf[_pos + 1] == 0xBB && _buf[_pos + 2] == 0xBF)
            {
                _pos += 3; // byte order mark
            }

            if (StartsWith("<?xml") && _pos + 5 < _end && XmlChars.IsWhitespace(_buf[_pos + 5]))
            {
                ParseXmlDeclaration();
            }

            SkipMisc();
            if (_pos >= _end)
            {
                Fail("the body has no root element", _pos);
            }

            if (_buf[_pos] != '<')
            {
                Fail("text before the root element", _pos);
            }

            XmlElement root = ParseElements();
            SkipMisc();
            if (_pos < _end)
            {
                if (_buf[_pos] == '<' && _pos + 1 < _end && XmlChars.IsNameStart(_buf[_pos + 1]))
                {
                    Fail("a second root element", _pos);
                }

                Fail("content after the root element", _pos);
            }

            return root;
        }

        // Iterative, so a hostile nesting depth meets the limit instead of the stack.
        private XmlElement ParseElements()
        {
            XmlElement root = ParseStartTag(null);
            while (_depth > 0)
            {
                if (_pos >= _end)
                {
                    Fail("element <" + Snippet(Top.NameStart, Top.NameLength) + "> is not closed", _pos);
                }

                if (_buf[_pos] != '<')
                {
                    ParseTextRun();
                    continue;
                }

                if (_pos + 1 >= _end)
                {
                    Fail("the body ends inside markup", _pos);
                }

                byte next = _buf[_pos + 1];
                if (next == '/')
                {
                    ParseEndTag();
                }
                else if (next == '!')
                {
                    if (StartsWith("<!--"))
                    {
                        SkipComment();
                    }
                    else if (StartsWith("<![CDATA["))
                    {
                        ParseCData();
                    }
                    else
                    {
                        Fail("unexpected markup '<!' (DOCTYPE and declarations are not allowed)", _pos);
                    }
                }
                else if (next == '?')
                {
                    SkipProcessingInstruction();
                }
                else
                {
                    FlushText();
                    ParseStartTag(Top.Element);
                }
            }

            return root;
        }

        private XmlElement ParseStartTag(XmlElement parent)
        {
            int tagStart = _pos;
            _pos++;
            if (!ReadQName(out int nameStart, out int nameLength, out int nameColon))
            {
                Fail("expected an element name after '<'", _pos);
            }

            _attrNames.Clear();
            _attrValues.Clear();
            _attrPositions.Clear();
            bool empty = false;
            while (true)
            {
                bool sawSpace = SkipWhitespace();
                if (_pos >= _end)
                {
                    Fail("start tag <" + Snippet(nameStart, nameLength) + "> is not closed", tagStart);
                }

                byte b = _buf[_pos];
                if (b == '/')
                {
                    if (_pos + 1 < _end && _buf[_pos + 1] == '>')
                    {
                        _pos += 2;
                        empty = true;
                        break;
                    }

                    Fail("expected '>' after '/' in a start tag", _pos);
                }

                if (b == '>')
                {
                    _pos++;
                    break;
                }

                if (!sawSpace)
                {
                    Fail("expected white space before an attribute", _pos);
                }

                if (_attrNames.Count == MaxAttributes)
                {
                    Fail("more than " + MaxAttributes + " attributes on <" + Snippet(nameStart, nameLength) + ">", _pos);
                }

                ReadAttribute();
            }

            if (++_elementCount > _maxElements)
            {
                Fail("more than " + _maxElements + " elements", tagStart);
            }

            if (_depth + 1 > _maxDepth)
            {
                Fail("elements nested deeper than " + _maxDepth, tagStart);
            }

            int scopeMark = _namespaces.Mark;
            DeclareNamespaces();
            XmlElement element = CreateElement(nameStart, nameLength, nameColon, tagStart);
            AddAttributes(element);
            parent?.AppendChild(element);
            if (empty)
            {
                _namespaces.PopTo(scopeMark);
            }
            else
            {
                PushFrame(element, nameStart, nameLength, scopeMark);
            }

            return element;
        }

        private void ReadAttribute()
        {
            int attrStart = _pos;
            if (!ReadQName(out int nameStart, out int nameLength, out _))
            {
                Fail("expected an attribute name", _pos);
            }

            string name = DecodeText(nameStart, nameStart + nameLength, ModeRaw);
            SkipWhitespace();
            if (_pos >= _end || _buf[_pos] != '=')
            {
                Fail("attribute '" + name + "' has no value", attrStart);
            }

            _pos++;
            SkipWhitespace();
            if (_pos >= _end || (_buf[_pos] != '"' && _buf[_pos] != '\''))
            {
                Fail("the value of attribute '" + name + "' is not quoted", _pos);
            }

            byte quote = _buf[_pos++];
            int valueStart = _pos;
            while (_pos < _end && _buf[_pos] != quote)
            {
                if (_buf[_pos] == '<')
                {
                    Fail("'<' in the value of attribute '" + name + "'", _pos);
                }

                _pos++;
            }

            if (_pos >= _end)
            {
                Fail("the value of attribute '" + name + "' is not closed", valueStart);
            }

            string value = DecodeText(valueStart, _pos, ModeAttribute);
            _pos++;
            for (int i = 0; i < _attrNames.Count; i++)
            {
                if ((string)_attrNames[i] == name)
                {
                    Fail("duplicate attribute '" + name + "'", attrStart);
                }
            }

            _attrNames.Add(name);
            _attrValues.Add(value);
            _attrPositions.Add(attrStart);
        }

        private void DeclareNamespaces()
        {
            for (int i = 0; i < _attrNames.Count; i++)
            {
                string name = (string)_attrNames[i];
                string uri = (string)_attrValues[i];
                int at = (int)_attrPositions[i];
                if (name == "xmlns")
                {
                    if (uri == XmlNamespaces.Xml || uri == XmlNamespaces.Xmlns)
                    {
                        Fail("the default namespace cannot be '" + uri + "'", at);
                    }

                    _namespaces.Bind(string.Empty, uri);
                }
                else if (name.StartsWith("xmlns:"))
                {
                    string prefix = name.Substring(6);
                    if (prefix == "xmlns")
                    {
                        Fail("the prefix 'xmlns' cannot be declared", at);
                    }

                    if (uri.Length == 0)
                    {
                        Fail("namespace prefix '" + prefix + "' is bound to an empty URI", at);
                    }

                    if ((prefix == "xml") != (uri == XmlNamespaces.Xml) || uri == XmlNamespaces.Xmlns)
                    {
                        Fail("namespace prefix '" + prefix + "' cannot be bound to '" + uri + "'", at);
                    }

                    _namespaces.Bind(prefix, uri);
                }
            }
        }

        private XmlElement CreateElement(int nameStart, int nameLength, int nameColon, int tagStart)
        {
            string prefix = string.Empty;
            string local;
            if (nameColon >= 0)
            {
                prefix = DecodeText(nameStart, nameColon, ModeRaw);
                local = DecodeText(nameColon + 1, nameStart + nameLength, ModeRaw);
            }
            else
            {
                local = DecodeText(nameStart, nameStart + nameLength, ModeRaw);
            }

            string uri = _namespaces.Lookup(prefix);
            if (uri == null)
            {
                if (prefix.Length > 0)
                {
                    Fail("undeclared namespace prefix '" + prefix + "' on element <" + prefix + ":" + local + ">", tagStart);
                }

                uri = string.Empty;
            }

            return new XmlElement(prefix, local, uri);
        }

        private void AddAttributes(XmlElement element)
        {
            for (int i = 0; i < _attrNames.Count; i++)
            {
                string name = (string)_attrNames[i];
                if (name == "xmlns" || name.StartsWith("xmlns:"))
                {
                    continue;
                }

                int at = (int)_attrPositions[i];
                string prefix = string.Empty;
                string local = name;
                string uri = string.Empty;
                int colon = name.IndexOf(':');
                if (colon >= 0)
                {
                    prefix = name.Substring(0, colon);
                    local = name.Substring(colon + 1);
                    uri = _namespaces.Lookup(prefix);
                    if (uri == null)
                    {
                        Fail("undeclared namespace prefix '" + prefix + "' on attribute '" + name + "'", at);
                    }
                }

                if (element.GetAttribute(local, uri) != null)
                {
                    Fail("duplicate attribute '" + name + "' after namespace resolution", at);
                }

                element.SetAttribute(prefix, local, uri, (string)_attrValues[i]);
            }
        }

        private void ParseEndTag()
        {
            int tagStart = _pos;
            _pos += 2;
            if (!ReadQName(out int nameStart, out int nameLength, out _))
            {
                Fail("expected an element name after '</'", _pos);
            }

            SkipWhitespace();
            if (_pos >= _end || _buf[_pos] != '>')
            {
                Fail("end tag </" + Snippet(nameStart, nameLength) + "> is not closed", tagStart);
            }

            _pos++;
            Frame top = Top;
            if (!SameBytes(nameStart, nameLength, top.NameStart, top.NameLength))
            {
                Fail("mismatched end tag </" + Snippet(nameStart, nameLength) + ">, expected </"
                    + Snippet(top.NameStart, top.NameLength) + ">", tagStart);
            }

            FlushText();
            XmlElement element = top.Element;
            if (element.HasElementChildren)
            {
                // Indentation between child elements carries no data.
                for (int i = element.ChildCount - 1; i >= 0; i--)
                {
                    if (element.GetChild(i) is XmlText t && XmlChars.IsAllWhitespace(t.Value))
                    {
                        element.RemoveChildAt(i);
                    }
                }
            }

            _namespaces.PopTo(top.ScopeMark);
            top.Element = null;
            _depth--;
        }

        private void ParseTextRun()
        {
            int start = _pos;
            while (_pos < _end && _buf[_pos] != '<')
            {
                _pos++;
            }

            AppendPending(DecodeText(start, _pos, ModeText));
        }

        private void ParseCData()
        {
            int start = _pos + 9;
            int close = IndexOf(start, ']', ']', '>');
            if (close < 0)
            {
                Fail("CDATA section is not closed", _pos);
            }

            AppendPending(DecodeText(start, close, ModeRaw));
            _pos = close + 3;
        }

        private void SkipComment()
        {
            int open = _pos;
            for (int i = _pos + 4; i + 1 < _end; i++)
            {
                if (_buf[i] == '-' && _buf[i + 1] == '-')
                {
                    if (i + 2 < _end && _buf[i + 2] == '>')
                    {
                        _pos = i + 3;
                        return;
                    }

                    Fail("'--' inside a comment", i);
                }
            }

            Fail("comment is not closed", open);
        }

        private void SkipProcessingInstruction()
        {
            int open = _pos;
            _pos += 2;
            if (!ReadQName(out int nameStart, out int nameLength, out _))
            {
                Fail("processing instruction without a target", _pos);
            }

            if (nameLength == 3 && (_buf[nameStart] | 0x20) == 'x' && (_buf[nameStart + 1] | 0x20) == 'm'
                && (_buf[nameStart + 2] | 0x20) == 'l')
            {
                Fail("the XML declaration is only allowed at the very start", open);
            }

            if (_pos < _end && !XmlChars.IsWhitespace(_buf[_pos]) && _buf[_pos] != '?')
            {
                Fail("malformed processing instruction target", _pos);
            }

            int close = IndexOf(_pos, '?', '>', '\0');
            if (close < 0)
            {
                Fail("processing instruction is not closed", open);
            }

            _pos = close + 2;
        }

        private void ParseXmlDeclaration()
        {
            int open = _pos;
            _pos += 5;
            int seen = 0; // 1 version, 2 encoding, 3 standalone: they must come in this order
            while (true)
            {
                bool sawSpace = SkipWhitespace();
                if (StartsWith("?>"))
                {
                    _pos += 2;
                    break;
                }

                if (_pos >= _end)
                {
                    Fail("XML declaration is not closed", open);
                }

                if (!sawSpace)
                {
                    Fail("malformed XML declaration", _pos);
                }

                if (!ReadQName(out int nameStart, out int nameLength, out _))
                {
                    Fail("malformed XML declaration", _pos);
                }

                string name = Snippet(nameStart, nameLength);
                SkipWhitespace();
                if (_pos >= _end || _buf[_pos] != '=')
                {
                    Fail("malformed XML declaration", _pos);
                }

                _pos++;
                SkipWhitespace();
                if (_pos >= _end || (_buf[_pos] != '"' && _buf[_pos] != '\''))
                {
                    Fail("malformed XML declaration", _pos);
                }

                byte quote = _buf[_pos++];
                int valueStart = _pos;
                while (_pos < _end && _buf[_pos] != quote && _buf[_pos] != '<' && _buf[_pos] != '>')
                {
                    _pos++;
                }

                if (_pos >= _end || _buf[_pos] != quote)
                {
                    Fail("XML declaration is not closed", open);
                }

                string value = Snippet(valueStart, _pos - valueStart);
                _pos++;
                if (name == "version" && seen == 0)
                {
                    if (!value.StartsWith("1.") || value.Length < 3)
                    {
                        Fail("unsupported XML version '" + value + "'", valueStart);
                    }

                    seen = 1;
                }
                else if (name == "encoding" && seen == 1)
                {
                    if (value.ToLower() != "utf-8")
                    {
                        Fail("unsupported encoding '" + value + "', only UTF-8 is accepted", valueStart);
                    }

                    seen = 2;
                }
                else if (name == "standalone" && seen >= 1 && seen < 3)
                {
                    if (value != "yes" && value != "no")
                    {
                        Fail("standalone must be 'yes' or 'no'", valueStart);
                    }

                    seen = 3;
                }
                else
                {
                    Fail("unexpected '" + name + "' in the XML declaration", nameStart);
                }
            }

            if (seen == 0)
            {
                Fail("XML declaration without version", open);
            }
        }

        private void SkipMisc()
        {
            while (_pos < _end)
            {
                if (XmlChars.IsWhitespace(_buf[_pos]))
                {
                    _pos++;
                }
                else if (StartsWith("<!--"))
                {
                    SkipComment();
                }
                else if (StartsWith("<?"))
                {
                    SkipProcessingInstruction();
                }
                else if (StartsWith("<!"))
                {
                    Fail("DOCTYPE and other declarations are not allowed", _pos);
                }
                else
                {
                    return;
                }
            }
        }

        // Decodes UTF-8 with the XML rules of the mode: references, end-of-line and attribute
        // normalization, legal characters. The result never has more UTF-16 units than input bytes.
        private string DecodeText(int start, int end, int mode)
        {
            int needed = end - start;
            if (_chars.Length < needed)
            {
                _chars = new char[needed > 2 * _chars.Length ? needed : 2 * _chars.Length];
            }

            char[] chars = _chars;
            int n = 0;
            int i = start;
            while (i < end)
            {
                int b = _buf[i];
                if (b >= 0x80)
                {
                    int length = Utf8.DecodeScalar(_buf, i, end, out int scalar);
                    if (length <= 0)
                    {
                        Fail("invalid UTF-8", i);
                    }

                    if (!XmlChars.IsLegalScalar(scalar))
                    {
                        Fail("character U+" + scalar.ToString("X4") + " is not allowed in XML", i);
                    }

                    n = Utf8.AppendScalar(chars, n, scalar);
                    i += length;
                }
                else if (b == '&' && mode != ModeRaw)
                {
                    i = DecodeReference(i, end, ref n);
                }
                else if (b == '\r' && mode != ModeRaw)
                {
                    chars[n++] = mode == ModeAttribute ? ' ' : '\n';
                    i++;
                    if (i < end && _buf[i] == '\n')
                    {
                        i++;
                    }
                }
                else if ((b == '\n' || b == '\t') && mode == ModeAttribute)
                {
                    chars[n++] = ' ';
                    i++;
                }
                else if (b < 0x20 && b != '\n' && b != '\t' && b != '\r')
                {
                    Fail("control character 0x" + b.ToString("X2") + " is not allowed in XML", i);
                }
                else
                {
                    if (b == '>' && mode == ModeText && i - start >= 2 && _buf[i - 1] == ']' && _buf[i - 2] == ']')
                    {
                        Fail("']]>' is not allowed in text", i - 2);
                    }

                    chars[n++] = (char)b;
                    i++;
                }
            }

            return new string(chars, 0, n);
        }

        private int DecodeReference(int at, int end, ref int n)
        {
            const int MaxReferenceLength = 32;
            int semi = -1;
            for (int j = at + 1; j < end && j <= at + MaxReferenceLength; j++)
            {
                if (_buf[j] == ';')
                {
                    semi = j;
                    break;
                }
            }

            if (semi < 0)
            {
                Fail("unterminated entity reference", at);
            }

            if (_buf[at + 1] == '#')
            {
                bool hex = at + 2 < semi && _buf[at + 2] == 'x';
                int digits = hex ? at + 3 : at + 2;
                if (digits >= semi)
                {
                    Fail("empty character reference", at);
                }

                int value = 0;
                for (int j = digits; j < semi; j++)
                {
                    int d = DigitValue(_buf[j], hex);
                    if (d < 0)
                    {
                        Fail("malformed character reference '" + Snippet(at, semi + 1 - at) + "'", at);
                    }

                    value = (value * (hex ? 16 : 10)) + d;
                    if (value > 0x10FFFF)
                    {
                        Fail("character reference '" + Snippet(at, semi + 1 - at) + "' is out of range", at);
                    }
                }

                if (!XmlChars.IsLegalScalar(value))
                {
                    Fail("character reference '" + Snippet(at, semi + 1 - at) + "' is not an XML character", at);
                }

                n = Utf8.AppendScalar(_chars, n, value);
                return semi + 1;
            }

            char c = NamedEntity(at + 1, semi - at - 1);
            if (c == '\0')
            {
                Fail("undefined entity '" + Snippet(at, semi + 1 - at) + "'", at);
            }

            _chars[n++] = c;
            return semi + 1;
        }

        private char NamedEntity(int start, int length)
        {
            if (Matches(start, length, "lt"))
            {
                return '<';
            }

            if (Matches(start, length, "gt"))
            {
                return '>';
            }

            if (Matches(start, length, "amp"))
            {
                return '&';
            }

            if (Matches(start, length, "quot"))
            {
                return '"';
            }

            if (Matches(start, length, "apos"))
            {
                return '\'';
            }

            return '\0';
        }

        private static int DigitValue(int b, bool hex)
        {
            if (b >= '0' && b <= '9')
            {
                return b - '0';
            }

            if (hex && b >= 'a' && b <= 'f')
            {
                return b - 'a' + 10;
            }

            if (hex && b >= 'A' && b <= 'F')
            {
                return b - 'A' + 10;
            }

            return -1;
        }

        // A qualified name: NCName or NCName ':' NCName. Stops at the first byte that cannot be part of it.
        private bool ReadQName(out int start, out int length, out int colon)
        {
            start = _pos;
            colon = -1;
            length = 0;
            if (_pos >= _end || !XmlChars.IsNameStart(_buf[_pos]))
            {
                return false;
            }

            _pos++;
            while (_pos < _end)
            {
                byte b = _buf[_pos];
                if (b == ':')
                {
                    if (colon >= 0 || _pos + 1 >= _end || !XmlChars.IsNameStart(_buf[_pos + 1]))
                    {
                        Fail("malformed name '" + Snippet(start, _pos + 1 - start) + "'", start);
                    }

                    colon = _pos;
                }
                else if (!XmlChars.IsNamePart(b))
                {
                    break;
                }

                _pos++;
            }

            length = _pos - start;
            return true;
        }

        private bool SkipWhitespace()
        {
            int before = _pos;
            while (_pos < _end && XmlChars.IsWhitespace(_buf[_pos]))
            {
                _pos++;
            }

            return _pos > before;
        }

        private bool StartsWith(string ascii)
        {
            if (_end - _pos < ascii.Length)
            {
                return false;
            }

            for (int i = 0; i < ascii.Length; i++)
            {
                if (_buf[_pos + i] != ascii[i])
                {
                    return false;
                }
            }

            return true;
        }

        private bool Matches(int start, int length, string ascii)
        {
            if (length != ascii.Length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (_buf[start + i] != ascii[i])
                {
                    return false;
                }
            }

            return true;
        }

        private bool SameBytes(int a, int aLength, int b, int bLength)
        {
            if (aLength != bLength)
            {
                return false;
            }

            for (int i = 0; i < aLength; i++)
            {
                if (_buf[a + i] != _buf[b + i])
                {
                    return false;
                }
            }

            return true;
        }

        // Position of the two- or three-byte marker (c2 == '\0' means two bytes) at or after from, or -1.
        private int IndexOf(int from, char c0, char c1, char c2)
        {
            int width = c2 == '\0' ? 2 : 3;
            for (int i = from; i + width <= _end; i++)
            {
                if (_buf[i] == c0 && _buf[i + 1] == c1 && (width == 2 || _buf[i + 2] == c2))
                {
                    return i;
                }
            }

            return -1;
        }

        private void PushFrame(XmlElement element, int nameStart, int nameLength, int scopeMark)
        {
            Frame frame;
            if (_depth < _frames.Count)
            {
                frame = (Frame)_frames[_depth];
            }
            else
            {
                frame = new Frame();
                _frames.Add(frame);
            }

            frame.Element = element;
            frame.NameStart = nameStart;
            frame.NameLength = nameLength;
            frame.ScopeMark = scopeMark;
            _depth++;
        }

        private void AppendPending(string text)
        {
            if (text.Length == 0)
            {
                return;
            }

            _pendingText = _pendingText == null ? text : _pendingText + text;
        }

        private void FlushText()
        {
            if (_pendingText != null)
            {
                Top.Element.AppendChild(new XmlText(_pendingText));
                _pendingText = null;
            }
        }

        // Printable ASCII view of raw bytes for error messages; anything else shows as '?'.
        private string Snippet(int start, int length)
        {
            const int MaxSnippet = 40;
            int shown = length > MaxSnippet ? MaxSnippet : length;
            var chars = new char[shown];
            for (int i = 0; i < shown; i++)
            {
                int b = _buf[start + i];
                chars[i] = b >= 0x20 && b < 0x7F ? (char)b : '?';
            }

            string s = new string(chars);
            return length > shown ? s + "..." : s;
        }

        private void Fail(string reason, int position)
            => throw new SipParseException("XML: " + reason + " at byte " + (position - _start), 400);

        private sealed class Frame
        {
            public XmlElement Element;
            public int NameStart;
            public int NameLength;
            public int ScopeMark;
        }
    }
}
