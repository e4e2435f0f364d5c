using System;

namespace SimpleImGateway.Sip.Bodies.RegInfo
{
    /// <summary>Text forms of reginfo values; parsers return -1 for text that is not a valid value.</summary>
    internal static class RegInfoText
    {
        private static readonly string[] s_events =
        {
            "registered", "created", "refreshed", "shortened", "expired", "deactivated", "probation", "unregistered", "rejected",
        };

        private static readonly string[] s_registrationStates = { "init", "active", "terminated" };
        private static readonly string[] s_contactStates = { "active", "terminated" };
        private static readonly string[] s_documentStates = { "full", "partial" };

        public static string Format(RegContactEvent value) => Pick(s_events, (int)value);

        public static string Format(RegistrationState value) => Pick(s_registrationStates, (int)value);

        public static string Format(RegContactState value) => Pick(s_contactStates, (int)value);

        public static string Format(RegInfoState value) => Pick(s_documentStates, (int)value);

        public static int ParseEvent(string text) => IndexOf(s_events, text);

        public static int ParseRegistrationState(string text) => IndexOf(s_registrationStates, text);

        public static int ParseContactState(string text) => IndexOf(s_contactStates, text);

        public static int ParseDocumentState(string text) => IndexOf(s_documentStates, text);

        /// <summary>A non-negative decimal integer of at most 18 digits, or -1.</summary>
        public static long ParseUnsigned(string text)
        {
            if (text == null || text.Length == 0 || text.Length > 18)
            {
                return -1;
            }

            long value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                value = (value * 10) + (c - '0');
            }

            return value;
        }

        private static string Pick(string[] names, int value)
        {
            if (value < 0 || value >= names.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "no reginfo name for value " + value);
            }

            return names[value];
        }

        private static int IndexOf(string[] names, string text)
        {
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == text)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
