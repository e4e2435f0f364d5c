using System;

namespace SimpleImGateway.Firmware.Config
{
    /// <summary>
    /// A device configuration file cannot be used. <see cref="Exception.Message"/> is one log line:
    /// the error's name, the line number when there is one, and what is wrong, never a secret value.
    /// </summary>
    public class DeviceConfigException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="kind">What is wrong.</param>
        /// <param name="line">The 1-based line number, or 0 when the error concerns the whole file.</param>
        /// <param name="key">The key concerned, or null.</param>
        /// <param name="detail">What is wrong, in words, without the value of a secret.</param>
        public DeviceConfigException(DeviceConfigErrorKind kind, int line, string key, string detail)
            : base(Format(kind, line, detail))
        {
            Kind = kind;
            Line = line;
            Key = key;
            Detail = detail;
        }

        /// <summary>What is wrong.</summary>
        public DeviceConfigErrorKind Kind { get; }

        /// <summary>The 1-based line number, or 0 when the error concerns the whole file.</summary>
        public int Line { get; }

        /// <summary>The key concerned, or null.</summary>
        public string Key { get; }

        /// <summary>The description without the error name and line.</summary>
        public string Detail { get; }

        /// <summary>
        /// What the parser could read despite the error (every valid line, defaults elsewhere), or null.
        /// The device uses it for the LED pins so it can show the error on the board.
        /// </summary>
        public DeviceConfig PartialConfig { get; set; }

        /// <summary>The name of <paramref name="kind"/> as the format documents it.</summary>
        public static string KindName(DeviceConfigErrorKind kind)
        {
            switch (kind)
            {
                case DeviceConfigErrorKind.Syntax:
                    return "Syntax";
                case DeviceConfigErrorKind.UnknownKey:
                    return "UnknownKey";
                case DeviceConfigErrorKind.DuplicateKey:
                    return "DuplicateKey";
                case DeviceConfigErrorKind.MissingField:
                    return "MissingField";
                case DeviceConfigErrorKind.BadValue:
                    return "BadValue";
                case DeviceConfigErrorKind.Encoding:
                    return "Encoding";
                case DeviceConfigErrorKind.TooLarge:
                    return "TooLarge";
                case DeviceConfigErrorKind.Unreadable:
                    return "Unreadable";
                default:
                    return "Unknown";
            }
        }

        private static string Format(DeviceConfigErrorKind kind, int line, string detail)
        {
            return line > 0
                ? KindName(kind) + " at line " + line.ToString() + ": " + detail
                : KindName(kind) + ": " + detail;
        }
    }
}
