namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>The life cycle of a <see cref="UserAgent"/>.</summary>
    public enum UserAgentState
    {
        /// <summary>Constructed; <see cref="UserAgent.Start"/> not called yet.</summary>
        Created,

        /// <summary>Registering, publishing and exchanging messages.</summary>
        Running,

        /// <summary>The orderly shutdown is removing the publication and the binding.</summary>
        Stopping,

        /// <summary>Shut down: the channel and the journals are closed.</summary>
        Stopped,
    }
}
