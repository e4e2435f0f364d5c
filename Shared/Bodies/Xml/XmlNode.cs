namespace SimpleImGateway.Sip.Bodies.Xml
{
    /// <summary>
    /// A node of the small XML tree used for SIP bodies: either an <see cref="XmlElement"/> or an
    /// <see cref="XmlText"/>. Comments, processing instructions and the XML declaration are not kept.
    /// </summary>
    public abstract class XmlNode
    {
        /// <summary>A deep copy that shares nothing mutable with this node.</summary>
        public abstract XmlNode CloneNode();
    }
}
