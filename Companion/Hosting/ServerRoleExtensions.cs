using System;
using System.Collections.Generic;
using SimpleImGateway.Companion.Configuration;

namespace SimpleImGateway.Companion.Hosting
{
    /// <summary>Maps a <see cref="ServerRole"/> to the SIP elements it runs.</summary>
    public static class ServerRoleExtensions
    {
        private static readonly SipElement[] s_all = [SipElement.Core, SipElement.Presence, SipElement.Im];

        /// <summary>The elements of the role, in start order.</summary>
        public static IReadOnlyList<SipElement> Elements(this ServerRole role) => role switch
        {
            ServerRole.All => s_all,
            ServerRole.Core => [SipElement.Core],
            ServerRole.Presence => [SipElement.Presence],
            ServerRole.Im => [SipElement.Im],
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
        };
    }
}
