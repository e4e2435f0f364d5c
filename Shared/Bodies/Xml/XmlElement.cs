using System;
using System.Collections;

namespace SimpleImGateway.Sip.Bodies.Xml
{
    /// <summary>
    /// An element with its namespace already resolved, its attributes and its children
    /// (<see cref="XmlElement"/> and <see cref="XmlText"/>). The prefix is only remembered so that a
    /// document written back looks like the one read; identity is namespace URI plus local name.
    /// </summary>
    public sealed class XmlElement : XmlNode
    {
        private readonly ArrayList _attributes = new ArrayList();
        private readonly ArrayList _children = new ArrayList();
        private string _prefix;

        /// <summary>Creates an element in <paramref name="namespaceUri"/> without a preferred prefix.</summary>
        public XmlElement(string namespaceUri, string localName)
            : this(null, localName, namespaceUri)
        {
        }

        /// <summary>Creates an element; <paramref name="prefix"/> is the one the writer will prefer.</summary>
        public XmlElement(string prefix, string localName, string namespaceUri)
        {
            if (localName == null || localName.Length == 0)
            {
                throw new ArgumentException("an element needs a local name", nameof(localName));
            }

            _prefix = prefix ?? string.Empty;
            LocalName = localName;
            NamespaceUri = namespaceUri ?? string.Empty;
        }

        /// <summary>The prefix read or preferred for writing; empty for the default namespace.</summary>
        public string Prefix
        {
            get => _prefix;
            set => _prefix = value ?? string.Empty;
        }

        /// <summary>The name without prefix.</summary>
        public string LocalName { get; }

        /// <summary>The namespace URI; empty when the element is in no namespace.</summary>
        public string NamespaceUri { get; }

        /// <summary>The name as written: prefix:local, or local alone.</summary>
        public string QualifiedName => _prefix.Length == 0 ? LocalName : _prefix + ":" + LocalName;

        /// <summary>Number of attributes (namespace declarations excluded).</summary>
        public int AttributeCount => _attributes.Count;

        /// <summary>Number of child nodes, elements and text.</summary>
        public int ChildCount => _children.Count;

