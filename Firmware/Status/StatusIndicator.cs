using SimpleImGateway.Firmware.Config;

namespace SimpleImGateway.Firmware.Status
{
    /// <summary>
    /// The status LED's logic, free of hardware: which blink pattern each <see cref="DeviceStatus"/> has,
    /// and whether the LED is lit at a given time. The device's LED driver polls <see cref="IsLit"/> from a
    /// timer; the main loop calls <see cref="Set"/>. Thread-safe.
    /// </summary>
    /// <remarks>
    /// A pattern is a repeating list of durations in milliseconds, alternately lit and dark, starting lit.
    /// Error codes are groups of N short flashes (200 ms lit, 300 ms dark) followed by a 1.8 s pause, so
    /// they can be counted by eye.
    /// </remarks>
    public sealed class StatusIndicator
    {
        /// <summary>How long a short flash is lit.</summary>
        public const int FlashMilliseconds = 200;

        /// <summary>The gap between two flashes of a group.</summary>
        public const int GapMilliseconds = 300;

        /// <summary>The dark pause after a group of flashes.</summary>
        public const int PauseMilliseconds = 1800;

        private readonly object _sync = new object();
        private DeviceStatus _status;
        private int[] _pattern;
        private int _cycle;
        private long _since;

        /// <summary>Creates an indicator showing <see cref="DeviceStatus.Off"/>.</summary>
        public StatusIndicator()
        {
            _status = DeviceStatus.Off;
            _pattern = PatternOf(DeviceStatus.Off);
            _cycle = Sum(_pattern);
        }

        /// <summary>The status shown.</summary>
        public DeviceStatus Status
        {
            get
            {
                lock (_sync)
                {
                    return _status;
                }
            }
        }

        /// <summary>
        /// Shows <paramref name="status"/> from <paramref name="nowMilliseconds"/> on; returns false, changing
        /// nothing, when it is already shown (so a repeated call does not restart the pattern).
        /// </summary>
        public bool Set(DeviceStatus status, long nowMilliseconds)
        {
            lock (_sync)
            {
                if (status == _status)
                {
                    return false;
                }

                _status = status;
                _pattern = PatternOf(status);
                _cycle = Sum(_pattern);
                _since = nowMilliseconds;
                return true;
            }
        }

        /// <summary>Whether the LED is lit at <paramref name="nowMilliseconds"/> (same clock as <see cref="Set"/>).</summary>
        public bool IsLit(long nowMilliseconds)
        {
            lock (_sync)
            {
                long elapsed = nowMilliseconds - _since;
                if (elapsed < 0)
                {
                    elapsed = 0;
                }

                long t = elapsed % _cycle;
                for (int i = 0; i < _pattern.Length; i++)
                {
                    if (t < _pattern[i])
                    {
                        return (i % 2) == 0;
                    }

                    t -= _pattern[i];
                }

                return false;
            }
        }

        /// <summary>
        /// The blink pattern of <paramref name="status"/>: durations in milliseconds, alternately lit and dark,
        /// starting lit, repeated. A zero duration is skipped, so {1000, 0} is steady on and {0, 1000} dark.
        /// </summary>
        public static int[] PatternOf(DeviceStatus status)
        {
            switch (status)
            {
                case DeviceStatus.Connecting:
                    return new int[] { 500, 500 };
                case DeviceStatus.Registered:
                    return new int[] { 1000, 0 };
                case DeviceStatus.ConfigMissing:
                    return Flashes(1);
                case DeviceStatus.ConfigInvalid:
                    return Flashes(2);
                case DeviceStatus.WifiFailed:
                    return Flashes(3);
                case DeviceStatus.ServerUnreachable:
                    return Flashes(4);
                case DeviceStatus.CredentialsRejected:
                    return Flashes(5);
                case DeviceStatus.Forbidden:
                    return Flashes(6);
                case DeviceStatus.RegistrationFailed:
                    return new int[] { 1000, GapMilliseconds, FlashMilliseconds, PauseMilliseconds };
                case DeviceStatus.StorageFailed:
                case DeviceStatus.Fault:
                    return new int[] { 100, 100 };
                default:
                    return new int[] { 0, 1000 };
            }
        }

