namespace SimpleImGateway.Companion.Devices
{
    /// <summary>
    /// Which names a paired device may have: they become the SIP user, the device id (Message-ID prefix) and a
    /// directory name, so only letters, digits, '-', '.' and '_', starting with a letter or digit.
    /// </summary>
    public static class DeviceNames
    {
        /// <summary>The longest device name.</summary>
        public const int MaxLength = 64;

        /// <summary>Null when <paramref name="name"/> is acceptable, otherwise why not.</summary>
        public static string? Validate(string? name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return "the device name is empty";
            }

            if (name.Length > MaxLength)
            {
                return $"the device name is longer than {MaxLength} characters";
            }

            if (!char.IsAsciiLetterOrDigit(name[0]))
            {
                return $"the device name '{name}' must start with a letter or digit";
            }

            foreach (char c in name)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.' or '_'))
                {
                    return $"the device name '{name}' contains '{c}'; use letters, digits, '-', '.' and '_'";
                }
            }

            return null;
        }
    }
}
