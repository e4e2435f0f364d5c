using System;
using System.Device.Gpio;
using System.IO;
using System.Text;
using System.Threading;
using SimpleImGateway.Firmware.Config;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Firmware.Ua;

namespace SimpleImGateway.Firmware.Device
{
    /// <summary>
    /// The device entry point: reads I:\simpleim.conf, shows progress on the status LED, joins Wi-Fi,
    /// then runs the <see cref="UserAgent"/> (registration, presence, pager over the journals on the
    /// internal flash) in this thread's loop.
    /// </summary>
    public static class Program
    {
        private const string StorageFolder = "I:\\";
        private const string ConfigFileName = "simpleim.conf";
        private const int MaxConfigBytes = 4096;
        private const string LogSource = "main";

        private const int MaxSleepMilliseconds = 1000;

        private static bool s_available = true;
        private static UserAgent s_ua;

        /// <summary>Runs the device.</summary>
        public static void Main()
        {
            ILog log = new DebugLog(LogLevel.Info);
            var gpio = new GpioController();
            DeviceConfig config;
            try
            {
                config = ReadConfig(StorageFolder + ConfigFileName);
            }
            catch (Exception e)
            {
                log.Write(LogLevel.Error, LogSource, "cannot use " + StorageFolder + ConfigFileName + ": " + e.Message);
                Thread.Sleep(Timeout.Infinite);
                return;
            }

            StatusLed led = config.LedPin >= 0 ? new StatusLed(gpio, config.LedPin, config.LedActiveHigh) : null;
            Show(led, LedPattern.Connecting);
            WatchButton(gpio, config.ButtonPin, log);

            while (!WifiConnector.Connect(config.WifiSsid, config.WifiPassword, 5, log))
            {
                Show(led, LedPattern.Fault);
                Thread.Sleep(60000);
                Show(led, LedPattern.Connecting);
            }

            IFileStorage storage = new FlashFileStorage(StorageFolder);
            IRandom random = new DeviceRandom();
            IClock clock = new DeviceClock();
            var channel = new SocketSipChannel(config.SipServer, config.SipPort, config.Transport, config.LocalPort, 2048);
            var settings = new UserAgentSettings();
            settings.User = config.User;
            settings.Domain = config.Domain;
            settings.Password = config.Password;
            settings.ServerHost = config.SipServer;
            settings.ServerPort = config.SipPort;
            settings.DeviceId = config.DeviceId;
            UserAgent ua;
            try
            {
                ua = new UserAgent(settings, channel, clock, random, storage, log);
                ua.SetAvailable(s_available);
                ua.Start();
            }
            catch (Exception e)
            {
                log.Write(LogLevel.Error, LogSource, "cannot start the user agent: " + e.Message);
                Show(led, LedPattern.Fault);
                Thread.Sleep(Timeout.Infinite);
                return;
            }

            log.Write(LogLevel.Info, LogSource, "outbox holds " + ua.Outbox.Count + " messages, inbox " + ua.Inbox.Count);
            s_ua = ua;
            RunLoop(ua, clock, led);
        }

        /// <summary>
        /// The UA loop: poll, then sleep until the UA's next deadline, a received message (WakeUp) or at
        /// most a second, so button presses and LED changes are picked up promptly.
        /// </summary>
        private static void RunLoop(UserAgent ua, IClock clock, StatusLed led)
        {
            var wake = new AutoResetEvent(false);
            ua.WakeUp = () => wake.Set();
            bool shownReady = false;
            while (!ua.IsStopped)
            {
                ua.Poll();
                bool registered = ua.Registration.IsRegistered;
                if (registered != shownReady)
                {
                    Show(led, registered ? LedPattern.Ready : LedPattern.Connecting);
                    shownReady = registered;
                }

                if (ua.Registration.State == RegistrationState.Forbidden)
                {
                    Show(led, LedPattern.Fault);
                }

                long wait = ua.NextDueMilliseconds - clock.NowMilliseconds;
                if (wait > 0)
                {
                    wake.WaitOne(wait > MaxSleepMilliseconds ? MaxSleepMilliseconds : (int)wait, false);
                }
            }
        }

        private static DeviceConfig ReadConfig(string path)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                long length = stream.Length;
                if (length > MaxConfigBytes)
                {
                    throw new IOException("the file is larger than " + MaxConfigBytes + " bytes");
                }

                var bytes = new byte[(int)length];
                int read = stream.Read(bytes, 0, bytes.Length);
                return ParseConfig(Encoding.UTF8.GetString(bytes, 0, read));
            }
        }

        /// <summary>
        /// CALL SITE OF THE CONFIGURATION PARSER (not written yet): turns the text of simpleim.conf
        /// (format in boards/*/simpleim.conf.template) into a <see cref="DeviceConfig"/>.
        /// </summary>
        private static DeviceConfig ParseConfig(string text)
        {
            throw new NotImplementedException("the simpleim.conf parser is not written yet (" + text.Length + " characters read)");
        }

        private static void WatchButton(GpioController gpio, int pinNumber, ILog log)
        {
            if (pinNumber < 0)
            {
                return;
            }

            GpioPin button = gpio.OpenPin(pinNumber, PinMode.InputPullUp);
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

        private static void Show(StatusLed led, LedPattern pattern)
        {
            if (led != null)
            {
                led.Set(pattern);
            }
        }
    }
}
