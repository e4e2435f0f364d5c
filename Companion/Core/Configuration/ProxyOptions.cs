namespace SimpleImGateway.Companion.Core.Configuration
{
    /// <summary>Proxy settings of the Core (section <c>Core:Proxy</c>), RFC 3261 §16.</summary>
    public sealed class ProxyOptions
    {
        /// <summary>
        /// How long a forwarded request waits for a final response before the Core answers 408 upstream, in
        /// milliseconds. Below the client's own 32 s (64·T1) so the client still hears the 408.
        /// </summary>
        public int ForwardTimeoutMilliseconds { get; set; } = 30000;

        /// <summary>
        /// Where requests to a registered contact go. False (default): to the host and port of the contact URI
        /// (falling back to the registration's source address when the URI names a host rather than an address).
        /// True: always to the address the REGISTER came from, for user agents behind NAT. Contacts registered
        /// over TCP are always reached over the connection the REGISTER came on.
        /// </summary>
        public bool UseRegistrationSource { get; set; }

        /// <summary>Methods the Core Record-Routes when they create a dialog (no To tag), comma-separated.</summary>
        public string RecordRouteMethods { get; set; } = "SUBSCRIBE,REFER";
    }
}
