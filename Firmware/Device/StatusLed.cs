using System;
using System.Device.Gpio;
using System.Threading;

namespace SimpleImGateway.Firmware.Device
{
    /// <summary>A status LED on one GPIO (System.Device.Gpio), blinked by a System.Threading.Timer.</summary>
    public sealed class StatusLed : IDisposable
    {
        private readonly GpioPin _pin;
        private readonly bool _activeHigh;
        private readonly Timer _timer;
        private LedPattern _pattern;
        private bool _lit;

        /// <summary>Opens <paramref name="pinNumber"/> as an output; the LED starts off.</summary>
        public StatusLed(GpioController gpio, int pinNumber, bool activeHigh)
        {
            _activeHigh = activeHigh;
            _pin = gpio.OpenPin(pinNumber, PinMode.Output);
            _timer = new Timer(Tick, null, Timeout.Infinite, Timeout.Infinite);
            Show(false);
        }

        /// <summary>Switches to <paramref name="pattern"/>.</summary>
        public void Set(LedPattern pattern)
        {
            _pattern = pattern;
            switch (pattern)
            {
                case LedPattern.Connecting:
                    _timer.Change(0, 500);
                    break;
                case LedPattern.Fault:
                    _timer.Change(0, 100);
                    break;
                default:
                    _timer.Change(Timeout.Infinite, Timeout.Infinite);
                    Show(pattern == LedPattern.Ready);
                    break;
            }
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            _timer.Dispose();
            Show(false);
        }

        private void Tick(object state)
        {
            if (_pattern == LedPattern.Connecting || _pattern == LedPattern.Fault)
            {
                Show(!_lit);
            }
        }

        private void Show(bool lit)
        {
            _lit = lit;
            _pin.Write(lit == _activeHigh ? PinValue.High : PinValue.Low);
        }
    }
}
