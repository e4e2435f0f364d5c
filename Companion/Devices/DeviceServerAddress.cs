using System;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace SimpleImGateway.Companion.Devices
{
    /// <summary>Where a paired device sends SIP: given with <c>--server HOST[:PORT]</c> or derived from the Core's listening address.</summary>
    public static class DeviceServerAddress
    {
        /// <summary>Splits <c>HOST[:PORT]</c>; the port defaults to <paramref name="defaultPort"/>. Null when well-formed, otherwise why not.</summary>
        public static string? TryParse(string value, int defaultPort, out string host, out int port)
        {
            ArgumentNullException.ThrowIfNull(value);
            host = value;
            port = defaultPort;
            int colon = value.LastIndexOf(':');
            if (colon >= 0)
            {
                if (value.IndexOf(':') != colon || value.StartsWith('['))
                {
                    return $"--server '{value}': devices reach the server over IPv4 or a host name; IPv6 addresses are not supported";
                }

                host = value[..colon];
                string digits = value[(colon + 1)..];
                if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
                {
                    return $"--server '{value}': the port must be a number from 1 to 65535";
                }
            }

            return host.Length == 0 ? $"--server '{value}': the host is empty" : null;
        }

        /// <summary>
        /// The host a device should use when <c>--server</c> is not given, from the Core's configured listening
        /// <paramref name="coreAddress"/>: that address itself when it is a specific IPv4 address; the first LAN IPv4
        /// address of this machine when the Core listens on all addresses; 127.0.0.1 with a warning when the Core
        /// listens on loopback only (only a simulator on this machine can reach it). Null host with a reason in
        /// <paramref name="warning"/> when none fits.
        /// </summary>
        public static string? Choose(string coreAddress, out string? warning)
        {
            warning = null;
            if (!IPAddress.TryParse(coreAddress, out IPAddress? address))
            {
                warning = $"the Core's address '{coreAddress}' is not an IP address; pass --server HOST";
                return null;
            }

            if (IPAddress.IsLoopback(address))
            {
                warning = $"the Core listens on {coreAddress} only, which only a simulator on this machine can reach; "
                    + "for a board set Core:Address to a LAN address or 0.0.0.0 and pass --server HOST";
                return address.AddressFamily == AddressFamily.InterNetwork ? coreAddress : "127.0.0.1";
            }

            if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            {
                string? lan = FirstLanAddress();
                if (lan is null)
                {
                    warning = "this machine has no LAN IPv4 address; the file names 127.0.0.1, which only a simulator on this machine can reach";
                    return "127.0.0.1";
                }

                warning = $"the Core listens on all addresses; the file names {lan}, the first LAN address (pass --server HOST to choose another)";
                return lan;
            }

            if (address.AddressFamily != AddressFamily.InterNetwork)
            {
                warning = $"the Core listens on the IPv6 address {coreAddress}; devices need IPv4 or a host name: pass --server HOST";
                return null;
            }

            return coreAddress;
        }

        private static string? FirstLanAddress()
        {
            foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                {
                    continue;
                }

                foreach (UnicastIPAddressInformation unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    IPAddress candidate = unicast.Address;
                    byte[] bytes = candidate.GetAddressBytes();
                    bool linkLocal = bytes.Length == 4 && bytes[0] == 169 && bytes[1] == 254;
                    if (candidate.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(candidate) && !linkLocal)
                    {
                        return candidate.ToString();
                    }
                }
            }

            return null;
        }
    }
}
