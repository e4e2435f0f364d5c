namespace SimpleImGateway.Companion.Tests.Support
{
    /// <summary>What one in-process command line run produced.</summary>
    public sealed record CliResult(int ExitCode, string Output, string Error)
    {
        /// <summary>Standard error split into lines, without the trailing empty one.</summary>
        public string[] ErrorLines => Error.TrimEnd('\n', '\r').Split('\n');

        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
    }
}
