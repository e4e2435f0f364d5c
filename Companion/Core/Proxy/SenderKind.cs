namespace SimpleImGateway.Companion.Core.Proxy
{
    /// <summary>Who sent a request, as the proxy's policy sees it.</summary>
    public enum SenderKind
    {
        /// <summary>A user of this domain, authenticated by digest.</summary>
        LocalUser,

        /// <summary>A trusted application server (by source address).</summary>
        ApplicationServer,

        /// <summary>Anyone else: a user of another domain, unauthenticated.</summary>
        External,
    }
}
