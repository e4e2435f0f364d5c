using System;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Devices
{
    /// <summary>One paired device as <c>devices list</c> (and the dashboard) shows it.</summary>
    /// <param name="Name">The device and user name.</param>
    /// <param name="AddressOfRecord">Its AOR.</param>
    /// <param name="PairedAt">When it was paired.</param>
    /// <param name="Registration">Its live registration with the latest expiry, or null when it is not registered.</param>
    /// <param name="RegistrationCount">How many live registrations it has.</param>
    /// <param name="Available">
    /// Whether its live presence publications say it is available for IM (<see cref="Sip.Bodies.Pidf.PresenceDocument.IsAvailableForIm"/>
    /// of any of them); null when it has no readable live publication.
    /// </param>
    /// <param name="RotationPendingSince">When a new password was issued that the device has not used yet; null otherwise.</param>
    public sealed record PairedDevice(
        string Name,
        string AddressOfRecord,
        DateTimeOffset PairedAt,
        ContactBinding? Registration,
        int RegistrationCount,
        bool? Available,
        DateTimeOffset? RotationPendingSince);
}
