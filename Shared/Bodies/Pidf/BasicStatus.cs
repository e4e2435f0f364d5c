namespace SimpleImGateway.Sip.Bodies.Pidf
{
    /// <summary>The value of a PIDF or OMA <c>basic</c> element.</summary>
    public enum BasicStatus
    {
        /// <summary>No basic element.</summary>
        None = 0,

        /// <summary><c>open</c>: reachable (PIDF status) or willing (OMA willingness).</summary>
        Open = 1,

        /// <summary><c>closed</c>.</summary>
        Closed = 2,
    }
}
