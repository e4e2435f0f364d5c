namespace SimpleImGateway.Companion.Storage
{
    /// <summary>A presentity's decision about one watcher. A watcher without a rule stays pending.</summary>
    /// <param name="Presentity">The presentity URI.</param>
    /// <param name="Watcher">The watcher URI.</param>
    /// <param name="Decision">Allow, block or polite-block.</param>
    public sealed record WatcherRule(string Presentity, string Watcher, WatcherDecision Decision);
}
