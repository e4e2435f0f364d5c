using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Uri;

namespace SimpleImGateway.Companion.Core.Location
{
    /// <summary>A stored binding together with its parsed contact URI (for RFC 3261 §19.1.4 comparisons and routing).</summary>
    /// <param name="Binding">The binding as stored.</param>
    /// <param name="Uri">The contact URI, parsed.</param>
    public sealed record RegisteredContact(ContactBinding Binding, SipUri Uri)
    {
        /// <summary>The q-value with the default 1.0 for none.</summary>
        public double EffectiveQ => Binding.Q ?? 1.0;
    }
}
