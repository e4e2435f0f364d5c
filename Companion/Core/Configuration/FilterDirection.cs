namespace SimpleImGateway.Companion.Core.Configuration
{
    /// <summary>Which senders a filter criterion applies to. Criteria are only evaluated for requests to a local user.</summary>
    public enum FilterDirection
    {
        /// <summary>Every request to a local user.</summary>
        Any,

        /// <summary>Requests sent by an authenticated local user (the originating side).</summary>
        Originating,

        /// <summary>Requests from any user agent, local or of another domain, but not from an application server.</summary>
        Terminating,

        /// <summary>Requests from a trusted application server.</summary>
        FromApplicationServer,
    }
}
