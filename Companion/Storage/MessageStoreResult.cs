namespace SimpleImGateway.Companion.Storage
{
    /// <summary>The result of storing a deferred message.</summary>
    /// <param name="Outcome">Stored, duplicate or over quota.</param>
    /// <param name="MessageId">The id of the stored message, or of the earlier copy for a duplicate; 0 when over quota.</param>
    public readonly record struct MessageStoreResult(MessageStoreOutcome Outcome, long MessageId);
}
