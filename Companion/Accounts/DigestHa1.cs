using System;
using System.Security.Cryptography;
using System.Text;

namespace SimpleImGateway.Companion.Accounts
{
    /// <summary>
    /// Computes digest HA1 = H(username ":" realm ":" password) (RFC 2617 §3.2.2.2, RFC 7616 §3.4.2),
    /// the only form in which passwords are kept.
    /// </summary>
    public static class DigestHa1
    {
        /// <summary>HA1 with MD5, as 32 lowercase hex digits.</summary>
        public static string Md5(string userName, string realm, string password) =>
            Convert.ToHexStringLower(MD5.HashData(Input(userName, realm, password)));

        /// <summary>HA1 with SHA-256, as 64 lowercase hex digits.</summary>
        public static string Sha256(string userName, string realm, string password) =>
            Convert.ToHexStringLower(SHA256.HashData(Input(userName, realm, password)));

        // RFC 7616 hashes the UTF-8 bytes of the strings.
        private static byte[] Input(string userName, string realm, string password)
        {
            ArgumentNullException.ThrowIfNull(userName);
            ArgumentNullException.ThrowIfNull(realm);
            ArgumentNullException.ThrowIfNull(password);
            return Encoding.UTF8.GetBytes(userName + ":" + realm + ":" + password);
        }
    }
}
