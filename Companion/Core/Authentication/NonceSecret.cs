using System;
using System.IO;
using System.Security.Cryptography;

namespace SimpleImGateway.Companion.Core.Authentication
{
    /// <summary>
    /// The key that signs the Core's digest nonces, kept in a file of the data directory so that a nonce issued
    /// before a restart is still recognised after it (its client is then re-challenged with stale=true, without
    /// asking its user for the password again, instead of being refused).
    /// </summary>
    public static class NonceSecret
    {
        /// <summary>The length of a new secret, in bytes.</summary>
        public const int Length = 32;

        /// <summary>
        /// Reads the secret from <paramref name="path"/>, or creates the file with <see cref="Length"/> random bytes
        /// (readable by the owner only where the platform supports it). A file shorter than 16 bytes is an error.
        /// </summary>
        public static byte[] LoadOrCreate(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            if (File.Exists(path))
            {
                byte[] existing = File.ReadAllBytes(path);
                if (existing.Length < 16)
                {
                    throw new InvalidDataException($"the nonce secret {path} holds {existing.Length} bytes; delete it to have a new one made");
                }

                return existing;
            }

            string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            byte[] secret = RandomNumberGenerator.GetBytes(Length);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var file = new FileStream(path, options);
                file.Write(secret);
                file.Flush(flushToDisk: true);
                return secret;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs so both agree.
                return LoadOrCreate(path);
            }
        }
    }
}
