// Host-only: reads the RFC 4475 messages from disk.
using System;
using System.Collections.Generic;
using System.IO;
using SimpleImGateway.Tests.NanoFit;

namespace SimpleImGateway.Sip.Tests.Rfc4475
{
    /// <summary>One line of index.tsv.</summary>
    public sealed class Rfc4475Entry
    {
        public string File { get; init; }

        public string Section { get; init; }

        public string Title { get; init; }

        public string Class { get; init; }

        public string Expected { get; init; }
    }

    /// <summary>Locates ../shared/testdata/rfc4475 beside the checkout and reads its index.</summary>
    public static class Rfc4475Corpus
    {
        public static string Folder
        {
            get
            {
                string folder = Path.GetFullPath(Path.Combine(NanoAssemblies.RepoRoot, "..", "shared", "testdata", "rfc4475"));
                if (!Directory.Exists(folder))
                {
                    throw new DirectoryNotFoundException(
                        $"The RFC 4475 messages are missing: expected them in {folder} (../shared/testdata/rfc4475 beside the checkout).");
                }

                return folder;
            }
        }

        public static Dictionary<string, Rfc4475Entry> ReadIndex()
        {
            string path = Path.Combine(Folder, "index.tsv");
            if (!System.IO.File.Exists(path))
            {
                throw new FileNotFoundException("index.tsv is missing from the RFC 4475 folder", path);
            }

            var entries = new Dictionary<string, Rfc4475Entry>(StringComparer.Ordinal);
            string[] lines = System.IO.File.ReadAllLines(path);
            for (int i = 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }

                string[] cols = lines[i].Split('\t');
                if (cols.Length != 5)
                {
                    throw new InvalidDataException($"index.tsv line {i + 1} has {cols.Length} columns, expected 5");
                }

                entries.Add(cols[0], new Rfc4475Entry { File = cols[0], Section = cols[1], Title = cols[2], Class = cols[3], Expected = cols[4] });
            }

            return entries;
        }

        public static byte[] Read(string file) => System.IO.File.ReadAllBytes(Path.Combine(Folder, file));

        /// <summary>The status codes (100..699) named in an expected text.</summary>
        public static List<int> CodesIn(string expected)
        {
            var codes = new List<int>();
            for (int i = 0; i + 3 <= expected.Length; i++)
            {
                bool boundary = (i == 0 || !char.IsDigit(expected[i - 1])) && (i + 3 == expected.Length || !char.IsDigit(expected[i + 3]));
                if (boundary && char.IsDigit(expected[i]) && char.IsDigit(expected[i + 1]) && char.IsDigit(expected[i + 2]))
                {
                    int code = int.Parse(expected.AsSpan(i, 3));
                    if (code >= 100 && code <= 699)
                    {
                        codes.Add(code);
                    }
                }
            }

            return codes;
        }
    }
}
