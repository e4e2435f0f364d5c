using System;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Configuration;

namespace SimpleImGateway.Companion.Hosting
{
    /// <summary>What the command line contributes to building the host.</summary>
    public sealed record CompanionHostSettings
    {
        /// <summary>A JSON configuration file read after <c>appsettings.json</c> (<c>--config</c>); it must exist.</summary>
        public string? ConfigFile { get; init; }

        /// <summary>Overrides <c>Storage:DataDirectory</c> (<c>--data-dir</c>).</summary>
        public string? DataDirectory { get; init; }

        /// <summary>Overrides <c>Companion:Role</c> (<c>serve --role</c>).</summary>
        public ServerRole? Role { get; init; }

        /// <summary>
        /// True for <c>serve</c>: logs go to standard output at the configured levels. Otherwise the host only
        /// serves a command-line tool, which logs warnings and errors to standard error.
        /// </summary>
        public bool IsServer { get; init; }

        /// <summary>A last say over logging, applied after the defaults (tests use it to silence the console).</summary>
        public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
    }
}