        /// <summary>The status a configuration error shows: <see cref="DeviceStatus.ConfigMissing"/> for an unreadable file, else <see cref="DeviceStatus.ConfigInvalid"/>.</summary>
        public static DeviceStatus ForConfigError(DeviceConfigErrorKind kind)
        {
            return kind == DeviceConfigErrorKind.Unreadable ? DeviceStatus.ConfigMissing : DeviceStatus.ConfigInvalid;
        }

        /// <summary>
        /// The status a failed registration shows. <paramref name="statusCode"/> is the final response's code,
        /// or 0 when there was none (timeout, transport error). 401 and 407 count as rejected credentials: pass
        /// them only once the UA has answered a challenge and was challenged again (a first 401 is normal).
        /// </summary>
        public static DeviceStatus ForRegistrationFailure(int statusCode)
        {
            if (statusCode == 0 || statusCode == 408 || statusCode >= 500)
            {
                return DeviceStatus.ServerUnreachable;
            }

            if (statusCode == 401 || statusCode == 407)
            {
                return DeviceStatus.CredentialsRejected;
            }

            if (statusCode == 403 || statusCode == 404)
            {
                return DeviceStatus.Forbidden;
            }

            return DeviceStatus.RegistrationFailed;
        }

        /// <summary>The name of <paramref name="status"/> for log lines (ToString prints a number on nanoFramework).</summary>
        public static string NameOf(DeviceStatus status)
        {
            switch (status)
            {
                case DeviceStatus.Off:
                    return "Off";
                case DeviceStatus.Connecting:
                    return "Connecting";
                case DeviceStatus.Registered:
                    return "Registered";
                case DeviceStatus.ConfigMissing:
                    return "ConfigMissing";
                case DeviceStatus.ConfigInvalid:
                    return "ConfigInvalid";
                case DeviceStatus.WifiFailed:
                    return "WifiFailed";
                case DeviceStatus.ServerUnreachable:
                    return "ServerUnreachable";
                case DeviceStatus.CredentialsRejected:
                    return "CredentialsRejected";
                case DeviceStatus.Forbidden:
                    return "Forbidden";
                case DeviceStatus.RegistrationFailed:
                    return "RegistrationFailed";
                case DeviceStatus.StorageFailed:
                    return "StorageFailed";
                case DeviceStatus.Fault:
                    return "Fault";
                default:
                    return "Unknown";
            }
        }

        /// <summary>What a person should do about <paramref name="status"/>, for the log line next to the LED pattern.</summary>
        public static string Advice(DeviceStatus status)
        {
            switch (status)
            {
                case DeviceStatus.ConfigMissing:
                    return "no readable I:\\simpleim.conf: deploy one with nanoff (boards/<board>/README.md)";
                case DeviceStatus.ConfigInvalid:
                    return "simpleim.conf has an error (logged above): fix it and deploy it again";
                case DeviceStatus.WifiFailed:
                    return "cannot join Wi-Fi: check wifi.ssid and wifi.password, or the network stored on the device";
                case DeviceStatus.ServerUnreachable:
                    return "the SIP server does not answer: check sip.server, sip.port, sip.transport and that the companion runs";
                case DeviceStatus.CredentialsRejected:
                    return "the server rejects the password: pair again (devices pair NAME --rotate) and deploy the new simpleim.conf";
                case DeviceStatus.Forbidden:
                    return "the server refuses this account: it was unpaired or never paired; pair it again (devices pair NAME)";
                case DeviceStatus.RegistrationFailed:
                    return "the registrar refused the registration (status code logged above)";
                case DeviceStatus.StorageFailed:
                    return "cannot open the message journals on I:\\ (logged above)";
                case DeviceStatus.Fault:
                    return "unexpected error (logged above)";
                default:
                    return NameOf(status);
            }
        }

        private static int[] Flashes(int count)
        {
            var pattern = new int[2 * count];
            for (int i = 0; i < count; i++)
            {
                pattern[2 * i] = FlashMilliseconds;
                pattern[(2 * i) + 1] = i == count - 1 ? PauseMilliseconds : GapMilliseconds;
            }

            return pattern;
        }

        private static int Sum(int[] pattern)
        {
            int sum = 0;
            for (int i = 0; i < pattern.Length; i++)
            {
                sum += pattern[i];
            }

            return sum;
        }
    }
}
