using System;
using System.Net;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>
    /// Address helpers of the IM Server. Users are keyed by their address-of-record in one canonical form,
    /// <c>sip:user@domain</c> with the host in lower case and no port or parameters, so the AOR from a
    /// Request-URI, a To header, a third-party REGISTER and a reginfo document compare equal.
    /// </summary>
    internal static class ImAddresses
    {
        /// <summary>The canonical AOR of a SIP URI with a user part, or null.</summary>
        public static string? AorOf(SipUri? uri)
        {
            if (uri is null || string.IsNullOrEmpty(uri.User) || string.IsNullOrEmpty(uri.Host))
            {
                return null;
            }

            return "sip:" + uri.User + "@" + uri.Host.ToLowerInvariant();
        }

        /// <summary>The canonical AOR of a URI in text form (a Request-URI, an entity, a configured user), or null.</summary>
        public static string? AorOfUri(string? text)
        {
            if (text is null || !SipUri.TryParse(text.Trim(), out SipUri uri))
            {
                return null;
            }

            return AorOf(uri);
        }

        /// <summary>The canonical AOR of a From/To value, or null when it is malformed or names no user.</summary>
        public static string? AorOfNameAddress(string? value)
        {
            NameAddress? address = TryParseNameAddress(value);
            return address is null ? null : AorOf(address.SipUri);
        }

        /// <summary>Parses a From/To value; null when malformed.</summary>
        public static NameAddress? TryParseNameAddress(string? value)
        {
            if (value is null)
            {
                return null;
            }

            try
            {
                return NameAddress.Parse(value);
            }
            catch (SipParseException)
            {
                return null;
            }
        }

        /// <summary>The domain (host) of a canonical AOR.</summary>
        public static string DomainOf(string aor) => aor.Substring(aor.IndexOf('@') + 1);

        /// <summary>Whether a canonical AOR belongs to <paramref name="domain"/> (case-insensitive).</summary>
        public static bool IsInDomain(string aor, string domain) =>
            string.Equals(DomainOf(aor), domain, StringComparison.OrdinalIgnoreCase);

        /// <summary>The user part of a canonical AOR.</summary>
        public static string UserOf(string aor) => aor.Substring(4, aor.IndexOf('@') - 4);

        /// <summary>A From value without its tag: what is stored as a message's sender and tagged anew on delivery.</summary>
        public static string WithoutTag(NameAddress address)
        {
            address.Tag = null;
            return address.ToString();
        }

        /// <summary>Whether two end point hosts are the same IP address (text forms may differ).</summary>
        public static bool SameAddress(string host, string other)
        {
            return IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? a)
                && IPAddress.TryParse(other.Trim('[', ']'), out IPAddress? b)
                && a.Equals(b);
        }

        /// <summary>
        /// Where a request for <paramref name="uriText"/> (a Route or a remote target) goes: its host and port, over
        /// TCP when it says transport=tcp. Null when the URI cannot be routed (not SIP, or a host name).
        /// </summary>
        public static SipEndPoint? EndPointOf(string uriText)
        {
            if (!SipUri.TryParse(uriText, out SipUri uri) || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out _))
            {
                return null;
            }

            SipTransportType transport = string.Equals(uri.Transport, "tcp", StringComparison.OrdinalIgnoreCase)
                ? SipTransportType.Tcp
                : SipTransportType.Udp;
            return new SipEndPoint(uri.Host, uri.Port, transport);
        }
    }
}
