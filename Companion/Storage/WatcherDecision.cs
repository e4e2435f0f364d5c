namespace SimpleImGateway.Companion.Storage
{
    /// <summary>What a presentity decided about one watcher (RFC 5025 sub-handling values).</summary>
    public enum WatcherDecision
    {
        /// <summary>The watcher may see the presentity's state.</summary>
        Allow,

        /// <summary>The subscription is rejected.</summary>
        Block,

        /// <summary>The subscription appears accepted but the watcher only ever sees a closed, neutral state.</summary>
        PoliteBlock,
    }
}
