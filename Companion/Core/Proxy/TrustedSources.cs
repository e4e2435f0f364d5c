using System;
using System.Collections.Generic;
using System.Net;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Core.Proxy
{
    /// <summary>
    /// Source addresses whose requests the Core accepts without digest authentication: its application servers.
    /// An entry is an address and port, or an address alone (any port).
    /// </summary>
    public sealed class TrustedSources
    {
        private readonly HashSet<string> _endPoints = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _addresses = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>How many entries there are.</summary>
        public int Count => _endPoints.Count + _addresses.Count;

        /// <summary>Adds <c>ip:port</c> or <c>ip</c>; false when the text is neither.</summary>
        public bool TryAdd(string entry)
        {
            if (IPEndPoint.TryParse(entry, out IPEndPoint? endPoint) && endPoint.Port != 0)
            {
                _endPoints.Add(Key(endPoint.Address.ToString(), endPoint.Port));
                return true;
            }

            if (IPAddress.TryParse(entry, out IPAddress? address))
            {
                _addresses.Add(address.ToString());
                return true;
            }

            return false;
        }

        /// <summary>Adds an address and port.</summary>
        public void Add(string address, int port) => _endPoints.Add(Key(address, port));

        /// <summary>Whether a request from <paramref name="source"/> is trusted.</summary>
        public bool Contains(SipEndPoint source) =>
            _endPoints.Contains(Key(source.Host, source.Port)) || _addresses.Contains(source.Host);

        private static string Key(string address, int port) => address + ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
