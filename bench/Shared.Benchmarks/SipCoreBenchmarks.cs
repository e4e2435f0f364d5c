using BenchmarkDotNet.Attributes;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Benchmarks
{
    /// <summary>
    /// Parse (octets to <see cref="SipMessage"/>) and serialize (<see cref="SipMessage"/> into a reused buffer)
    /// of typical messages. Allocation figures come from the MemoryDiagnoser.
    /// </summary>
    [MemoryDiagnoser]
    public class SipCoreBenchmarks
    {
        private readonly SipMessageParser _parser = new SipMessageParser();
        private readonly byte[] _output = new byte[4096];
        private SipMessage _register;
        private SipMessage _message;
        private SipMessage _publish;
        private SipMessage _notify;

        [GlobalSetup]
        public void Setup()
        {
            _register = _parser.ParseDatagram(SampleMessages.Register, 0, SampleMessages.Register.Length);
            _message = _parser.ParseDatagram(SampleMessages.Message, 0, SampleMessages.Message.Length);
            _publish = _parser.ParseDatagram(SampleMessages.Publish, 0, SampleMessages.Publish.Length);
            _notify = _parser.ParseDatagram(SampleMessages.Notify, 0, SampleMessages.Notify.Length);
        }

        [Benchmark]
        public SipMessage ParseRegister() => _parser.ParseDatagram(SampleMessages.Register, 0, SampleMessages.Register.Length);

        [Benchmark]
        public SipMessage ParseMessage() => _parser.ParseDatagram(SampleMessages.Message, 0, SampleMessages.Message.Length);

        [Benchmark]
        public SipMessage ParseMessageStatic() => SipMessageParser.Parse(SampleMessages.Message, 0, SampleMessages.Message.Length);

        [Benchmark]
        public SipMessage ParsePublish() => _parser.ParseDatagram(SampleMessages.Publish, 0, SampleMessages.Publish.Length);

        [Benchmark]
        public SipMessage ParseNotify() => _parser.ParseDatagram(SampleMessages.Notify, 0, SampleMessages.Notify.Length);

        [Benchmark]
        public int WriteRegister() => SipMessageWriter.Write(_register, _output, 0);

        [Benchmark]
        public int WriteMessage() => SipMessageWriter.Write(_message, _output, 0);

        [Benchmark]
        public int WritePublish() => SipMessageWriter.Write(_publish, _output, 0);

        [Benchmark]
        public int WriteNotify() => SipMessageWriter.Write(_notify, _output, 0);
    }
}
