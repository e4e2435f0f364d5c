using System;

namespace SimpleImGateway.Sip.Bodies.Xml
{
    /// <summary>
    /// Character data of an element: text and CDATA sections, already unescaped. Adjacent runs
    /// (text, CDATA, text split by a comment) are merged into one node by the reader.
    /// </summary>
    public sealed class XmlText : XmlNode
    {
        /// <summary>Creates a text node.</summary>
        public XmlText(string value)
        {
            Value = value ?? throw new ArgumentNullException(nameof(value));
        }

        /// <summary>The unescaped characters; never null.</summary>
        public string Value { get; }

        /// <inheritdoc/>
        public override XmlNode CloneNode() => new XmlText(Value);

        /// <summary>The text itself, for debugging.</summary>
        public override string ToString() => Value;
    }
}
