using System;
using System.Device.Gpio;
using System.IO;
using System.Threading;
using SimpleImGateway.Firmware.Config;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Firmware.Status;
using SimpleImGateway.Firmware.Ua;

namespace SimpleImGateway.Firmware.Device
{
    /// <summary>
    /// The device entry point: reads I:\simpleim.conf, joins Wi-Fi, then runs the <see cref="UserAgent"/>
    /// (registration, presence, pager over the journals on the internal flash) in this thread's loop.
    /// Each step and each failure shows on the status LED (<see cref="StatusIndicator"/>) and in the log;
    /// after a failure everything starts over, config included, after a doubling pause. Nothing ends Main.
    /// </summary>
    public static class Program
    {
        private const string StorageFolder = "I:\\";
        private const string LogSource = "main";
        private const int MaxSleepMilliseconds = 1000;
        private const int FirstRetryMilliseconds = 5000;
        private const int MaxRetryMilliseconds = 300000;

        private static readonly GpioController s_gpio = new GpioController();
        private static readonly IClock s_clock = new DeviceClock();
        private static readonly StatusIndicator s_status = new StatusIndicator();
        private static StatusLed s_led;
        private static bool s_buttonWatched;
        private static bool s_available = true;
        private static UserAgent s_ua;
        private static DeviceStatus s_uaStatus;

        /// <summary>Runs the device.</summary>
        public static void Main()
        {
            ILog log = new DebugLog(LogLevel.Info);
            var retry = new RetryDelay(FirstRetryMilliseconds, MaxRetryMilliseconds);
            while (true)
            {
                DeviceStatus failure;
                try
                {
                    failure = Run(log, retry);
                }
                catch (Exception e)
                {
                    // Main must not end: the board would reboot straight into the same failure.
                    log.Write(LogLevel.Error, LogSource, "unexpected " + e.GetType().FullName + ": " + e.Message);
                    failure = DeviceStatus.Fault;
                }

                s_ua = null;
                Show(failure);
                int wait = retry.Next();
                log.Write(LogLevel.Error, LogSource, StatusIndicator.NameOf(failure) + ": " + StatusIndicator.Advice(failure)
                    + "; attempt " + retry.Failures + " failed, next in " + (wait / 1000) + " s");
                Thread.Sleep(wait);
            }
        }

        // One attempt at bringing the device up; returns why it stopped.
        private static DeviceStatus Run(ILog log, RetryDelay retry)
        {
            string path = StorageFolder + DeviceConfigParser.FileName;
            DeviceConfig config;
            try
            {
                config = ReadConfig(path);
            }
            catch (DeviceConfigException e)
            {
                log.Write(LogLevel.Error, "config", path + ": " + e.Message);
                UsePins(e.PartialConfig, log);
                return StatusIndicator.ForConfigError(e.Kind);
            }

            UsePins(config, log);
            Show(DeviceStatus.Connecting);
            if (!WifiConnector.Connect(config.WifiSsid, config.WifiPassword, 5, log))
            {
                return DeviceStatus.WifiFailed;
            }

            var channel = new SocketSipChannel(config.SipServer, config.SipPort, config.Transport, config.LocalPort, 2048);
            UserAgent ua;
            try
            {
                ua = new UserAgent(
                    config.CreateUserAgentSettings(), channel, s_clock, new DeviceRandom(), new FlashFileStorage(StorageFolder), log);
                s_uaStatus = DeviceStatus.Connecting;
                ua.Events = OnUaEvent;
                ua.SetAvailable(s_available);
                ua.Start();
            }
            catch (ArgumentException e)
            {
                log.Write(LogLevel.Error, LogSource, "the configuration does not make a working user agent: " + e.Message);
                return DeviceStatus.ConfigInvalid;
            }
            catch (Exception e)
            {
                // The journals on I:\ are opened by Start.
                log.Write(LogLevel.Error, LogSource, "cannot start the user agent: " + e.Message);
                return DeviceStatus.StorageFailed;
            }

            log.Write(LogLevel.Info, LogSource, "outbox holds " + ua.Outbox.Count + " messages, inbox " + ua.Inbox.Count);
            s_ua = ua;
            return RunLoop(ua, log, retry);
        }

