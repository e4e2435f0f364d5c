namespace SimpleImGateway.Companion.Storage
{
    /// <summary>A dialog identifier seen from this server (RFC 3261 §12): Call-ID, our tag, the peer's tag.</summary>
    /// <param name="CallId">The Call-ID.</param>
    /// <param name="LocalTag">The tag this server put into its side (To of the SUBSCRIBE it answered).</param>
    /// <param name="RemoteTag">The peer's tag (From of the SUBSCRIBE).</param>
    public sealed record DialogId(string CallId, string LocalTag, string RemoteTag);
}
