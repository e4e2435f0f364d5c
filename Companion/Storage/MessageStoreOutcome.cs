namespace SimpleImGateway.Companion.Storage
{
    /// <summary>What <see cref="IMessageStore.StoreAsync"/> did.</summary>
    public enum MessageStoreOutcome
    {
        /// <summary>The message was stored.</summary>
        Stored,

        /// <summary>A message with the same dedup key was already stored for the recipient; nothing changed.</summary>
        Duplicate,

        /// <summary>The recipient's store is full; nothing changed.</summary>
        QuotaExceeded,
    }
}
