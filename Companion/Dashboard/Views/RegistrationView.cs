using System;
using System.Collections.Generic;

namespace SimpleImGateway.Companion.Dashboard.Views
{
    /// <summary>The body of <c>GET /api/registrations</c>: every live binding of the registrar.</summary>
    /// <param name="Now">The time the bindings were read at.</param>
    /// <param name="Registrations">The live bindings, by AOR and then as the store orders them.</param>
    public sealed record RegistrationsView(DateTimeOffset Now, IReadOnlyList<RegistrationView> Registrations);

    /// <summary>One live contact binding.</summary>
    /// <param name="Aor">The address-of-record.</param>
    /// <param name="User">The AOR's user part.</param>
    /// <param name="Contact">The contact URI.</param>
    /// <param name="ExpiresAt">When the binding expires.</param>
    /// <param name="ExpiresInSeconds">Seconds left, rounded down.</param>
    /// <param name="Q">The q-value, or null.</param>
    /// <param name="Transport">The transport the REGISTER came over, or null.</param>
    /// <param name="Source">The <c>ip:port</c> the REGISTER came from, or null.</param>
    /// <param name="CallId">The Call-ID of the REGISTER.</param>
    /// <param name="CSeq">Its CSeq number.</param>
    /// <param name="InstanceId">The <c>+sip.instance</c>, or null.</param>
    /// <param name="RegId">The <c>reg-id</c>, or null.</param>
    public sealed record RegistrationView(
        string Aor,
        string User,
        string Contact,
        DateTimeOffset ExpiresAt,
        long ExpiresInSeconds,
        double? Q,
        string? Transport,
        string? Source,
        string CallId,
        long CSeq,
        string? InstanceId,
        int? RegId);
}
