using System.Collections.Generic;

namespace SimpleImGateway.Companion.Storage
{
    /// <summary>
    /// What one REGISTER changes in one address-of-record: bindings to add or replace and contact URIs to
    /// remove. Every upserted binding belongs to <see cref="Aor"/>.
    /// </summary>
    /// <param name="Aor">The address-of-record.</param>
    /// <param name="Upserts">Bindings added or replaced (keyed by AOR and contact URI).</param>
    /// <param name="RemovedContactUris">Contact URIs whose bindings are deleted.</param>
    public sealed record BindingChange(string Aor, IReadOnlyList<ContactBinding> Upserts, IReadOnlyList<string> RemovedContactUris);
}
