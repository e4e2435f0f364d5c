namespace SimpleImGateway.Sip.Tests.Bodies
{
    /// <summary>Example documents of the RFCs, retyped as test data.</summary>
    internal static class RfcExamples
    {
        /// <summary>RFC 3863 section 6: two tuples, status extensions, notes in two languages.</summary>
        public const string Rfc3863 =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
            "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"\n" +
            "    xmlns:im=\"urn:ietf:params:xml:ns:pidf:im\"\n" +
            "    xmlns:myex=\"http://id.example.com/presence/\"\n" +
            "    entity=\"pres:someone@example.com\">\n" +
            "  <tuple id=\"bs35r9\">\n" +
            "    <status>\n" +
            "      <basic>open</basic>\n" +
            "      <im:im>busy</im:im>\n" +
            "      <myex:location>home</myex:location>\n" +
            "    </status>\n" +
            "    <contact priority=\"0.8\">im:someone@mobilecarrier.net</contact>\n" +
            "    <note xml:lang=\"en\">Don't Disturb Please!</note>\n" +
            "    <note xml:lang=\"fr\">Ne derangez pas, s'il vous plait</note>\n" +
            "    <timestamp>2001-10-27T16:49:29Z</timestamp>\n" +
            "  </tuple>\n" +
            "  <tuple id=\"eg92n8\">\n" +
            "    <status>\n" +
            "      <basic>open</basic>\n" +
            "    </status>\n" +
            "    <contact priority=\"1.0\">mailto:someone@example.com</contact>\n" +
            "  </tuple>\n" +
            "  <note>I'll be in Tokyo next week</note>\n" +
            "</presence>\n";

        /// <summary>RFC 3680 section 6: a full document with one active and one expired contact.</summary>
        public const string Rfc3680 =
            "<?xml version=\"1.0\"?>\n" +
            "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\"\n" +
            "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n" +
            "    version=\"0\" state=\"full\">\n" +
            "  <registration aor=\"sip:user@example.com\" id=\"as9\"\n" +
            "      state=\"active\">\n" +
            "    <contact id=\"76\" state=\"active\" event=\"registered\"\n" +
            "        duration-registered=\"7322\"\n" +
            "        q=\"0.8\">\n" +
            "      <uri>sip:user@pc887.example.com</uri>\n" +
            "    </contact>\n" +
            "    <contact id=\"77\" state=\"terminated\" event=\"expired\"\n" +
            "        duration-registered=\"3600\"\n" +
            "        q=\"0.5\">\n" +
            "      <uri>sip:user@university.edu</uri>\n" +
            "    </contact>\n" +
            "  </registration>\n" +
            "</reginfo>\n";

        /// <summary>RFC 3680 section 7 (welcome notices): the partial NOTIFY after Joe registers.</summary>
        public const string Rfc3680Partial =
            "<?xml version=\"1.0\"?>\n" +
            "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\"\n" +
            "    version=\"1\" state=\"partial\">\n" +
            "  <registration aor=\"sip:joe@example.com\" id=\"a7\" state=\"active\">\n" +
            "    <contact id=\"76\" state=\"active\" event=\"registered\"\n" +
            "        duration-registered=\"0\">\n" +
            "      <uri>sip:joe@pc34.example.com</uri>\n" +
            "    </contact>\n" +
            "  </registration>\n" +
            "</reginfo>\n";

        /// <summary>What an OMA device publishes: an IM service tuple, willing, with a contact and a note.</summary>
        public const string OmaDevice =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" +
            "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:op=\"urn:oma:xml:prs:pidf:oma-pres\"" +
            " entity=\"sip:alice@example.com\">" +
            "<tuple id=\"dev1\"><status><basic>open</basic></status>" +
            "<op:service-description><op:service-id>org.openmobilealliance:IM-session</op:service-id>" +
            "<op:version>1.0</op:version></op:service-description>" +
            "<op:willingness><op:basic>open</op:basic></op:willingness>" +
            "<contact>sip:alice@192.0.2.10:5060</contact><note>Ready</note></tuple></presence>";
    }
}
