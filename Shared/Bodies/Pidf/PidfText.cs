namespace SimpleImGateway.Sip.Bodies.Pidf
{
    /// <summary>Text forms of PIDF values.</summary>
    internal static class PidfText
    {
        /// <summary>open/closed to the enum; <see cref="BasicStatus.None"/> for anything else.</summary>
        public static BasicStatus ParseBasic(string text)
        {
            if (text == "open")
            {
                return BasicStatus.Open;
            }

            return text == "closed" ? BasicStatus.Closed : BasicStatus.None;
        }

        /// <summary>The text of a basic value; null for <see cref="BasicStatus.None"/>.</summary>
        public static string FormatBasic(BasicStatus basic)
        {
            switch (basic)
            {
                case BasicStatus.Open:
                    return "open";
                case BasicStatus.Closed:
                    return "closed";
                default:
                    return null;
            }
        }

        /// <summary>The qvalue of RFC 3863: 0 with up to three decimals, or 1 with up to three zeros.</summary>
        public static bool IsQValue(string text)
        {
            if (text == null || text.Length == 0 || text.Length > 5 || (text[0] != '0' && text[0] != '1'))
            {
                return false;
            }

            if (text.Length == 1)
            {
                return true;
            }

            if (text[1] != '.')
            {
                return false;
            }

            for (int i = 2; i < text.Length; i++)
            {
                char c = text[i];
                if (text[0] == '1' ? c != '0' : c < '0' || c > '9')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
