namespace SimpleImGateway.Companion.Hosting
{
    /// <summary>The SIP elements of the OMA SIMPLE IM architecture that the companion hosts.</summary>
    public enum SipElementKind
    {
        /// <summary>The SIP/IP Core: registrar and proxy.</summary>
        Core,

        /// <summary>The Presence Server.</summary>
        Presence,

        /// <summary>The IM Server.</summary>
        Im,
    }
}
