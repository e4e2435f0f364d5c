using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Companion.Core.Registrar
{
    /// <summary>One Contact of a REGISTER, checked: its URI, the expiry it asks for and its parameters.</summary>
    /// <param name="Address">The Contact value.</param>
    /// <param name="Uri">Its sip or sips URI.</param>
    /// <param name="RequestedExpires">The expires parameter, else the Expires header, else null (the registrar's default).</param>
    /// <param name="Q">The q-value, or null.</param>
    internal sealed record ContactRequest(NameAddress Address, SipUri Uri, long? RequestedExpires, double? Q);
}
