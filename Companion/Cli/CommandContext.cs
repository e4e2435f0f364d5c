using System;
using System.IO;
using Microsoft.Extensions.Logging;

namespace SimpleImGateway.Companion.Cli
{
    /// <summary>Where the verbs write and how their hosts log; tests substitute all three.</summary>
    /// <param name="Output">Results (standard output).</param>
    /// <param name="Error">Error messages (standard error).</param>
    /// <param name="ConfigureLogging">Applied last to every host the verbs build; null keeps the defaults.</param>
    public sealed record CommandContext(TextWriter Output, TextWriter Error, Action<ILoggingBuilder>? ConfigureLogging = null);
}
