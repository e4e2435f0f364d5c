namespace SimpleImGateway.Sip.Message
{
    /// <summary>Method names used by this project (RFC 3261, 3428, 3903, 6665).</summary>
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
        public const string Publish = "PUBLISH";
        public const string Register = "REGISTER";
        public const string Subscribe = "SUBSCRIBE";
    }
}
