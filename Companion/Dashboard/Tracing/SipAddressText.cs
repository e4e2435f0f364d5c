using System;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Companion.Dashboard.Tracing
{
    /// <summary>Short, forgiving readings of SIP addresses for display; they never throw on bad input.</summary>
    internal static class SipAddressText
    {
        /// <summary>
        /// A comparison key for an address-of-record: <c>sip:user@host</c> with the host in lower case and
        /// parameters dropped; <c>sips</c> counts as <c>sip</c>. Text that is no SIP URI is only trimmed.
        /// </summary>
        public static string AorKey(string uri)
        {
            ArgumentNullException.ThrowIfNull(uri);
            string trimmed = uri.Trim();
            if (SipUri.TryParse(trimmed, out SipUri parsed))
            {
                return parsed.User is null
                    ? "sip:" + parsed.Host.ToLowerInvariant()
                    : "sip:" + parsed.User + "@" + parsed.Host.ToLowerInvariant();
            }

            return trimmed;
        }

        /// <summary>The AOR key of a From/To header value, or null when it cannot be read.</summary>
        public static string? AorKeyOfHeader(string? headerValue)
        {
            SipUri? uri = SipUriOfHeader(headerValue);
            if (uri is null)
            {
                return null;
            }

            return uri.User is null ? "sip:" + uri.Host.ToLowerInvariant() : "sip:" + uri.User + "@" + uri.Host.ToLowerInvariant();
        }

        /// <summary>The user part of a From/To header value (the host when there is none), or null.</summary>
        public static string? UserOfHeader(string? headerValue) => SipUriOfHeader(headerValue) is { } uri ? uri.User ?? uri.Host : null;

        /// <summary>The user part of a URI (the host when there is none), or the text itself when it is no SIP URI.</summary>
        public static string UserOfUri(string uri) => SipUri.TryParse(uri.Trim(), out SipUri parsed) ? parsed.User ?? parsed.Host : uri;

        private static SipUri? SipUriOfHeader(string? headerValue)
        {
            if (string.IsNullOrEmpty(headerValue))
            {
                return null;
            }

            try
            {
                return NameAddress.Parse(headerValue).SipUri;
            }
            catch (SipParseException)
            {
                return null;
            }
        }
    }
}
