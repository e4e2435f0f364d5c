using System;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>
    /// A MESSAGE the IM Server accepted for a recipient, on its way to a relay or into the store. Notices the IM
    /// Server writes itself (an expired message's sender told) have no transaction and no request.
    /// </summary>
    /// <param name="Transaction">The sender's server transaction, answered once the message is relayed or stored; null for a notice.</param>
    /// <param name="Request">The received MESSAGE; null for a notice.</param>
    /// <param name="Recipient">The recipient's canonical AOR.</param>
    /// <param name="Sender">The From value without its tag.</param>
    /// <param name="ContentType">The Content-Type as received.</param>
    /// <param name="Body">The body, unchanged.</param>
    /// <param name="DedupKey">Message-ID, or Call-ID and CSeq (see <see cref="Storage.MessageDedupKey"/>).</param>
    /// <param name="ArrivedAt">When the IM Server received it (delivered as Date).</param>
    internal sealed record IncomingMessage(
        SipServerTransaction? Transaction,
        SipMessage? Request,
        string Recipient,
        string Sender,
        string ContentType,
        byte[] Body,
        string DedupKey,
        DateTimeOffset ArrivedAt);
}
