namespace SimpleImGateway.Sip.Bodies.Xml
{
    /// <summary>Namespace URIs that XML itself reserves.</summary>
    public static class XmlNamespaces
    {
        /// <summary>The namespace bound to the prefix <c>xml</c> (xml:lang, xml:space).</summary>
        public const string Xml = "http://www.w3.org/XML/1998/namespace";

        /// <summary>The namespace of namespace declarations themselves; never bound to another prefix.</summary>
        public const string Xmlns = "http://www.w3.org/2000/xmlns/";
    }
}
