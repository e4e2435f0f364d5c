namespace SimpleImGateway.Sip.Message
{
    /// <summary>Method names used by this project (RFC 3261, 3262, 3311, 3428, 3515, 3903, 6086, 6665).</summary>
    public static class SipMethods
    {
        public const string Ack = "ACK";
        public const string Bye = "BYE";
        public const string Cancel = "CANCEL";
        public const string Info = "INFO";
        public const string Invite = "INVITE";
        public const string Message = "MESSAGE";
        public const string Notify = "NOTIFY";
        public const string Options = "OPTIONS";
        public const string Prack = "PRACK";
        public const string Publish = "PUBLISH";
        public const string Refer = "REFER";
        public const string Register = "REGISTER";
        public const string Subscribe = "SUBSCRIBE";
        public const string Update = "UPDATE";

        private static readonly string[] s_standard =
        {
            Register, Invite, Ack, Bye, Cancel, Options, Message, Subscribe, Notify, Publish, Info, Prack, Refer, Update,
        };

        /// <summary>Whether <paramref name="method"/> is one of the standard methods above (methods are case-sensitive).</summary>
        public static bool IsStandard(string method)
        {
            for (int i = 0; i < s_standard.Length; i++)
            {
                if (s_standard[i] == method)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The interned constant for the method in <c>bytes[offset..offset+count)</c>, or null.</summary>
        internal static string Lookup(byte[] bytes, int offset, int count)
        {
            for (int k = 0; k < s_standard.Length; k++)
            {
                string m = s_standard[k];
                if (m.Length != count)
                {
                    continue;
                }

                int i = 0;
                while (i < count && bytes[offset + i] == m[i])
                {
                    i++;
                }

                if (i == count)
                {
                    return m;
                }
            }

            return null;
        }
    }
}
