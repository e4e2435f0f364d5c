using System;

namespace SimpleImGateway.Sip.Message
{
    /// <summary>
    /// Builds a response to a request as RFC 3261 §8.2.6 asks: the Via values in order, From, To, Call-ID and
    /// CSeq copied; a To tag added when the request had none (except on 100 Trying, §8.2.6.2); Timestamp echoed
    /// on 100 (§8.2.6.1). A To value too malformed to read is copied as is. Dialog headers (Record-Route,
    /// Contact) are the caller's business.
    /// </summary>
    public static class SipResponseBuilder
    {
        /// <summary>Builds a response without adding a To tag.</summary>
        public static SipMessage Create(SipMessage request, int statusCode, string reasonPhrase)
            => Create(request, statusCode, reasonPhrase, null);

        /// <summary>
        /// Builds a response; <paramref name="toTag"/> (a token, or null for none) is appended to To when the
        /// request's To has no tag and the status is not 100.
        /// </summary>
        public static SipMessage Create(SipMessage request, int statusCode, string reasonPhrase, string toTag)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            if (!request.IsRequest)
            {
                throw new ArgumentException("a response is built from a request", nameof(request));
            }

            if (statusCode < 100 || statusCode > 699)
            {
                throw new ArgumentOutOfRangeException(nameof(statusCode));
            }

            if (toTag != null && !SipChars.IsToken(toTag))
            {
                throw new ArgumentException("a tag must be a token", nameof(toTag));
            }

            var response = SipMessage.CreateResponse(statusCode, reasonPhrase);
            SipHeaderCollection source = request.Headers;
            SipHeaderCollection target = response.Headers;
            string[] vias = source.GetAll(SipHeaderNames.Via);
            for (int i = 0; i < vias.Length; i++)
            {
                target.Add(SipHeaderNames.Via, vias[i]);
            }

            CopyIfPresent(source, target, SipHeaderNames.From);
            string toValue = source.Get(SipHeaderNames.To);
            if (toValue != null)
            {
                if (toTag != null && statusCode != 100 && !HasTagOrIsMalformed(toValue))
                {
                    toValue = toValue + ";tag=" + toTag;
                }

                target.Add(SipHeaderNames.To, toValue);
            }

            CopyIfPresent(source, target, SipHeaderNames.CallId);
            CopyIfPresent(source, target, SipHeaderNames.CSeq);
            if (statusCode == 100)
            {
                CopyIfPresent(source, target, SipHeaderNames.Timestamp);
            }

            return response;
        }

        // A To value this cannot read is echoed untouched: the response must still go out (often it is the 400).
        private static bool HasTagOrIsMalformed(string value)
        {
            try
            {
                return SipTag.Find(value) != null;
            }
            catch (SipParseException)
            {
                return true;
            }
        }

        private static void CopyIfPresent(SipHeaderCollection source, SipHeaderCollection target, string name)
        {
            string value = source.Get(name);
            if (value != null)
            {
                target.Add(name, value);
            }
        }
    }
}
