namespace SimpleImGateway.Companion.Core
{
    /// <summary>The one spelling of an address-of-record the registrar stores and the proxy looks up.</summary>
    public static class AddressOfRecord
    {
        /// <summary><c>sip:user@domain</c>: the user part as is (user names are case-sensitive), the domain in lower case.</summary>
        public static string Of(string user, string domain) => "sip:" + user + "@" + domain.ToLowerInvariant();
    }
}
