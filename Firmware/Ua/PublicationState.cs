namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>Where the <see cref="PublicationClient"/> stands.</summary>
    public enum PublicationState
    {
        /// <summary>Nothing is published (the device is unavailable, or not registered yet).</summary>
        Idle,

        /// <summary>A PUBLISH is on its way.</summary>
        Publishing,

        /// <summary>The presence server holds the publication; a refresh is scheduled.</summary>
        Published,

        /// <summary>The last PUBLISH failed; the next one waits for the backoff.</summary>
        RetryWait,

        /// <summary>The server does not take presence publications (403, 405, 489, 501); nothing is retried until availability changes.</summary>
        Disabled,
    }
}
