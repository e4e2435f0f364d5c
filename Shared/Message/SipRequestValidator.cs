using System;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Sip.Message
{
    /// <summary>
    /// Decides what a server answers to a request that parsed (RFC 3261 §8.2 for a UAS, §16.3 for a proxy):
    /// missing or repeated mandatory headers (400), a method it does not handle (405/501, when
    /// <see cref="AllowedMethods"/> is set), an unsupported Request-URI scheme (416), Max-Forwards 0 at a proxy
    /// (483) and option tags in Require (UAS) or Proxy-Require (proxy) it does not support (420 with Unsupported).
    /// The caller never answers an ACK, whatever the result.
    /// </summary>
    public sealed class SipRequestValidator
    {
        private static readonly string[] s_mandatory =
        {
            SipHeaderNames.Via, SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq,
        };

        private static readonly string[] s_singleValued =
        {
            SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq, SipHeaderNames.MaxForwards,
            SipHeaderNames.ContentLength, SipHeaderNames.ContentType,
        };

        private static readonly string[] s_noStrings = new string[0];

        /// <summary>Whether the element acts as a proxy (checks Max-Forwards and Proxy-Require) rather than a UAS (checks Require).</summary>
        public bool ActsAsProxy { get; set; }

        /// <summary>The option tags this element supports (e.g. <c>path</c>, <c>outbound</c>); never null.</summary>
        public string[] SupportedExtensions { get; set; } = s_noStrings;

        /// <summary>The Request-URI schemes this element serves; sip, sips and tel by default.</summary>
        public string[] SupportedSchemes { get; set; } = new string[] { "sip", "sips", "tel" };

        /// <summary>The methods a UAS handles, listed in Allow when another arrives; null skips the check.</summary>
        public string[] AllowedMethods { get; set; }

        /// <summary>Checks <paramref name="request"/>; returns <see cref="SipValidationResult.Valid"/> or what to answer.</summary>
        public SipValidationResult Validate(SipMessage request)
        {
            if (request == null || !request.IsRequest)
            {
                throw new ArgumentException("a request is needed", nameof(request));
            }

            SipHeaderCollection headers = request.Headers;
            for (int i = 0; i < s_mandatory.Length; i++)
            {
                if (!headers.Contains(s_mandatory[i]))
                {
                    return new SipValidationResult(400, "Missing " + s_mandatory[i] + " header", null, null);
                }
            }

            for (int i = 0; i < s_singleValued.Length; i++)
            {
                if (headers.CountOf(s_singleValued[i]) > 1)
                {
                    return new SipValidationResult(400, "Multiple " + s_singleValued[i] + " headers", null, null);
                }
            }

            if (!ActsAsProxy && AllowedMethods != null && request.Method != SipMethods.Ack && !Contains(AllowedMethods, request.Method, false))
            {
                bool known = SipMethods.IsStandard(request.Method);
                return new SipValidationResult(known ? 405 : 501, known ? "Method Not Allowed" : "Not Implemented",
                    SipHeaderNames.Allow, JoinList(AllowedMethods, AllowedMethods.Length));
            }

            string scheme = AddressUri.SchemeOf(request.RequestUri);
            if (scheme == null || !Contains(SupportedSchemes, scheme, true))
            {
                return new SipValidationResult(416, "Unsupported URI Scheme", null, null);
            }

            if (ActsAsProxy)
            {
                string maxForwards = headers.Get(SipHeaderNames.MaxForwards);
                if (maxForwards != null)
                {
                    int hops;
                    try
                    {
                        hops = MaxForwardsHeader.Parse(maxForwards);
                    }
                    catch (SipParseException e)
                    {
                        return new SipValidationResult(400, "Invalid Max-Forwards: " + e.Reason, null, null);
                    }

                    if (hops == 0)
                    {
                        return new SipValidationResult(483, "Too Many Hops", null, null);
                    }
                }
            }

            if (request.Method != SipMethods.Ack && request.Method != SipMethods.Cancel)
            {
                string[] values = headers.GetAll(ActsAsProxy ? SipHeaderNames.ProxyRequire : SipHeaderNames.Require);
                string[] unsupported = null;
                int count = 0;
                for (int i = 0; i < values.Length; i++)
                {
                    // Parsed messages hold one tag per value; a message built by hand may hold a list.
                    string[] tags = HeaderValueSplitter.Split(values[i]);
                    for (int k = 0; k < tags.Length; k++)
                    {
                        string tag = tags[k];
                        if (tag.Length > 0 && !Contains(SupportedExtensions, tag, true))
                        {
                            if (unsupported == null || count == unsupported.Length)
                            {
                                var grown = new string[count + 4];
                                if (unsupported != null)
                                {
                                    Array.Copy(unsupported, grown, count);
                                }

                                unsupported = grown;
                            }

                            unsupported[count++] = tag;
                        }
                    }
                }

                if (count > 0)
                {
                    return new SipValidationResult(420, "Bad Extension", SipHeaderNames.Unsupported, JoinList(unsupported, count));
                }
            }

            return SipValidationResult.Valid;
        }

        private static bool Contains(string[] list, string value, bool ignoreCase)
        {
            if (list == null)
            {
                return false;
            }

            for (int i = 0; i < list.Length; i++)
            {
                if (ignoreCase ? SipHeaderNames.EqualsIgnoreCase(list[i], value) : list[i] == value)
                {
                    return true;
                }
            }

            return false;
        }

        private static string JoinList(string[] items, int count)
        {
            string s = string.Empty;
            for (int i = 0; i < count; i++)
            {
                s = i == 0 ? items[i] : s + ", " + items[i];
            }

            return s;
        }
    }
}