        /// <summary>Whether at least one child is an element.</summary>
        public bool HasElementChildren
        {
            get
            {
                for (int i = 0; i < _children.Count; i++)
                {
                    if (_children[i] is XmlElement)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>The concatenated text of the direct text children; empty when there is none.</summary>
        public string Text
        {
            get
            {
                string text = string.Empty;
                for (int i = 0; i < _children.Count; i++)
                {
                    if (_children[i] is XmlText t)
                    {
                        text = text.Length == 0 ? t.Value : text + t.Value;
                    }
                }

                return text;
            }
        }

        /// <summary>Whether the element has this local name and namespace URI (null or empty for none).</summary>
        public bool Is(string localName, string namespaceUri)
            => LocalName == localName && NamespaceUri == (namespaceUri ?? string.Empty);

        /// <summary>The attribute at <paramref name="index"/> in document order.</summary>
        public XmlAttribute GetAttribute(int index) => (XmlAttribute)_attributes[index];

        /// <summary>The value of an unprefixed attribute, or null when absent.</summary>
        public string GetAttribute(string localName) => GetAttribute(localName, string.Empty);

        /// <summary>The value of an attribute in <paramref name="namespaceUri"/>, or null when absent.</summary>
        public string GetAttribute(string localName, string namespaceUri)
        {
            int at = IndexOfAttribute(localName, namespaceUri ?? string.Empty);
            return at < 0 ? null : ((XmlAttribute)_attributes[at]).Value;
        }

        /// <summary>Sets an unprefixed attribute, replacing any previous value in place.</summary>
        public void SetAttribute(string localName, string value) => SetAttribute(null, localName, null, value);

        /// <summary>Sets an attribute in <paramref name="namespaceUri"/>, replacing any previous value in place.</summary>
        public void SetAttribute(string prefix, string localName, string namespaceUri, string value)
        {
            var attribute = new XmlAttribute(prefix, localName, namespaceUri, value);
            int at = IndexOfAttribute(attribute.LocalName, attribute.NamespaceUri);
            if (at < 0)
            {
                _attributes.Add(attribute);
            }
            else
            {
                _attributes[at] = attribute;
            }
        }

        /// <summary>Removes an attribute; returns whether it was present.</summary>
        public bool RemoveAttribute(string localName, string namespaceUri)
        {
            int at = IndexOfAttribute(localName, namespaceUri ?? string.Empty);
            if (at < 0)
            {
                return false;
            }

            _attributes.RemoveAt(at);
            return true;
        }

        /// <summary>The child at <paramref name="index"/> in document order.</summary>
        public XmlNode GetChild(int index) => (XmlNode)_children[index];

        /// <summary>Appends a child node.</summary>
        public void AppendChild(XmlNode node) => _children.Add(node ?? throw new ArgumentNullException(nameof(node)));

        /// <summary>Removes the child at <paramref name="index"/>.</summary>
        public void RemoveChildAt(int index) => _children.RemoveAt(index);

        /// <summary>Appends and returns a new child element.</summary>
        public XmlElement AppendElement(string prefix, string localName, string namespaceUri)
        {
            var element = new XmlElement(prefix, localName, namespaceUri);
            _children.Add(element);
            return element;
        }

        /// <summary>Appends a new child element holding only <paramref name="text"/>, and returns it.</summary>
        public XmlElement AppendTextElement(string prefix, string localName, string namespaceUri, string text)
        {
            var element = AppendElement(prefix, localName, namespaceUri);
            if (text != null && text.Length > 0)
            {
                element.AppendChild(new XmlText(text));
            }

            return element;
        }

        /// <summary>Replaces all children by one text node (none for null or empty text).</summary>
        public void SetText(string text)
        {
            _children.Clear();
            if (text != null && text.Length > 0)
            {
                _children.Add(new XmlText(text));
            }
        }

        /// <summary>Appends a text child.</summary>
        public void AppendText(string text) => _children.Add(new XmlText(text));

        /// <summary>The first child element with this name, or null.</summary>
        public XmlElement FindElement(string localName, string namespaceUri)
        {
            for (int i = 0; i < _children.Count; i++)
            {
                if (_children[i] is XmlElement e && e.Is(localName, namespaceUri))
                {
                    return e;
                }
            }

            return null;
        }

        /// <inheritdoc/>
        public override XmlNode CloneNode() => Clone();

        /// <summary>A deep copy of the element, its attributes and all descendants.</summary>
        public XmlElement Clone()
        {
            var copy = new XmlElement(_prefix, LocalName, NamespaceUri);
            for (int i = 0; i < _attributes.Count; i++)
            {
                copy._attributes.Add(_attributes[i]); // attributes are immutable
            }

            for (int i = 0; i < _children.Count; i++)
            {
                copy._children.Add(((XmlNode)_children[i]).CloneNode());
            }

            return copy;
        }

        /// <summary>
        /// Whether both trees carry the same information: names by namespace URI and local name (prefixes
        /// ignored), attributes in any order, children and text in order.
        /// </summary>
        public bool DeepEquals(XmlElement other)
        {
            if (other == null || !other.Is(LocalName, NamespaceUri)
                || other._attributes.Count != _attributes.Count || other._children.Count != _children.Count)
            {
                return false;
            }

            for (int i = 0; i < _attributes.Count; i++)
            {
                var a = (XmlAttribute)_attributes[i];
                if (other.GetAttribute(a.LocalName, a.NamespaceUri) != a.Value)
                {
                    return false;
                }
            }

            for (int i = 0; i < _children.Count; i++)
            {
                object mine = _children[i];
                object theirs = other._children[i];
                if (mine is XmlText t)
                {
                    if (!(theirs is XmlText u) || t.Value != u.Value)
                    {
                        return false;
                    }
                }
                else if (!((XmlElement)mine).DeepEquals(theirs as XmlElement))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The qualified name, for debugging.</summary>
        public override string ToString() => "<" + QualifiedName + ">";

        private int IndexOfAttribute(string localName, string namespaceUri)
        {
            for (int i = 0; i < _attributes.Count; i++)
            {
                if (((XmlAttribute)_attributes[i]).Is(localName, namespaceUri))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
