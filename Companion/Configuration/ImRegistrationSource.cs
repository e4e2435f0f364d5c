namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>How the IM Server learns which users are registered (seed step 4 and its note).</summary>
    public enum ImRegistrationSource
    {
        /// <summary>The Core REGISTERs each user at the IM Server on the user's behalf (initial filter criteria).</summary>
        ThirdPartyRegister,

        /// <summary>The IM Server subscribes to the registration event package (RFC 3680) of each user at the Presence Server.</summary>
        RegEvent,
    }
}
