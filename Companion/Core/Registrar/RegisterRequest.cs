using System;
using System.Collections.Generic;
using System.Globalization;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Companion.Core.Registrar
{
    /// <summary>
    /// The parts of a REGISTER the registrar acts on, read and checked before anything else (RFC 3261 §10.3
    /// steps 5 and 6): the address-of-record, the contacts with their requested expiry and q, or the wildcard.
    /// A malformed REGISTER is reported as status and reason (400 or 404) without touching any binding.
    /// </summary>
    internal sealed class RegisterRequest
    {
        private RegisterRequest(string aor, string user, string callId, long cseq, IReadOnlyList<ContactRequest> contacts, bool wildcard)
        {
            Aor = aor;
            User = user;
            CallId = callId;
            CSeq = cseq;
            Contacts = contacts;
            IsWildcard = wildcard;
        }

        /// <summary>The canonical AOR: <c>sip:user@domain</c>.</summary>
        public string Aor { get; }

        /// <summary>The user part of the AOR (the digest user who may register it).</summary>
        public string User { get; }

        /// <summary>The Call-ID.</summary>
        public string CallId { get; }

        /// <summary>The CSeq number.</summary>
        public long CSeq { get; }

        /// <summary>The Contacts asked for; empty for a query or the wildcard.</summary>
        public IReadOnlyList<ContactRequest> Contacts { get; }

        /// <summary>Whether this is <c>Contact: *</c> with <c>Expires: 0</c>: remove every binding.</summary>
        public bool IsWildcard { get; }

        /// <summary>Whether the REGISTER only asks for the current bindings.</summary>
        public bool IsQuery => Contacts.Count == 0 && !IsWildcard;

        /// <summary>Reads <paramref name="request"/>; on failure <paramref name="status"/> and <paramref name="reason"/> say what to answer.</summary>
        public static RegisterRequest? TryRead(SipMessage request, string domain, out int status, out string reason)
        {
            status = 400;
            reason = string.Empty;

            SipUri? to;
            try
            {
                to = NameAddress.Parse(request.Headers.Get(SipHeaderNames.To)).SipUri;
            }
            catch (SipParseException e)
            {
                reason = "Invalid To header: " + e.Reason;
                return null;
            }

            if (to is null)
            {
                reason = "The To header must hold a sip or sips URI";
                return null;
            }

            if (string.IsNullOrEmpty(to.User))
            {
                reason = "The To URI has no user part";
                return null;
            }

            if (!string.Equals(to.Host, domain, StringComparison.OrdinalIgnoreCase))
            {
                status = 404;
                reason = "Not Found: " + to.Host + " is not the domain of this registrar";
                return null;
            }

            long? headerExpires = null;
            string? expiresValue = request.Headers.Get(SipHeaderNames.Expires);
            if (expiresValue is not null)
            {
                try
                {
                    headerExpires = ExpiresHeader.Parse(expiresValue);
                }
                catch (SipParseException e)
                {
                    reason = "Invalid Expires header: " + e.Reason;
                    return null;
                }
            }

            var contacts = new List<ContactRequest>();
            bool wildcard = false;
            string[] values = request.Headers.GetAll(SipHeaderNames.Contact);
            foreach (string value in values)
            {
                NameAddress address;
                try
                {
                    address = NameAddress.ParseContact(value);
                }
                catch (SipParseException e)
                {
                    reason = "Invalid Contact header: " + e.Reason;
                    return null;
                }

                if (address.IsWildcard)
                {
                    wildcard = true;
                    continue;
                }

                if (address.SipUri is not { } uri)
                {
                    reason = "Contact " + value + " is not a sip or sips URI";
                    return null;
                }

                long? expires = headerExpires;
                string? expiresParameter = address.Parameters.Get("expires");
                if (address.Parameters.Contains("expires"))
                {
                    try
                    {
                        expires = ExpiresHeader.Parse(expiresParameter);
                    }
                    catch (SipParseException e)
                    {
                        reason = "Invalid expires parameter of Contact " + uri + ": " + e.Reason;
                        return null;
                    }
                }

                double? q = null;
                if (address.Parameters.Contains("q"))
                {
                    if (!TryParseQ(address.Parameters.Get("q"), out double parsed))
                    {
                        reason = "Invalid q parameter of Contact " + uri + ": must be 0 to 1 with at most three decimals";
                        return null;
                    }

                    q = parsed;
                }

                contacts.Add(new ContactRequest(address, uri, expires, q));
            }

            if (wildcard && (values.Length != 1 || headerExpires != 0))
            {
                reason = "Contact: * must be the only Contact and come with Expires: 0";
                return null;
            }

            string user = to.User;
            string aor = AddressOfRecord.Of(to.User, domain);
            CSeqHeader cseq = CSeqHeader.Parse(request.Headers.Get(SipHeaderNames.CSeq));
            return new RegisterRequest(aor, user, request.CallId, cseq.Number, contacts, wildcard);
        }

        // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), RFC 3261 §25.1
        private static bool TryParseQ(string? text, out double q)
        {
            q = 0;
            if (string.IsNullOrEmpty(text) || text.Length > 5 || (text[0] != '0' && text[0] != '1'))
            {
                return false;
            }

            if (text.Length > 1 && text[1] != '.')
            {
                return false;
            }

            for (int i = 2; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9' || (text[0] == '1' && text[i] != '0'))
                {
                    return false;
                }
            }

            return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out q) && q <= 1.0;
        }
    }
}
