using System;
using System.Collections.Generic;
using System.IO;

namespace SimpleImGateway.Companion.Dashboard
{
    /// <summary>The page, script and style of the dashboard, read once from the assembly's embedded resources.</summary>
    internal sealed class DashboardAssets
    {
        private const string ResourcePrefix = "SimpleImGateway.Companion.Dashboard.wwwroot.";

        private static readonly Dictionary<string, string> s_contentTypes = new(StringComparer.Ordinal)
        {
            [".html"] = "text/html; charset=utf-8",
            [".js"] = "text/javascript; charset=utf-8",
            [".css"] = "text/css; charset=utf-8",
        };

        private readonly Dictionary<string, (byte[] Content, string ContentType)> _files = new(StringComparer.Ordinal);

        public DashboardAssets()
        {
            var assembly = typeof(DashboardAssets).Assembly;
            foreach (string name in assembly.GetManifestResourceNames())
            {
                if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                string file = name[ResourcePrefix.Length..];
                using Stream stream = assembly.GetManifestResourceStream(name)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                _files[file] = (copy.ToArray(), s_contentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream"));
            }
        }

        /// <summary>The file of that name (e.g. <c>index.html</c>), or false when there is none.</summary>
        public bool TryGet(string file, out byte[] content, out string contentType)
        {
            if (_files.TryGetValue(file, out var entry))
            {
                (content, contentType) = entry;
                return true;
            }

            content = [];
            contentType = string.Empty;
            return false;
        }
    }
}
