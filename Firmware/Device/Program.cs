using System;
using System.Device.Gpio;
using System.IO;
using System.Text;
using System.Threading;
using SimpleImGateway.Firmware.Config;
using SimpleImGateway.Firmware.Pager;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Device
{
    /// <summary>
    /// The device entry point: reads I:\simpleim.conf, shows progress on the status LED, joins Wi-Fi,
    /// opens the outbox and inbox journals on the internal flash and the SIP channel.
    /// </summary>
    public static class Program
    {
        private const string StorageFolder = "I:\\";
        private const string ConfigFileName = "simpleim.conf";
        private const int MaxConfigBytes = 4096;
        private const string LogSource = "main";

        private static bool s_available = true;

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
            var outboxOptions = new PagerOptions("outbox.jnl");
            outboxOptions.DeviceId = config.DeviceId;
            var outbox = new Outbox(storage, outboxOptions, random, log);
            var inbox = new Inbox(storage, new PagerOptions("inbox.jnl"), random, log);
            try
            {
                outbox.Open();
                inbox.Open();
            }
            catch (Exception e)
            {
                log.Write(LogLevel.Error, LogSource, "cannot open the message journals: " + e.Message);
                Show(led, LedPattern.Fault);
                Thread.Sleep(Timeout.Infinite);
                return;
            }

            log.Write(LogLevel.Info, LogSource, "outbox holds " + outbox.Count + " messages, inbox " + inbox.Count);
            IClock clock = new DeviceClock();
            var channel = new SocketSipChannel(config.SipServer, config.SipPort, config.Transport, config.LocalPort, 2048);
            while (!channel.Open())
            {
                log.Write(LogLevel.Warning, LogSource, "cannot reach " + config.SipServer + ":" + config.SipPort + "; retrying");
                Thread.Sleep(10000);
            }

            // The user agent (registration, publication, pager delivery over channel with clock, outbox
            // and inbox) is started here once Shared's parser and transactions are merged.
            log.Write(LogLevel.Info, LogSource, "channel open at " + channel.LocalAddress + ":" + channel.LocalPort + "; UA not started yet (clock " + clock.NowMilliseconds + " ms)");
            Show(led, LedPattern.Ready);
            Thread.Sleep(Timeout.Infinite);
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
                    // Pressed: toggles "available for IM"; the publication client will take it from here.
                    s_available = !s_available;
                    log.Write(LogLevel.Info, LogSource, s_available ? "available for IM" : "not available for IM");
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
