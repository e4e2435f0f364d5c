namespace SimpleImGateway.Firmware.Pager
{
    /// <summary>Making, hashing and checking the ids and header values the pager stores.</summary>
    internal static class MessageIds
    {
        private const string HexDigits = "0123456789abcdef";

        /// <summary>"{prefix}-{journal id as 8 hex digits}-{sequence}": unique per device, journal and record.</summary>
        public static string Make(string prefix, uint journalId, long sequence)
        {
            var hex = new char[8];
            for (int i = 7; i >= 0; i--)
            {
                hex[i] = HexDigits[(int)(journalId & 0xF)];
                journalId >>= 4;
            }

            return prefix + "-" + new string(hex) + "-" + sequence.ToString();
        }

        /// <summary>FNV-1a over the UTF-16 units: cheap, and only used to skip records before comparing ids.</summary>
        public static int Hash(string value)
        {
            uint hash = 2166136261;
            for (int i = 0; i < value.Length; i++)
            {
                hash = (hash ^ value[i]) * 16777619;
            }

            return (int)hash;
        }

        /// <summary>Whether the value is 1 to <paramref name="maxLength"/> characters of [A-Za-z0-9-._].</summary>
        public static bool IsToken(string value, int maxLength)
        {
            if (value == null || value.Length == 0 || value.Length > maxLength)
            {
                return false;
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Whether a value may go into a SIP header as it is: no control characters, so no CR or LF
        /// that could smuggle in another header.
        /// </summary>
        public static bool IsHeaderSafe(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < 0x20 || c == 0x7F)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
