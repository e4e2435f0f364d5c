using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Companion.Presence.Events
{
    /// <summary>
    /// The canonical text of an address-of-record, so that presentities, watchers and rules compare as strings:
    /// <c>sip:user@host[:port]</c> with the host in lower case and every parameter and header dropped.
    /// </summary>
    public static class AddressOfRecord
    {
        /// <summary>The canonical AOR of a sip/sips URI with a user part; null for anything else.</summary>
        public static string? FromUri(string? uriText)
        {
            if (uriText is null || !SipUri.TryParse(uriText.Trim(), out SipUri uri) || string.IsNullOrEmpty(uri.User))
            {
                return null;
            }

            var canonical = new SipUri(uri.User, uri.Host.ToLowerInvariant(), uri.Port) { IsSecure = uri.IsSecure };
            return canonical.ToString();
        }

        /// <summary>The canonical AOR of the URI in a From or To value; null when it is malformed or has no user.</summary>
        public static string? FromNameAddress(string? value)
        {
            if (value is null)
            {
                return null;
            }

            try
            {
                return FromUri(NameAddress.Parse(value).Uri?.ToString());
            }
            catch (SipParseException)
            {
                return null;
            }
        }

        /// <summary>
        /// The resource a PUBLISH or SUBSCRIBE is about. The Request-URI names it when it is an AOR of
        /// <paramref name="domain"/>; a request the SIP/IP Core forwarded may carry this server's own address there
        /// instead, and then the To URI (which no proxy rewrites) names it.
        /// </summary>
        public static string? ResourceOf(SipMessage request, string domain)
        {
            string? fromRequestUri = FromUri(request.RequestUri);
            if (fromRequestUri is not null && SipUri.TryParse(fromRequestUri, out SipUri uri)
                && string.Equals(uri.Host, domain, System.StringComparison.OrdinalIgnoreCase))
            {
                return fromRequestUri;
            }

            return FromNameAddress(request.Headers.Get(SipHeaderNames.To)) ?? fromRequestUri;
        }
    }
}
