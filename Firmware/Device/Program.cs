using System;
using System.Device.Gpio;
using System.IO;
using System.Threading;
using SimpleImGateway.Firmware.Config;
using SimpleImGateway.Firmware.Pager;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Firmware.Status;

namespace SimpleImGateway.Firmware.Device
{
    /// <summary>
    /// The device entry point: reads I:\simpleim.conf, joins Wi-Fi, opens the outbox and inbox journals
    /// on the internal flash and the SIP channel, and shows each step and each failure on the status LED.
    /// Every failure is logged with its cause and retried after a doubling pause; nothing ends Main.
    /// </summary>
    public static class Program
    {
        private const string StorageFolder = "I:\\";
        private const string LogSource = "main";
        private const int FirstRetryMilliseconds = 5000;
        private const int MaxRetryMilliseconds = 300000;

        private static readonly GpioController s_gpio = new GpioController();
        private static readonly IClock s_clock = new DeviceClock();
        private static readonly StatusIndicator s_status = new StatusIndicator();
        private static StatusLed s_led;
        private static bool s_buttonWatched;
        private static bool s_available = true;

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

            IFileStorage storage = new FlashFileStorage(StorageFolder);
            IRandom random = new DeviceRandom();
            var outbox = new Outbox(storage, config.CreateOutboxOptions("outbox.jnl"), random, log);
            var inbox = new Inbox(storage, new PagerOptions("inbox.jnl"), random, log);
            try
            {
                outbox.Open();
                inbox.Open();
            }
            catch (Exception e)
            {
                log.Write(LogLevel.Error, LogSource, "cannot open the message journals: " + e.Message);
                outbox.Close();
                inbox.Close();
                return DeviceStatus.StorageFailed;
            }

            log.Write(LogLevel.Info, LogSource, "outbox holds " + outbox.Count + " messages, inbox " + inbox.Count);
            var channel = new SocketSipChannel(config.SipServer, config.SipPort, config.Transport, config.LocalPort, 2048);
            if (!channel.Open())
            {
                log.Write(LogLevel.Error, LogSource, "cannot reach " + config.SipServer + ":" + config.SipPort);
                outbox.Close();
                inbox.Close();
                return DeviceStatus.ServerUnreachable;
            }

            // The user agent (registration, publication, pager delivery over channel, s_clock, outbox and
            // inbox) starts here. Its events drive the LED: Registered -> Show(Registered) and retry.Reset();
            // a failed REGISTER -> Show(StatusIndicator.ForRegistrationFailure(code)) with Advice in the log
            // (a 401/407 only once a challenge was answered and challenged again). It keeps its own backoff;
            // on a 403 it stops, and Run returns DeviceStatus.Forbidden so this loop retries with backoff.
            log.Write(LogLevel.Info, LogSource, "channel open at " + channel.LocalAddress + ":" + channel.LocalPort + "; UA not started yet");
            retry.Reset();
            Thread.Sleep(Timeout.Infinite);
            return DeviceStatus.Off;
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
                        // Pressed: toggles "available for IM"; the publication client will take it from here.
                        s_available = !s_available;
                        log.Write(LogLevel.Info, LogSource, s_available ? "available for IM" : "not available for IM");
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
