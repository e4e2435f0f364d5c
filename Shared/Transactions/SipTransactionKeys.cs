using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// Matching keys (RFC 3261 §17.1.3, §17.2.3) as strings, so the table compares one string per entry.
    /// Tokens (branch, host, tags) compare case-insensitively (§7.3.1) and are lower-cased here; the method
    /// and Call-ID are case-sensitive (§7.1, §20.8).
    /// </summary>
    internal static class SipTransactionKeys
    {
        /// <summary>Whether a branch was made by an RFC 3261 element (§8.1.1.7).</summary>
        public static bool HasMagicCookie(string branch)
            => branch != null
                && branch.Length >= ViaHeader.BranchMagicCookie.Length
                && SipHeaderNames.EqualsIgnoreCase(branch.Substring(0, ViaHeader.BranchMagicCookie.Length), ViaHeader.BranchMagicCookie);

        /// <summary>§17.1.3: the branch of the top Via and the CSeq method (which tells a CANCEL from its INVITE).</summary>
        public static string Client(string branch, string cseqMethod) => branch.ToLower() + "|" + cseqMethod;

        /// <summary>
        /// §17.2.3 for a request whose top Via has a magic-cookie branch: branch, sent-by and method.
        /// Otherwise the RFC 2543 rule for non-INVITE requests: Request-URI, To tag, From tag, Call-ID,
        /// CSeq (number and method) and the top Via, whose transport, sent-by and branch stand for it (so the
        /// received and rport values a server adds do not change the key). Values are compared as text, which is
        /// what a retransmission carries; §19.1.4 URI equivalence is not applied. A malformed From or To raises
        /// <see cref="SipParseException"/>.
        /// </summary>
        public static string Server(SipMessage request, ViaHeader topVia, CSeqHeader cseq)
        {
            string branch = topVia.Branch;
            string sentBy = topVia.Host.ToLower() + ":" + topVia.Port.ToString();
            if (HasMagicCookie(branch))
            {
                return "3261|" + branch.ToLower() + "|" + sentBy + "|" + request.Method;
            }

            string toTag = SipTag.Find(request.Headers.Get(SipHeaderNames.To));
            string fromTag = SipTag.Find(request.Headers.Get(SipHeaderNames.From));
            return "2543|" + request.RequestUri
                + "|" + (toTag == null ? string.Empty : toTag.ToLower())
                + "|" + (fromTag == null ? string.Empty : fromTag.ToLower())
                + "|" + request.CallId
                + "|" + cseq.Number.ToString() + " " + cseq.Method
                + "|" + topVia.Transport.ToLower() + " " + sentBy + ";" + (branch == null ? string.Empty : branch.ToLower());
        }
    }
}
