using System;

namespace SimpleImGateway.Sip.Bodies.Xml
{
    /// <summary>
    /// An attribute of an <see cref="XmlElement"/>. Namespace declarations (xmlns, xmlns:p) are not
    /// attributes in this model: the reader resolves them and the writer emits them as needed.
    /// </summary>
    public sealed class XmlAttribute
    {
        /// <summary>Creates an attribute; <paramref name="prefix"/> is only a hint for the writer.</summary>
        public XmlAttribute(string prefix, string localName, string namespaceUri, string value)
        {
            if (localName == null || localName.Length == 0)
            {
                throw new ArgumentException("an attribute needs a local name", nameof(localName));
            }

            Prefix = prefix ?? string.Empty;
            LocalName = localName;
            NamespaceUri = namespaceUri ?? string.Empty;
            Value = value ?? throw new ArgumentNullException(nameof(value));
        }

        /// <summary>The prefix the attribute was read with or should be written with; empty when none.</summary>
        public string Prefix { get; }

        /// <summary>The name without prefix.</summary>
        public string LocalName { get; }

        /// <summary>The namespace URI; empty for an unprefixed attribute.</summary>
        public string NamespaceUri { get; }

        /// <summary>The unescaped value.</summary>
        public string Value { get; }

        /// <summary>Whether this attribute has the given local name and namespace (empty or null for none).</summary>
        public bool Is(string localName, string namespaceUri)
            => LocalName == localName && NamespaceUri == (namespaceUri ?? string.Empty);
    }
}
