using System;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Core.Proxy
{
    /// <summary>
    /// Loop detection (RFC 3261 §16.3 step 4, §16.6 step 8): every branch the proxy sends carries a hash of what
    /// its routing decision depends on — Request-URI, tags, Call-ID, CSeq, Route, Proxy-Require, and the
    /// previous hop — as <c>z9hG4bK&lt;hash&gt;.&lt;random&gt;</c>. A request arriving with a Via of this proxy
    /// whose branch carries the same hash has been here in the same state before: a loop (482). A request that
    /// comes back changed (a spiral, e.g. via an application server) has a different hash and passes.
    /// </summary>
    internal static class LoopDetection
    {
        /// <summary>The 16 hex digits hashing the routing-relevant fields of <paramref name="request"/> as received.</summary>
        public static string Hash(SipMessage request, SipEndPoint source)
        {
            ulong hash = 14695981039346656037UL;
            hash = Add(hash, request.RequestUri);
            hash = Add(hash, TagOf(request.Headers.Get(SipHeaderNames.To)));
            hash = Add(hash, TagOf(request.Headers.Get(SipHeaderNames.From)));
            hash = Add(hash, request.CallId);
            hash = Add(hash, request.Headers.Get(SipHeaderNames.CSeq));
            foreach (string route in request.Headers.GetAll(SipHeaderNames.Route))
            {
                hash = Add(hash, route);
            }

            foreach (string option in request.Headers.GetAll(SipHeaderNames.ProxyRequire))
            {
                hash = Add(hash, option);
            }

            hash = Add(hash, source.ToString());
            return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>The branch of a new client transaction: the hash and a random suffix.</summary>
        public static string Branch(string hash, string random) => ViaHeader.BranchMagicCookie + hash + "." + random;

        /// <summary>Whether a Via of this proxy (<paramref name="self"/>) carries <paramref name="hash"/> in its branch.</summary>
        public static bool IsLoop(SipMessage request, CoreAddress self, string hash)
        {
            string prefix = ViaHeader.BranchMagicCookie + hash + ".";
            SipHeaderCollection headers = request.Headers;
            for (int i = 0; i < headers.Count; i++)
            {
                SipHeader header = headers[i];
                if (header.Name != SipHeaderNames.Via || !header.Value.Contains(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                try
                {
                    ViaHeader via = ViaHeader.Parse(header.Value);
                    if (self.IsOwnEndPoint(via.Host, via.Port) && via.Branch is { } branch && branch.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
                catch (SipParseException)
                {
                    // a Via further down that cannot be read is not ours
                }
            }

            return false;
        }

        private static string? TagOf(string? nameAddress)
        {
            if (nameAddress is null)
            {
                return null;
            }

            try
            {
                return NameAddress.Parse(nameAddress).Tag;
            }
            catch (SipParseException)
            {
                return nameAddress;
            }
        }

        private static ulong Add(ulong hash, string? text)
        {
            if (text is not null)
            {
                foreach (char c in text)
                {
                    hash = (hash ^ c) * 1099511628211UL;
                }
            }

            return (hash ^ '|') * 1099511628211UL;
        }
    }
}