        /// <summary>
        /// The UA loop: poll, show the registration's state, then sleep until the UA's next deadline, a
        /// received message (WakeUp) or at most a second. A 403 stops registering: the UA is shut down and
        /// the caller starts over, reading the configuration again (a re-paired device gets a new file).
        /// </summary>
        private static DeviceStatus RunLoop(UserAgent ua, ILog log, RetryDelay retry)
        {
            var wake = new AutoResetEvent(false);
            ua.WakeUp = () => wake.Set();
            while (!ua.IsStopped)
            {
                ua.Poll();
                DeviceStatus status = s_uaStatus;
                if (s_status.Set(status, s_clock.NowMilliseconds))
                {
                    if (status == DeviceStatus.Registered)
                    {
                        retry.Reset();
                    }
                    else if (status != DeviceStatus.Connecting)
                    {
                        log.Write(LogLevel.Warning, LogSource, StatusIndicator.NameOf(status) + ": " + StatusIndicator.Advice(status) + "; the user agent retries");
                    }
                }

                if (ua.Registration.State == RegistrationState.Forbidden && ua.State == UserAgentState.Running)
                {
                    ua.Shutdown();
                }

                long wait = ua.NextDueMilliseconds - s_clock.NowMilliseconds;
                if (wait > 0)
                {
                    wake.WaitOne(wait > MaxSleepMilliseconds ? MaxSleepMilliseconds : (int)wait, false);
                }
            }

            return s_uaStatus == DeviceStatus.Forbidden ? DeviceStatus.Forbidden : DeviceStatus.Fault;
        }

        // Runs on the UA's thread (inside Poll): remembers what the LED should show.
        private static void OnUaEvent(UaEvent e)
        {
            switch (e.Kind)
            {
                case UaEventKind.Registered:
                    s_uaStatus = DeviceStatus.Registered;
                    break;
                case UaEventKind.AuthenticationFailed:
                    s_uaStatus = DeviceStatus.CredentialsRejected;
                    break;
                case UaEventKind.RegistrationForbidden:
                    s_uaStatus = DeviceStatus.Forbidden;
                    break;
                case UaEventKind.RegistrationFailed:
                    s_uaStatus = StatusIndicator.ForRegistrationFailure(e.StatusCode);
                    break;
            }
        }

        private static DeviceConfig ReadConfig(string path)
        {
            byte[] bytes;
            int read;
            try
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    long length = stream.Length;
                    if (length > DeviceConfigParser.MaxFileBytes)
                    {
                        throw new DeviceConfigException(
                            DeviceConfigErrorKind.TooLarge, 0, null, "the file has " + length + " bytes; at most " + DeviceConfigParser.MaxFileBytes + " are read");
                    }

                    bytes = new byte[(int)length];
                    read = stream.Read(bytes, 0, bytes.Length);
                }
            }
            catch (DeviceConfigException)
            {
                throw;
            }
            catch (Exception e)
            {
                // Missing file, bad flash, no I: drive: nanoFramework reports them all as IOException or worse.
                throw new DeviceConfigException(DeviceConfigErrorKind.Unreadable, 0, null, "cannot read the file (" + e.Message + ")");
            }

            return DeviceConfigParser.Parse(bytes, 0, read);
        }

        // Opens the LED and the button the first time their pins are known; a later change needs a reboot.
        private static void UsePins(DeviceConfig config, ILog log)
        {
            if (config == null)
            {
                return;
            }

            if (s_led == null && config.LedPin >= 0)
            {
                s_led = new StatusLed(s_gpio, config.LedPin, config.LedActiveHigh, s_status, s_clock);
            }

            if (!s_buttonWatched && config.ButtonPin >= 0)
            {
                s_buttonWatched = true;
                GpioPin button = s_gpio.OpenPin(config.ButtonPin, PinMode.InputPullUp);
                button.ValueChanged += (sender, e) =>
                {
                    if (e.ChangeType == PinEventTypes.Falling)
                    {
                        // Pressed: toggles "available for IM"; the publication client publishes or removes presence.
                        s_available = !s_available;
                        log.Write(LogLevel.Info, LogSource, s_available ? "available for IM" : "not available for IM");
                        UserAgent ua = s_ua;
                        if (ua != null)
                        {
                            ua.SetAvailable(s_available);
                        }
                    }
                };
            }
        }

        private static void Show(DeviceStatus status)
        {
            s_status.Set(status, s_clock.NowMilliseconds);
        }
    }
}
