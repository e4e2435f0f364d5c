using System;
using System.Collections.Generic;

namespace SimpleImGateway.Companion.Dashboard.Views
{
    /// <summary>The body of <c>GET /api/messages</c>: the IM Server's stored (deferred) messages.</summary>
    /// <param name="Now">The time the store was read at.</param>
    /// <param name="TotalCount">Stored messages in all.</param>
    /// <param name="TotalBytes">Their body bytes in all.</param>
    /// <param name="Queues">One queue per user and per other recipient with messages, ordered by recipient.</param>
    public sealed record MessagesView(DateTimeOffset Now, int TotalCount, long TotalBytes, IReadOnlyList<MessageQueueView> Queues);

    /// <summary>The stored messages of one recipient; users without messages are listed with a count of 0.</summary>
    /// <param name="Recipient">The recipient's address-of-record.</param>
    /// <param name="User">Its user part.</param>
    /// <param name="Count">How many messages wait.</param>
    /// <param name="TotalBytes">Their body bytes.</param>
    /// <param name="OldestArrivedAt">When the oldest arrived, or null.</param>
    /// <param name="NewestArrivedAt">When the newest arrived, or null.</param>
    /// <param name="Messages">The messages in arrival order (at most a bounded number).</param>
    public sealed record MessageQueueView(
        string Recipient,
        string User,
        int Count,
        long TotalBytes,
        DateTimeOffset? OldestArrivedAt,
        DateTimeOffset? NewestArrivedAt,
        IReadOnlyList<StoredMessageView> Messages);

    /// <summary>One stored message; the body only when asked for (<c>?bodies=true</c>).</summary>
    /// <param name="Id">The store's id.</param>
    /// <param name="Sender">The original sender.</param>
    /// <param name="ContentType">The body's Content-Type.</param>
    /// <param name="Size">The body's size in bytes.</param>
    /// <param name="ArrivedAt">When the IM Server received it.</param>
    /// <param name="ExpiresAt">When it is dropped undelivered.</param>
    /// <param name="Attempts">Failed delivery attempts so far.</param>
    /// <param name="NextAttemptAt">The earliest next delivery attempt.</param>
    /// <param name="Body">The body: text for <c>text/*</c> types, base64 otherwise; null unless asked for.</param>
    /// <param name="BodyEncoding"><c>utf-8</c> or <c>base64</c>; null with the body.</param>
    public sealed record StoredMessageView(
        long Id,
        string Sender,
        string ContentType,
        int Size,
        DateTimeOffset ArrivedAt,
        DateTimeOffset ExpiresAt,
        int Attempts,
        DateTimeOffset NextAttemptAt,
        string? Body,
        string? BodyEncoding);
}
