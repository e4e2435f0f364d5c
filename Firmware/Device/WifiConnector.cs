using System.Threading;
using nanoFramework.Networking;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Device
{
    /// <summary>
    /// Joins the Wi-Fi network with WifiNetworkHelper.ConnectDhcp (nanoFramework.System.Device.Wifi),
    /// or with WifiNetworkHelper.Reconnect and the network stored on the device (nanoff's network
    /// deployment) when no SSID is configured; retries with a doubling pause and waits for a valid
    /// date from SNTP so the clock is right before SIP starts.
    /// </summary>
    public static class WifiConnector
    {
        private const string LogSource = "wifi";

        /// <summary>Tries up to <paramref name="attempts"/> times; returns whether the device has an address.</summary>
        public static bool Connect(string ssid, string password, int attempts, ILog log)
        {
            int pauseMilliseconds = 2000;
            for (int attempt = 1; attempt <= attempts; attempt++)
            {
                var timeout = new CancellationTokenSource(60000);
                bool connected = ssid == null || ssid.Length == 0
                    ? WifiNetworkHelper.Reconnect(requiresDateTime: true, token: timeout.Token)
                    : WifiNetworkHelper.ConnectDhcp(ssid, password, requiresDateTime: true, token: timeout.Token);
                if (connected)
                {
                    log.Write(LogLevel.Info, LogSource, "connected to " + (ssid == null || ssid.Length == 0 ? "the stored network" : ssid));
                    return true;
                }

                string cause = WifiNetworkHelper.HelperException == null ? string.Empty : ": " + WifiNetworkHelper.HelperException.Message;
                log.Write(LogLevel.Warning, LogSource, "attempt " + attempt + " failed (" + WifiNetworkHelper.Status.ToString() + ")" + cause);
                Thread.Sleep(pauseMilliseconds);
                if (pauseMilliseconds < 60000)
                {
                    pauseMilliseconds *= 2;
                }
            }

            return false;
        }
    }
}
