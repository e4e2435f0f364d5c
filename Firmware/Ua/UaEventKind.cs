namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>What a <see cref="UaEvent"/> reports to the application.</summary>
    public enum UaEventKind
    {
        /// <summary>The registrar accepted the binding (first time or after a failure); StatusCode is the 2xx, Text the granted expiry.</summary>
        Registered,

        /// <summary>A REGISTER failed; the client retries after a backoff. StatusCode and Text say why.</summary>
        RegistrationFailed,

        /// <summary>The server rejected the credentials (a second challenge without stale); the client retries after a backoff.</summary>
        AuthenticationFailed,

        /// <summary>The registrar answered 403: registration stopped until the application starts the UA again.</summary>
        RegistrationForbidden,

        /// <summary>The binding was removed (Expires: 0) or the attempt to remove it ended.</summary>
        Unregistered,

        /// <summary>The presence publication was accepted (initial or modified); Subject is the SIP-ETag.</summary>
        Published,

        /// <summary>A PUBLISH failed; StatusCode and Text say why.</summary>
        PublicationFailed,

        /// <summary>The publication was removed (Expires: 0).</summary>
        PublicationRemoved,

        /// <summary>A message was stored in the outbox; Subject is its Message-ID.</summary>
        MessageQueued,

        /// <summary>A MESSAGE left for the server (first attempt or a retry); Subject is the Message-ID.</summary>
        MessageSent,

        /// <summary>The server answered 2xx and the message left the outbox; Subject is the Message-ID.</summary>
        MessageAcknowledged,

        /// <summary>A MESSAGE attempt failed; the outbox keeps it and retries. Subject is the Message-ID.</summary>
        MessageFailed,

        /// <summary>A MESSAGE arrived and is in the inbox; Subject is its Message-ID, Text the sender.</summary>
        MessageReceived,

        /// <summary>An incoming MESSAGE was refused (inbox full, too large, unsupported type); StatusCode is the answer sent.</summary>
        MessageRefused,

        /// <summary>The orderly shutdown finished; the channel and the journals are closed.</summary>
        Stopped,
    }
}
