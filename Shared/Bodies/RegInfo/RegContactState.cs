namespace SimpleImGateway.Sip.Bodies.RegInfo
{
    /// <summary>The state of one contact binding (RFC 3680 section 5.2).</summary>
    public enum RegContactState
    {
        /// <summary><c>active</c>: the binding is in force.</summary>
        Active = 0,

        /// <summary><c>terminated</c>: the binding was removed.</summary>
        Terminated = 1,
    }
}
