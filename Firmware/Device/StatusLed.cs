using System;
using System.Device.Gpio;
using System.Threading;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Firmware.Status;

namespace SimpleImGateway.Firmware.Device
{
    /// <summary>
    /// The status LED on one GPIO (System.Device.Gpio): a System.Threading.Timer samples the
    /// <see cref="StatusIndicator"/> every 50 ms and switches the pin when the pattern says so.
    /// </summary>
    public sealed class StatusLed : IDisposable
    {
        private const int TickMilliseconds = 50;

        private readonly GpioPin _pin;
        private readonly bool _activeHigh;
        private readonly StatusIndicator _indicator;
        private readonly IClock _clock;
        private readonly Timer _timer;
        private bool _lit;

        /// <summary>Opens <paramref name="pinNumber"/> as an output and starts showing <paramref name="indicator"/>.</summary>
        public StatusLed(GpioController gpio, int pinNumber, bool activeHigh, StatusIndicator indicator, IClock clock)
        {
            _activeHigh = activeHigh;
            _indicator = indicator;
            _clock = clock;
            _pin = gpio.OpenPin(pinNumber, PinMode.Output);
            Show(false);
            _timer = new Timer(Tick, null, 0, TickMilliseconds);
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            _timer.Dispose();
            Show(false);
        }

        private void Tick(object state)
        {
            bool lit = _indicator.IsLit(_clock.NowMilliseconds);
            if (lit != _lit)
            {
                Show(lit);
            }
        }

        private void Show(bool lit)
        {
            _lit = lit;
            _pin.Write(lit == _activeHigh ? PinValue.High : PinValue.Low);
        }
    }
}
