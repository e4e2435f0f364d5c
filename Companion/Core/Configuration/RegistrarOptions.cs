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

        /// <summary>
        /// Whether the UA gets its 200 as soon as the registration applies in memory, with the store following in
        /// the next group commit (usrloc's write-back mode in Kamailio terms). False (default): the 200 waits for
        /// the commit. With it, a disk that stalls cannot delay answers, but a crash loses the registrations of
        /// the last moments that were answered and not yet written (a graceful stop writes them all).
        /// </summary>
        public bool WriteBehind { get; set; }

        /// <summary>The most registrations committed to storage in one transaction (group commit).</summary>
        public int MaxCommitBatch { get; set; } = 512;
    }
}
