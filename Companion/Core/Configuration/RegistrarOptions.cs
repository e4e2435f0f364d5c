namespace SimpleImGateway.Companion.Core.Configuration
{
    /// <summary>Registrar settings (section <c>Core:Registrar</c>), RFC 3261 §10.3.</summary>
    public sealed class RegistrarOptions
    {
        /// <summary>The shortest binding lifetime accepted, in seconds; a shorter non-zero request gets 423 with Min-Expires.</summary>
        public int MinExpires { get; set; } = 60;

        /// <summary>The lifetime of a contact whose REGISTER gives neither an expires parameter nor an Expires header.</summary>
        public int DefaultExpires { get; set; } = 3600;

        /// <summary>The longest lifetime granted; longer requests are shortened to it.</summary>
        public int MaxExpires { get; set; } = 86400;

        /// <summary>How many contacts one address-of-record may have bound at once; a REGISTER exceeding it gets 403.</summary>
        public int MaxContactsPerAor { get; set; } = 16;

        /// <summary>How often expired bindings are removed from memory and storage, in seconds.</summary>
        public int PurgeIntervalSeconds { get; set; } = 30;

        /// <summary>
        /// Whether each registration commit waits for the disk (SQLite synchronous=FULL, PostgreSQL synchronous_commit
        /// on) before the UA gets its 200. False (default): the commit is in the database's log before the 200, so a
        /// restart or a crash of the server keeps it, but a power loss may lose the last moments of registrations,
        /// which UAs refresh anyway.
        /// </summary>
        public bool FlushEachCommit { get; set; }

        /// <summary>The most registrations committed to storage in one transaction (group commit).</summary>
        public int MaxCommitBatch { get; set; } = 512;
    }
}
