using System.Globalization;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>
    /// Builds <see cref="NewDeferredMessage.DedupKey"/> values. The two kinds carry distinct prefixes,
    /// so a Message-ID can never collide with a Call-ID/CSeq pair.
    /// </summary>
    public static class MessageDedupKey
    {
        /// <summary>The key of a message that carries a Message-ID header.</summary>
        public static string FromMessageId(string messageId) => "mid:" + messageId.Trim();

        /// <summary>The key of a message without Message-ID: its Call-ID and CSeq number.</summary>
        public static string FromCallIdAndCSeq(string callId, long cseq) =>
            "cid:" + cseq.ToString(CultureInfo.InvariantCulture) + ":" + callId.Trim();
    }
}
