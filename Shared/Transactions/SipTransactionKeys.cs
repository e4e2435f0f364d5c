using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// Matching keys (RFC 3261 §17.1.3, §17.2.3) written as text into a reused <see cref="CharBuffer"/>, so the
    /// table compares one key per entry and a lookup allocates nothing; only a new transaction turns its key
    /// into a string. Tokens (branch, host, tags) compare case-insensitively (§7.3.1) and are lower-cased here;
    /// the method and Call-ID are case-sensitive (§7.1, §20.8).
    /// </summary>
    internal static class SipTransactionKeys
    {
        /// <summary>Whether a branch was made by an RFC 3261 element (§8.1.1.7).</summary>
        public static bool HasMagicCookie(string branch)
            => branch != null
                && AsciiCase.EqualsIgnoreCase(branch, 0, ViaHeader.BranchMagicCookie.Length, ViaHeader.BranchMagicCookie);

        /// <summary>
        /// §17.1.3 matches a response on the branch of its top Via and its CSeq method. The layer gives every
        /// client transaction a fresh branch, so the branch (<c>branchText[branchStart..branchEnd)</c>) alone is
        /// the key, the branch string doubles as the stored key, the client index ignores case, and the method is
        /// compared after the lookup.
        /// </summary>
        public static void Client(CharBuffer key, string branchText, int branchStart, int branchEnd)
        {
            key.Clear();
            key.Append(branchText, branchStart, branchEnd - branchStart);
        }

        /// <summary>
        /// §17.2.3 for a request whose top Via has a magic-cookie branch: branch, sent-by and method.
        /// Otherwise the RFC 2543 rule for non-INVITE requests: Request-URI, To tag, From tag, Call-ID,
        /// CSeq (number and method) and the top Via, whose transport, sent-by and branch stand for it (so the
        /// received and rport values a server adds do not change the key). Values are compared as text, which is
        /// what a retransmission carries; §19.1.4 URI equivalence is not applied. A malformed From or To raises
        /// <see cref="SipParseException"/>.
        /// </summary>
        public static void Server(CharBuffer key, SipMessage request, ViaHeader topVia, CSeqHeader cseq)
        {
            key.Clear();
            string branch = topVia.Branch;
            if (HasMagicCookie(branch))
            {
                key.Append("3261|");
                AppendLower(key, branch);
                key.Append('|');
                AppendSentBy(key, topVia);
                key.Append('|');
                key.Append(request.Method);
                return;
            }

            string toTag = SipTag.Find(request.Headers.Get(SipHeaderNames.To));
            string fromTag = SipTag.Find(request.Headers.Get(SipHeaderNames.From));
            key.Append("2543|");
            key.Append(request.RequestUri);
            key.Append('|');
            AppendLower(key, toTag);
            key.Append('|');
            AppendLower(key, fromTag);
            key.Append('|');
            key.Append(request.CallId);
            key.Append('|');
            key.AppendDecimal(cseq.Number);
            key.Append(' ');
            key.Append(cseq.Method);
            key.Append('|');
            AppendLower(key, topVia.Transport);
            key.Append(' ');
            AppendSentBy(key, topVia);
            key.Append(';');
            AppendLower(key, branch);
        }

        private static void AppendSentBy(CharBuffer key, ViaHeader via)
        {
            AppendLower(key, via.Host);
            key.Append(':');
            key.AppendDecimal(via.Port);
        }

        // Null appends nothing.
        private static void AppendLower(CharBuffer key, string text)
        {
            if (text != null)
            {
                AppendLower(key, text, 0, text.Length);
            }
        }

        private static void AppendLower(CharBuffer key, string text, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                key.Append(AsciiCase.ToLower(text[i]));
            }
        }
    }
}
