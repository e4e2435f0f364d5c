using System;

namespace SimpleImGateway.Companion.Cli
{
    /// <summary>A verb cannot do what was asked; carries the exit code and a one-line message.</summary>
    public sealed class CommandFailedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public CommandFailedException(int exitCode, string message)
            : base(message)
        {
            ExitCode = exitCode;
        }

        /// <summary>One of <see cref="ExitCodes"/>.</summary>
        public int ExitCode { get; }
    }
}
