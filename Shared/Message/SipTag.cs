using SimpleImGateway.Sip.Headers;

namespace SimpleImGateway.Sip.Message
{
    /// <summary>
    /// Reads the <c>tag</c> parameter of a From or To value (RFC 3261 §19.3, §20.20, §20.39) without a full
    /// name-addr parse: the header parameters follow the closing <c>&gt;</c> of a name-addr, or the first
    /// <c>;</c> of a bare addr-spec (whose URI cannot carry parameters of its own there).
    /// </summary>
    internal static class SipTag
    {
        /// <summary>The tag value, or null when there is none. Raises <see cref="SipParseException"/> on a malformed value.</summary>
        public static string Find(string fromOrTo)
        {
            if (fromOrTo == null)
            {
                return null;
            }

            int end = fromOrTo.Length;
            int i = 0;
            while (i < end)
            {
                char c = fromOrTo[i];
                if (c == '"')
                {
                    i = SipParameters.SkipQuoted(fromOrTo, i, end);
                    continue;
                }

                if (c == '<')
                {
                    int close = fromOrTo.IndexOf('>', i);
                    if (close < 0)
                    {
                        throw new SipParseException("unterminated '<' in '" + fromOrTo + "'");
                    }

                    return SipParameters.Parse(fromOrTo, close + 1, end).Get("tag");
                }

                if (c == ';')
                {
                    return SipParameters.Parse(fromOrTo, i, end).Get("tag");
                }

                i++;
            }

            return null;
        }
    }
}
