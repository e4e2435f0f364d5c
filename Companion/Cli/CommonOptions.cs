using System.CommandLine;

namespace SimpleImGateway.Companion.Cli
{
    /// <summary>Options every verb accepts (declared once on the root, recursively).</summary>
    internal sealed class CommonOptions
    {
        public Option<string?> DataDirectory { get; } = new("--data-dir")
        {
            Description = "Directory of the SQLite database (default ./data; overrides Storage:DataDirectory)",
            HelpName = "DIR",
            Recursive = true,
        };

        public Option<string?> ConfigFile { get; } = new("--config")
        {
            Description = "JSON configuration file read after appsettings.json",
            HelpName = "FILE",
            Recursive = true,
        };
    }
}
