namespace SimpleImGateway.Sip.Bodies.RegInfo
{
    /// <summary>The event that moved a contact into its current state (RFC 3680 section 5.2).</summary>
    public enum RegContactEvent
    {
        /// <summary><c>registered</c>: created by a REGISTER.</summary>
        Registered = 0,

        /// <summary><c>created</c>: created administratively.</summary>
        Created = 1,

        /// <summary><c>refreshed</c>: refreshed by a REGISTER.</summary>
        Refreshed = 2,

        /// <summary><c>shortened</c>: expiry shortened administratively.</summary>
        Shortened = 3,

        /// <summary><c>expired</c>: not refreshed in time.</summary>
        Expired = 4,

        /// <summary><c>deactivated</c>: removed administratively; the UA may register again at once.</summary>
        Deactivated = 5,

        /// <summary><c>probation</c>: removed administratively; retry after a while.</summary>
        Probation = 6,

        /// <summary><c>unregistered</c>: removed by a REGISTER with expires 0.</summary>
        Unregistered = 7,

        /// <summary><c>rejected</c>: removed administratively for good.</summary>
        Rejected = 8,
    }
}
