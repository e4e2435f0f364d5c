namespace SimpleImGateway.Companion.Cli
{
    /// <summary>
    /// The exit codes of <c>simpleim</c>, after the BSD sysexits convention so scripts and service managers
    /// can tell a mistake of the operator from a failure of the machine.
    /// </summary>
    public static class ExitCodes
    {
        /// <summary>The command did what it was asked; <c>serve</c> was stopped by a signal.</summary>
        public const int Success = 0;

        /// <summary>An unexpected error; the message and stack trace go to standard error.</summary>
        public const int Failure = 1;

        /// <summary>The command line is wrong: unknown verb or option, missing argument, a value outside its set.</summary>
        public const int Usage = 64;

        /// <summary>An argument is well-formed but not acceptable, such as an invalid user name or a user that already exists.</summary>
        public const int DataError = 65;

        /// <summary>The named user does not exist.</summary>
        public const int NoSuchUser = 67;

        /// <summary>The database cannot be opened, reached or migrated.</summary>
        public const int StorageUnavailable = 69;

        /// <summary>A configured listening port is already in use.</summary>
        public const int PortInUse = 75;

        /// <summary>The configuration is invalid: a bad value, an unknown key, a missing or malformed file.</summary>
        public const int Configuration = 78;
    }
}
