using System;
using System.IO;

namespace SimpleImGateway.Companion.Tests.Support
{
    /// <summary>The checkout the tests run from: the nearest ancestor of the test binaries holding SimpleImGateway.sln.</summary>
    public static class RepoRoot
    {
        public static string Path
        {
            get
            {
                for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
                {
                    if (File.Exists(System.IO.Path.Combine(directory.FullName, "SimpleImGateway.sln")))
                    {
                        return directory.FullName;
                    }
                }

                throw new DirectoryNotFoundException("SimpleImGateway.sln not found above " + AppContext.BaseDirectory);
            }
        }
    }
}
