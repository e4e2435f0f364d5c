using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace SimpleImGateway.Tests.NanoFit
{
    /// <summary>Locates the nano-built assemblies under artifacts/nano/ of this checkout.</summary>
    public static class NanoAssemblies
    {
        public static string RepoRoot
        {
            get
            {
                string root = typeof(NanoAssemblies).Assembly
                    .GetCustomAttributes<AssemblyMetadataAttribute>()
                    .First(a => a.Key == "RepoRoot").Value;
                return Path.GetFullPath(root);
            }
        }

        public static string PathOf(string assemblyName)
        {
            string path = Path.Combine(RepoRoot, "artifacts", "nano", assemblyName, assemblyName + ".dll");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"The nano build of {assemblyName} is missing at {path}; build SimpleImGateway.sln first.", path);
            }

            return path;
        }
    }
}
