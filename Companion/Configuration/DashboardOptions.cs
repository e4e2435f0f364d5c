namespace SimpleImGateway.Companion.Configuration
{
    /// <summary>Settings of the operator dashboard (section <c>Dashboard</c>).</summary>
    public sealed class DashboardOptions
    {
        /// <summary>The configuration section these options bind to.</summary>
        public const string SectionName = "Dashboard";

        /// <summary>The default HTTP port of the dashboard.</summary>
        public const int DefaultPort = 8080;

        /// <summary>Whether the dashboard is served.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>The IP address the dashboard binds to; a literal address, not a host name.</summary>
        public string Address { get; set; } = "127.0.0.1";

        /// <summary>The HTTP port of the dashboard.</summary>
        public int Port { get; set; } = DefaultPort;

        /// <summary>
        /// The bearer token every request must carry (<c>Authorization: Bearer ...</c> or <c>?token=...</c>).
        /// Required when <see cref="Address"/> is not a loopback address; enforced whenever it is set.
        /// </summary>
        public string? Token { get; set; }
    }
}
