namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>Where the <see cref="RegistrationClient"/> stands.</summary>
    public enum RegistrationState
    {
        /// <summary>Not started.</summary>
        Idle,

        /// <summary>A REGISTER is on its way and no binding is in force yet.</summary>
        Registering,

        /// <summary>The binding is in force; a refresh is scheduled (or in flight).</summary>
        Registered,

        /// <summary>The last attempt failed; the next one waits for the backoff.</summary>
        RetryWait,

        /// <summary>The registrar answered 403; nothing is retried until the UA is started again.</summary>
        Forbidden,

        /// <summary>A REGISTER with Expires: 0 is on its way.</summary>
        Unregistering,

        /// <summary>The binding was removed (or never existed) after an orderly shutdown.</summary>
        Unregistered,
    }
}
