using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Auth
{
    /// <summary>Membership test on a comma-separated qop-options value such as <c>"auth, auth-int"</c>.</summary>
    internal static class QopList
    {
        public static bool Contains(string list, string qop)
        {
            if (list == null || qop == null)
            {
                return false;
            }

            int i = 0;
            while (i < list.Length)
            {
                int end = list.IndexOf(',', i);
                if (end < 0)
                {
                    end = list.Length;
                }

                int start = i;
                int stop = end;
                while (start < stop && (list[start] == ' ' || list[start] == '\t'))
                {
                    start++;
                }

                while (stop > start && (list[stop - 1] == ' ' || list[stop - 1] == '\t'))
                {
                    stop--;
                }

                if (AsciiCase.EqualsIgnoreCase(list, start, stop - start, qop))
                {
                    return true;
                }

                i = end + 1;
            }

            return false;
        }
    }
}
