using System.Security.Cryptography;

namespace SimpleImGateway.Companion.Devices
{
    /// <summary>Generates device passwords: nobody types them, so they can be long and fully random.</summary>
    public static class DevicePasswords
    {
        /// <summary>The length of a generated password: 24 base62 characters carry about 142 bits.</summary>
        public const int Length = 24;

        /// <summary>The characters used: letters and digits, which need no quoting in the config file, JSON or a shell.</summary>
        public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

        /// <summary>A new password from the operating system's cryptographic random generator.</summary>
        public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);
    }
}
