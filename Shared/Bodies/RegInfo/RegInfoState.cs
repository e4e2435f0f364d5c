namespace SimpleImGateway.Sip.Bodies.RegInfo
{
    /// <summary>Whether a reginfo document carries the full registration state or only changes (RFC 3680).</summary>
    public enum RegInfoState
    {
        /// <summary><c>full</c>: every registration of the subscribed resource.</summary>
        Full = 0,

        /// <summary><c>partial</c>: only registrations that changed since the previous notification.</summary>
        Partial = 1,
    }
}
