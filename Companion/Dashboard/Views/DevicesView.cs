using System;
using System.Collections.Generic;

namespace SimpleImGateway.Companion.Dashboard.Views
{
    /// <summary>The body of <c>GET /api/devices</c>: each user of the domain as a paired device.</summary>
    /// <param name="Now">The time the state was read at.</param>
    /// <param name="Devices">One per user, ordered by name.</param>
    public sealed record DevicesView(DateTimeOffset Now, IReadOnlyList<DeviceView> Devices);

    /// <summary>What the companion knows of one device (user).</summary>
    /// <param name="User">The user name.</param>
    /// <param name="Aor">Its address-of-record in the configured domain.</param>
    /// <param name="Registered">True when it has a live binding.</param>
    /// <param name="LastRegistrationAt">
    /// When an element of this process last answered its REGISTER with 2xx, since the process started; null when
    /// none was seen (the store keeps no registration time).
    /// </param>
    /// <param name="RegistrationExpiresAt">When its longest-lived binding expires, or null.</param>
    /// <param name="Transport">That binding's transport, or null.</param>
    /// <param name="Contact">That binding's contact URI, or null.</param>
    /// <param name="Source">That binding's source <c>ip:port</c>, or null.</param>
    /// <param name="Contacts">How many live bindings it has.</param>
    /// <param name="Available">True when its composed presence offers instant messaging.</param>
    /// <param name="Presence">Its presence status as in <see cref="PresentityView.Status"/>.</param>
    public sealed record DeviceView(
        string User,
        string Aor,
        bool Registered,
        DateTimeOffset? LastRegistrationAt,
        DateTimeOffset? RegistrationExpiresAt,
        string? Transport,
        string? Contact,
        string? Source,
        int Contacts,
        bool Available,
        string Presence);
}
