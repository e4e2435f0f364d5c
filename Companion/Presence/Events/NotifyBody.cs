namespace SimpleImGateway.Companion.Presence.Events
{
    /// <summary>A NOTIFY body; the same instance may be sent to many watchers, so it is never changed.</summary>
    /// <param name="ContentType">The Content-Type, e.g. <c>application/pidf+xml</c>.</param>
    /// <param name="Content">The octets.</param>
    public sealed record NotifyBody(string ContentType, byte[] Content);
}
