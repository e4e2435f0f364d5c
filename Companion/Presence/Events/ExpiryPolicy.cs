namespace SimpleImGateway.Companion.Presence.Events
{
    /// <summary>The bounds of a requested expiry (Expires header) for subscriptions and publications.</summary>
    /// <param name="MinSeconds">Shorter non-zero requests are answered 423 with this as Min-Expires.</param>
    /// <param name="MaxSeconds">Longer requests are granted this.</param>
    /// <param name="DefaultSeconds">Granted when the request has no Expires.</param>
    public sealed record ExpiryPolicy(int MinSeconds, int MaxSeconds, int DefaultSeconds);
}
