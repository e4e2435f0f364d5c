using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Core.Proxy
{
    /// <summary>Copies a request for forwarding (RFC 3261 §16.6 step 1): the copy may change without touching the original.</summary>
    internal static class RequestCopy
    {
        /// <summary>A new request with the same method, Request-URI, header values in order and body.</summary>
        public static SipMessage Of(SipMessage request)
        {
            SipMessage copy = SipMessage.CreateRequest(request.Method, request.RequestUri);
            SipHeaderCollection from = request.Headers;
            SipHeaderCollection to = copy.Headers;
            for (int i = 0; i < from.Count; i++)
            {
                SipHeader header = from[i];
                to.Add(new SipHeader(header.Name, header.Value));
            }

            copy.Body = request.Body;
            return copy;
        }
    }
}
