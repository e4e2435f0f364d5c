using System.Collections;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Tests.Ua.Fakes
{
    /// <summary>
    /// A channel that records what the UA sends and delivers what the test scripts, synchronously on
    /// the test's thread (as the real channel's receive thread would, minus the thread).
    /// </summary>
    public sealed class FakeChannel : ISipChannel
    {
        private readonly ArrayList _sent = new ArrayList();
        private readonly FakeClock _clock;

        public FakeChannel(SipTransport transport, FakeClock clock)
        {
            Transport = transport;
            _clock = clock;
            LocalAddress = "192.0.2.10";
            LocalPort = 5070;
        }

        public SipTransport Transport { get; }

        public bool IsConnected { get; private set; }

        public string LocalAddress { get; set; }

        public int LocalPort { get; set; }

        public SipDataReceived Received { get; set; }

        public SipChannelStateChanged StateChanged { get; set; }

        /// <summary>When set, Open fails.</summary>
        public bool FailOpen { get; set; }

        /// <summary>When set, Send reports failure.</summary>
        public bool FailSend { get; set; }

        /// <summary>Called inside Send, before it returns.</summary>
        public SendObserver Observer { get; set; }

        public int OpenCount { get; private set; }

        public int CloseCount { get; private set; }

        public int SentCount => _sent.Count;

        public SentData this[int index] => (SentData)_sent[index];

        public bool Open()
        {
            OpenCount++;
            if (FailOpen)
            {
                return false;
            }

            IsConnected = true;
            return true;
        }

        public void Close()
        {
            CloseCount++;
            IsConnected = false;
        }

        public bool Send(byte[] buffer, int offset, int count)
        {
            if (!IsConnected || FailSend)
            {
                return false;
            }

            var copy = new byte[count];
            System.Array.Copy(buffer, offset, copy, 0, count);
            _sent.Add(new SentData(_clock.NowMilliseconds, copy));
            if (Observer != null)
            {
                Observer(copy);
            }

            return true;
        }

        /// <summary>Hands bytes to the UA as if they had arrived.</summary>
        public void Deliver(byte[] bytes, int offset, int count)
        {
            Received(bytes, offset, count);
        }

        /// <summary>The TCP connection drops.</summary>
        public void Drop()
        {
            IsConnected = false;
            StateChanged(false);
        }
    }
}
