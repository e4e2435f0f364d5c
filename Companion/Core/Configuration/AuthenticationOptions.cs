namespace SimpleImGateway.Companion.Core.Configuration
{
    /// <summary>Digest authentication settings of the Core (section <c>Core:Authentication</c>); the realm is <c>Sip:Domain</c>.</summary>
    public sealed class AuthenticationOptions
    {
        /// <summary>The default name of the nonce secret file in the data directory.</summary>
        public const string DefaultSecretFile = "core-nonce-secret";

        /// <summary>How long a nonce is accepted after it was issued, in seconds.</summary>
        public int NonceLifetimeSeconds { get; set; } = 300;

        /// <summary>
        /// How many recently issued nonces are tracked for replay protection. A nonce older than the newest this
        /// many is answered with a fresh challenge (stale=true), so it must cover the challenges issued while a
        /// client computes its answer at the highest load.
        /// </summary>
        public int NonceCapacity { get; set; } = 65536;

        /// <summary>How long a user's HA1 values (or the absence of the user) are cached, in seconds; 0 disables the cache.</summary>
        public int UserCacheSeconds { get; set; } = 5;

        /// <summary>
        /// The file holding the secret that signs nonces, relative to the data directory; created with 32 random
        /// bytes when missing. Keeping it lets nonces issued before a restart be recognised after it.
        /// </summary>
        public string SecretFile { get; set; } = DefaultSecretFile;
    }
}
