using System;
using System.Collections.Generic;
using SimpleImGateway.Companion.Configuration;

namespace SimpleImGateway.Companion.Hosting
{
    /// <summary>Maps a <see cref="ServerRole"/> to the SIP elements it runs.</summary>
    public static class ServerRoleExtensions
    {
        private static readonly SipElementKind[] s_all = [SipElementKind.Core, SipElementKind.Presence, SipElementKind.Im];

        /// <summary>The elements of the role, in start order.</summary>
        public static IReadOnlyList<SipElementKind> Elements(this ServerRole role) => role switch
        {
            ServerRole.All => s_all,
            ServerRole.Core => [SipElementKind.Core],
            ServerRole.Presence => [SipElementKind.Presence],
            ServerRole.Im => [SipElementKind.Im],
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
        };
    }
}
