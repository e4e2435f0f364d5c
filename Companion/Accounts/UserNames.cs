namespace SimpleImGateway.Companion.Accounts
{
    /// <summary>Which user names the companion accepts: SIP user parts (RFC 3261 §25.1) that need no escaping.</summary>
    public static class UserNames
    {
        /// <summary>The longest accepted user name.</summary>
        public const int MaxLength = 64;

        // unreserved mark characters and user-unreserved characters of the RFC 3261 "user" rule.
        private const string AllowedPunctuation = "-_.!~*'()&=+$,;?/";

        /// <summary>
        /// Null when <paramref name="name"/> is acceptable, otherwise why not. Colons and '@' are excluded:
        /// they would make the AOR and the HA1 input ambiguous.
        /// </summary>
        public static string? Validate(string? name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return "the user name is empty";
            }

            if (name.Length > MaxLength)
            {
                return $"the user name is longer than {MaxLength} characters";
            }

            foreach (char c in name)
            {
                bool ok = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' || AllowedPunctuation.IndexOf(c) >= 0;
                if (!ok)
                {
                    return $"the user name '{name}' contains '{c}'; use letters, digits and {AllowedPunctuation}";
                }
            }

            return null;
        }
    }
}
