using System.Text;

namespace SimpleImGateway.Benchmarks
{
    /// <summary>The messages the benchmarks parse and write: what the device and the servers exchange most.</summary>
    public static class SampleMessages
    {
        public static readonly byte[] Register = Encoding.ASCII.GetBytes(
            "REGISTER sip:ims.example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.41:5060;branch=z9hG4bK5a1f0c2e9d;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:device42@ims.example.com>;tag=9fx2k1\r\n" +
            "To: <sip:device42@ims.example.com>\r\n" +
            "Call-ID: 7c3f9a0e21b64d5f@192.0.2.41\r\n" +
            "CSeq: 12 REGISTER\r\n" +
            "Contact: <sip:device42@192.0.2.41:5060;transport=udp>;expires=3600;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-00a0c91e6bf6>\"\r\n" +
            "Expires: 3600\r\n" +
            "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, NOTIFY, SUBSCRIBE, PUBLISH\r\n" +
            "Supported: path, outbound\r\n" +
            "User-Agent: SimpleImGateway/1.0\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n");

        public static readonly byte[] Message = Encoding.ASCII.GetBytes(
            "MESSAGE sip:alice@ims.example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.41:5060;branch=z9hG4bK776asdhds;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:device42@ims.example.com>;tag=49583\r\n" +
            "To: <sip:alice@ims.example.com>\r\n" +
            "Call-ID: asd88asd77a@192.0.2.41\r\n" +
            "CSeq: 1 MESSAGE\r\n" +
            "Content-Type: text/plain;charset=UTF-8\r\n" +
            "Content-Length: 300\r\n" +
            "\r\n" +
            new string('m', 300));

        public static readonly byte[] Publish = Encoding.ASCII.GetBytes(
            "PUBLISH sip:device42@ims.example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.41:5060;branch=z9hG4bKnashds8;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:device42@ims.example.com>;tag=1234wxyz\r\n" +
            "To: <sip:device42@ims.example.com>\r\n" +
            "Call-ID: 81818181@192.0.2.41\r\n" +
            "CSeq: 1 PUBLISH\r\n" +
            "Event: presence\r\n" +
            "Expires: 3600\r\n" +
            "Content-Type: application/pidf+xml\r\n" +
            "Content-Length: " + Pidf.Length + "\r\n" +
            "\r\n" +
            Pidf);

        public static readonly byte[] Notify = Encoding.ASCII.GetBytes(
            "NOTIFY sip:device42@192.0.2.41:5060;transport=udp SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 198.51.100.10:5060;branch=z9hG4bK4b43c2ff8.1\r\n" +
            "Via: SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bKhjhs8ass877;received=198.51.100.21\r\n" +
            "Max-Forwards: 69\r\n" +
            "From: <sip:alice@ims.example.com>;tag=ffd2\r\n" +
            "To: <sip:device42@ims.example.com>;tag=xfg9\r\n" +
            "Call-ID: 2010@192.0.2.41\r\n" +
            "CSeq: 7 NOTIFY\r\n" +
            "Contact: <sip:ps.ims.example.com;transport=udp>\r\n" +
            "Event: presence\r\n" +
            "Subscription-State: active;expires=599\r\n" +
            "Content-Type: application/pidf+xml\r\n" +
            "Content-Length: " + Pidf.Length + "\r\n" +
            "\r\n" +
            Pidf);

        private static string Pidf =>
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n" +
            "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:device42@ims.example.com\">\r\n" +
            "  <tuple id=\"t1\"><status><basic>open</basic></status><note>ready</note></tuple>\r\n" +
            "</presence>\r\n";
    }
}
