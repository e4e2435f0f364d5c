namespace SimpleImGateway.Sip.Bodies.RegInfo
{
    /// <summary>The state of one address-of-record's registration (RFC 3680 section 5.1).</summary>
    public enum RegistrationState
    {
        /// <summary><c>init</c>: no contact bound yet.</summary>
        Init = 0,

        /// <summary><c>active</c>: at least one contact is bound.</summary>
        Active = 1,

        /// <summary><c>terminated</c>: the last contact went away.</summary>
        Terminated = 2,
    }
}
