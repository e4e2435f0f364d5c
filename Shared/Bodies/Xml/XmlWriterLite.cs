using System;
using System.Collections;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Bodies.Xml
{
    /// <summary>
    /// Writes compact, correctly escaped UTF-8 XML (no indentation) into a caller's buffer, a buffer of
    /// its own that grows, or nowhere at all to measure. Namespace declarations are added where an element
    /// or attribute needs one that is not in scope, so any <see cref="XmlElement"/> tree can be written.
    /// A fixed buffer that is too small is never written past: the writer sets <see cref="Overflowed"/>
    /// and keeps counting, so <see cref="Length"/> still tells the size the document needs.
    /// </summary>
    public sealed class XmlWriterLite
    {
        private const int ModeName = 0;
        private const int ModeText = 1;
        private const int ModeAttribute = 2;

        private readonly XmlNamespaceScope _namespaces = new XmlNamespaceScope();
        private readonly ArrayList _frames = new ArrayList();
        private readonly byte[] _codePoint = new byte[4]; // one non-ASCII code point on its way out
        private byte[] _buffer;
        private int _offset;
        private int _capacity;
        private bool _growable;
        private int _length;
        private bool _overflowed;
        private int _depth;
        private bool _startTagOpen;

        private Frame CurrentFrame => (Frame)_frames[_depth - 1];

        /// <summary>Creates a writer with a growing buffer of its own.</summary>
        public XmlWriterLite()
        {
            _buffer = new byte[256];
            _capacity = _buffer.Length;
            _growable = true;
            ResetScope();
        }

        /// <summary>Creates a writer that writes into <paramref name="buffer"/> and never past <paramref name="count"/> bytes.</summary>
        public XmlWriterLite(byte[] buffer, int offset, int count)
        {
            Reset(buffer, offset, count);
        }

        // A counter: no buffer, only the length advances.
        private XmlWriterLite(bool countOnly)
        {
            ResetScope();
        }

        /// <summary>Bytes produced so far; after an overflow, the bytes the output would need.</summary>
        public int Length => _length;

        /// <summary>Whether the output did not fit the caller's buffer; the buffer then holds a truncated prefix.</summary>
        public bool Overflowed => _overflowed;

        /// <summary>Number of elements started and not yet ended.</summary>
        public int Depth => _depth;

        /// <summary>Creates a writer that stores nothing and only counts bytes (for sizing a buffer).</summary>
        public static XmlWriterLite CreateCounter() => new XmlWriterLite(true);

        /// <summary>Starts over on a new caller buffer, so one writer can serve many documents.</summary>
        public void Reset(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset and count must lie within the buffer");
            }

            _buffer = buffer;
            _offset = offset;
            _capacity = count;
            _growable = false;
            _length = 0;
            _overflowed = false;
            ResetScope();
        }

        /// <summary>A copy of the bytes written; fails when the writer only counted or overflowed.</summary>
        public byte[] ToArray()
        {
            EnsureComplete();
            var bytes = new byte[_length];
            Array.Copy(_buffer, _offset, bytes, 0, _length);
            return bytes;
        }

        /// <summary>The output as a string; fails when the writer only counted or overflowed.</summary>
        public override string ToString()
        {
            EnsureComplete();
            return Utf8.Decode(_buffer, _offset, _length);
        }

        /// <summary>Writes <c>&lt;?xml version="1.0" encoding="UTF-8"?&gt;</c>.</summary>
        public void WriteDeclaration() => WriteAscii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");

        /// <summary>
        /// Opens an element. <paramref name="prefix"/> (null or empty for the default namespace) is declared
        /// on this element when it is not already bound to <paramref name="namespaceUri"/>.
        /// </summary>
        public void WriteStartElement(string prefix, string localName, string namespaceUri)
        {
            prefix = prefix ?? string.Empty;
            namespaceUri = namespaceUri ?? string.Empty;
            CheckName(localName);
            if (prefix.Length > 0)
            {
                CheckName(prefix);
                if (namespaceUri.Length == 0)
                {
                    throw new ArgumentException("a prefixed element needs a namespace URI", nameof(namespaceUri));
                }

                if (prefix == "xmlns" || ((prefix == "xml") != (namespaceUri == XmlNamespaces.Xml)))
                {
                    throw new ArgumentException("prefix '" + prefix + "' cannot name '" + namespaceUri + "'", nameof(prefix));
                }
            }

            CloseStartTag();
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

            frame.Prefix = prefix;
            frame.LocalName = localName;
            frame.NamespaceUri = namespaceUri;
            frame.ScopeMark = _namespaces.Mark;
            _depth++;

            WriteByte((byte)'<');
            WriteName(prefix, localName);
            _startTagOpen = true;
            if (prefix != "xml" && Lookup(prefix) != namespaceUri)
            {
                Declare(prefix, namespaceUri);
            }
        }

        /// <summary>
        /// Declares a namespace on the element just started (before any content), e.g. to put all
        /// declarations on the root. Nothing is written when the binding is already in scope.
        /// </summary>
        public void WriteNamespaceDeclaration(string prefix, string namespaceUri)
        {
            RequireOpenStartTag();
            prefix = prefix ?? string.Empty;
            namespaceUri = namespaceUri ?? string.Empty;
            if (prefix.Length > 0)
            {
                CheckName(prefix);
            }

            if (prefix == "xml" || prefix == "xmlns" || namespaceUri == XmlNamespaces.Xml || namespaceUri == XmlNamespaces.Xmlns
                || (prefix.Length > 0 && namespaceUri.Length == 0))
            {
                throw new ArgumentException("cannot declare prefix '" + prefix + "' for '" + namespaceUri + "'", nameof(prefix));
            }

            if (Lookup(prefix) == namespaceUri)
            {
                return;
            }

            if (DeclaredHere(prefix) || prefix == CurrentFrame.Prefix)
            {
                throw new InvalidOperationException("prefix '" + prefix + "' is already used by this element for another namespace");
            }

            Declare(prefix, namespaceUri);
        }

        /// <summary>
        /// Declares on the element just started every prefixed namespace that <paramref name="tree"/> uses and
        /// that is not yet in scope, so a subtree written below does not repeat declarations. Prefixes that
        /// would clash on this element are left to the per-element declarations.
        /// </summary>
        public void DeclareNamespacesOf(XmlElement tree)
        {
            RequireOpenStartTag();
            if (tree != null)
            {
                DeclareTree(tree);
            }
        }

        /// <summary>Writes an unprefixed attribute on the element just started.</summary>
        public void WriteAttribute(string localName, string value) => WriteAttribute(null, localName, null, value);

        /// <summary>
        /// Writes an attribute on the element just started. An attribute in a namespace uses
        /// <paramref name="prefix"/> when possible, else a prefix in scope for the namespace, else a new one.
        /// </summary>
        public void WriteAttribute(string prefix, string localName, string namespaceUri, string value)
        {
            RequireOpenStartTag();
            CheckName(localName);
            if (value == null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            namespaceUri = namespaceUri ?? string.Empty;
            prefix = prefix ?? string.Empty;
            if (namespaceUri.Length == 0)
            {
                if (localName == "xmlns")
                {
                    throw new ArgumentException("namespace declarations are written with WriteNamespaceDeclaration", nameof(localName));
                }

                prefix = string.Empty;
            }
            else if (namespaceUri == XmlNamespaces.Xml)
            {
                prefix = "xml";
            }
            else
            {
                prefix = ChooseAttributePrefix(prefix, namespaceUri);
            }

            WriteByte((byte)' ');
            WriteName(prefix, localName);
            WriteAscii("=\"");
            WriteString(value, ModeAttribute);
            WriteByte((byte)'"');
        }

        /// <summary>Writes escaped character data inside the current element; nothing for an empty string.</summary>
        public void WriteText(string text)
        {
            if (text == null || text.Length == 0)
            {
                return;
            }

            if (_depth == 0)
            {
                throw new InvalidOperationException("text needs an open element");
            }

            CloseStartTag();
            WriteString(text, ModeText);
        }

        /// <summary>Closes the innermost open element, as <c>/&gt;</c> when it has no content.</summary>
        public void WriteEndElement()
        {
            if (_depth == 0)
            {
                throw new InvalidOperationException("no element is open");
            }

            Frame frame = CurrentFrame;
            if (_startTagOpen)
            {
                WriteAscii("/>");
                _startTagOpen = false;
            }
            else
            {
                WriteAscii("</");
                WriteName(frame.Prefix, frame.LocalName);
                WriteByte((byte)'>');
            }

            _namespaces.PopTo(frame.ScopeMark);

            _depth--;
        }

        /// <summary>Writes an element holding only text (empty text gives an empty element).</summary>
        public void WriteTextElement(string prefix, string localName, string namespaceUri, string text)
        {
            WriteStartElement(prefix, localName, namespaceUri);
            WriteText(text);
            WriteEndElement();
        }

        /// <summary>Writes a whole element tree.</summary>
        public void WriteElement(XmlElement element)
        {
            if (element == null)
            {
                throw new ArgumentNullException(nameof(element));
            }

            WriteStartElement(element.Prefix, element.LocalName, element.NamespaceUri);
            for (int i = 0; i < element.AttributeCount; i++)
            {
                XmlAttribute a = element.GetAttribute(i);
                WriteAttribute(a.Prefix, a.LocalName, a.NamespaceUri, a.Value);
            }

            for (int i = 0; i < element.ChildCount; i++)
            {
                XmlNode child = element.GetChild(i);
                if (child is XmlElement e)
                {
                    WriteElement(e);
                }
                else
                {
                    WriteText(((XmlText)child).Value);
                }
            }

            WriteEndElement();
        }

        private void DeclareTree(XmlElement element)
        {
            TryDeclare(element.Prefix, element.NamespaceUri);
            for (int i = 0; i < element.AttributeCount; i++)
            {
                XmlAttribute a = element.GetAttribute(i);
                TryDeclare(a.Prefix, a.NamespaceUri);
            }

            for (int i = 0; i < element.ChildCount; i++)
            {
                if (element.GetChild(i) is XmlElement child)
                {
                    DeclareTree(child);
                }
            }
        }

        private void TryDeclare(string prefix, string namespaceUri)
        {
            if (prefix.Length == 0 || namespaceUri.Length == 0 || prefix == "xml" || prefix == "xmlns"
                || namespaceUri == XmlNamespaces.Xml || namespaceUri == XmlNamespaces.Xmlns
                || !XmlChars.IsNcName(prefix) || Lookup(prefix) == namespaceUri
                || DeclaredHere(prefix) || prefix == CurrentFrame.Prefix)
            {
                return;
            }

            Declare(prefix, namespaceUri);
        }

        private string ChooseAttributePrefix(string wanted, string namespaceUri)
        {
            if (wanted.Length > 0 && wanted != "xml" && wanted != "xmlns" && XmlChars.IsNcName(wanted))
            {
                if (Lookup(wanted) == namespaceUri)
                {
                    return wanted;
                }

                if (!DeclaredHere(wanted) && wanted != CurrentFrame.Prefix)
                {
                    Declare(wanted, namespaceUri);
                    return wanted;
                }
            }

            string bound = _namespaces.PrefixOf(namespaceUri);
            if (bound != null)
            {
                return bound;
            }

            for (int n = 0; ; n++)
            {
                string candidate = "ns" + n;
                if (Lookup(candidate) == null || (!DeclaredHere(candidate) && candidate != CurrentFrame.Prefix))
                {
                    Declare(candidate, namespaceUri);
                    return candidate;
                }
            }
        }

        private void Declare(string prefix, string namespaceUri)
        {
            WriteAscii(prefix.Length == 0 ? " xmlns=\"" : " xmlns:");
            if (prefix.Length > 0)
            {
                WriteString(prefix, ModeName);
                WriteAscii("=\"");
            }

            WriteString(namespaceUri, ModeAttribute);
            WriteByte((byte)'"');
            _namespaces.Bind(prefix, namespaceUri);
        }

        // The URI bound to a prefix; the default namespace is "" when never declared.
        private string Lookup(string prefix) => _namespaces.Lookup(prefix) ?? (prefix.Length == 0 ? string.Empty : null);

        private bool DeclaredHere(string prefix) => _namespaces.IsBoundSince(CurrentFrame.ScopeMark, prefix);

        private void ResetScope()
        {
            _namespaces.Reset();
            _depth = 0;
            _startTagOpen = false;
        }

        private void RequireOpenStartTag()
        {
            if (!_startTagOpen)
            {
                throw new InvalidOperationException("attributes and declarations must follow WriteStartElement directly");
            }
        }

        private void CloseStartTag()
        {
            if (_startTagOpen)
            {
                WriteByte((byte)'>');
                _startTagOpen = false;
            }
        }

        private void EnsureComplete()
        {
            if (_buffer == null || _overflowed)
            {
                throw new InvalidOperationException(_buffer == null ? "a counting writer keeps no output" : "the output did not fit the buffer");
            }
        }

        private static void CheckName(string name)
        {
            if (!XmlChars.IsNcName(name))
            {
                throw new ArgumentException("'" + name + "' is not a valid XML name");
            }
        }

        private void WriteName(string prefix, string localName)
        {
            if (prefix.Length > 0)
            {
                WriteString(prefix, ModeName);
                WriteByte((byte)':');
            }

            WriteString(localName, ModeName);
        }

        private void WriteAscii(string ascii)
        {
            for (int i = 0; i < ascii.Length; i++)
            {
                WriteByte((byte)ascii[i]);
            }
        }

        private void WriteString(string s, int mode)
        {
            int i = 0;
            while (i < s.Length)
            {
                char c = s[i];
                if (c < 0x80)
                {
                    WriteAsciiChar(c, mode);
                    i++;
                    continue;
                }

                int next = Utf8.CodePointEnd(s, i, s.Length);
                if (c >= 0xD800 && c <= 0xDBFF && next == i + 1)
                {
                    throw new ArgumentException("unpaired surrogate in text to write");
                }

                if ((c >= 0xDC00 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF)
                {
                    throw new ArgumentException("character U+" + ((int)c).ToString("X4") + " cannot be written in XML");
                }

                // Exactly this code point, so the escaping above sees every ASCII char that follows.
                int n = Utf8.EncodeSome(s, ref i, next, _codePoint, 0, _codePoint.Length);
                for (int k = 0; k < n; k++)
                {
                    WriteByte(_codePoint[k]);
                }
            }
        }

        private void WriteAsciiChar(char c, int mode)
        {
            if (mode != ModeName)
            {
                switch (c)
                {
                    case '<':
                        WriteAscii("&lt;");
                        return;
                    case '>':
                        WriteAscii("&gt;");
                        return;
                    case '&':
                        WriteAscii("&amp;");
                        return;
                    case '\r':
                        WriteAscii("&#13;"); // a literal CR would be read back as LF
                        return;
                    case '"':
                        if (mode == ModeAttribute)
                        {
                            WriteAscii("&quot;");
                            return;
                        }

                        break;
                    case '\n':
                        if (mode == ModeAttribute)
                        {
                            WriteAscii("&#10;"); // literal LF and tab in attributes read back as spaces
                            return;
                        }

                        break;
                    case '\t':
                        if (mode == ModeAttribute)
                        {
                            WriteAscii("&#9;");
                            return;
                        }

                        break;
                }
            }

            if (c < 0x20 && c != '\n' && c != '\t')
            {
                throw new ArgumentException("character U+" + ((int)c).ToString("X4") + " cannot be written in XML 1.0");
            }

            WriteByte((byte)c);
        }

        private void WriteByte(byte b)
        {
            if (_buffer != null && !_overflowed)
            {
                if (_length >= _capacity)
                {
                    if (_growable)
                    {
                        var bigger = new byte[_capacity * 2];
                        Array.Copy(_buffer, bigger, _length);
                        _buffer = bigger;
                        _capacity = bigger.Length;
                    }
                    else
                    {
                        _overflowed = true;
                        _length++;
                        return;
                    }
                }

                _buffer[_offset + _length] = b;
            }
            _length++;
        }

        private sealed class Frame
        {
            public string Prefix;
            public string LocalName;
            public string NamespaceUri;
            public int ScopeMark;
        }
    }
}
