using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Tests.Transactions.Fakes
{
    /// <summary>Requests and responses built in code; parsing is not what these tests are about.</summary>
    public static class TestMessages
    {
        public const string CallId = "a84b4c76e66710@pc33.example.com";

        /// <summary>An outgoing request without Via (the layer adds it).</summary>
        public static SipMessage Request(string method, long cseq)
        {
            var request = SipMessage.CreateRequest(method, "sip:bob@example.com");
            request.Headers.Add(SipHeaderNames.MaxForwards, "70");
            request.Headers.Add(SipHeaderNames.From, "Alice <sip:alice@example.com>;tag=1928301774");
            request.Headers.Add(SipHeaderNames.To, "Bob <sip:bob@example.com>");
            request.Headers.Add(SipHeaderNames.CallId, CallId);
            request.Headers.Add(SipHeaderNames.CSeq, cseq.ToString() + " " + method);
            return request;
        }

        /// <summary>An incoming request whose top Via is <paramref name="via"/>.</summary>
        public static SipMessage Incoming(string method, string via)
        {
            SipMessage request = Request(method, 1);
            request.Headers.AddFirst(SipHeaderNames.Via, via);
            return request;
        }

        /// <summary>An incoming request from 192.0.2.10:5070 over UDP with the given branch.</summary>
        public static SipMessage IncomingUdp(string method, string branch)
            => Incoming(method, "SIP/2.0/UDP 192.0.2.10:5070;branch=" + branch);

        /// <summary>The response a server would send to <paramref name="request"/>.</summary>
        public static SipMessage ResponseTo(SipMessage request, int statusCode)
            => SipResponseBuilder.Create(request, statusCode, statusCode < 200 ? "Trying" : "OK", "b2b2");
    }
}
