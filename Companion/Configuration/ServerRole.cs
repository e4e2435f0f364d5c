namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Which SIP elements one <c>serve</c> process runs.</summary>
    public enum ServerRole
    {
        /// <summary>The SIP/IP Core, the Presence Server and the IM Server together.</summary>
        All,

        /// <summary>The SIP/IP Core alone: registrar and proxy.</summary>
        Core,

        /// <summary>The Presence Server alone.</summary>
        Presence,

        /// <summary>The IM Server alone.</summary>
        Im,
    }
}
