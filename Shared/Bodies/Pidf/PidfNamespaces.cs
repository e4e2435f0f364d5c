namespace SimpleImGateway.Sip.Bodies.Pidf
{
    /// <summary>Namespace URIs of PIDF (RFC 3863) and the OMA presence extensions this code interprets.</summary>
    public static class PidfNamespaces
    {
        /// <summary>The PIDF namespace: presence, tuple, status, basic, contact, note, timestamp.</summary>
        public const string Pidf = "urn:ietf:params:xml:ns:pidf";

        /// <summary>OMA Presence SIMPLE extensions: service-description, willingness.</summary>
        public const string OmaPresence = "urn:oma:xml:prs:pidf:oma-pres";

        /// <summary>The prefix the writer uses for <see cref="OmaPresence"/> elements it creates.</summary>
        public const string OmaPresencePrefix = "op";
    }
}
