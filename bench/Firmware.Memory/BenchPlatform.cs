using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Memory;

/// <summary>A clock the harness moves.</summary>
internal sealed class BenchClock : IClock
{
    public long NowMilliseconds { get; set; } = 1_000_000;
}

/// <summary>xorshift32: repeatable and allocation-free.</summary>
internal sealed class BenchRandom : IRandom
{
    private uint _state = 0x2545F491;

    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextUInt32() % (uint)maxExclusive);

    public void NextBytes(byte[] buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)NextUInt32();
        }
    }

    private uint NextUInt32()
    {
        uint x = _state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _state = x;
        return x;
    }
}

/// <summary>
/// A channel that copies what the UA sends into one buffer allocated up front and hands scripted bytes
/// back synchronously, so the harness itself allocates nothing inside a measurement.
/// </summary>
internal sealed class BenchChannel : ISipChannel
{
    private const int Kept = 4;

    private readonly byte[][] _recent = { new byte[8192], new byte[8192], new byte[8192], new byte[8192] };
    private readonly int[] _recentLength = new int[Kept];
    private int _next;

    public int MessagesSent { get; private set; }

    public SipTransport Transport => SipTransport.Udp;

    public bool IsConnected { get; private set; }

    public string LocalAddress => "192.0.2.10";

    public int LocalPort => 5070;

    public SipDataReceived? Received { get; set; }

    public SipChannelStateChanged? StateChanged { get; set; }

    public bool Open()
    {
        IsConnected = true;
        return true;
    }

    public void Close() => IsConnected = false;

    public bool Send(byte[] buffer, int offset, int count)
    {
        if (count <= 4)
        {
            return true; // a keep-alive
        }

        Array.Copy(buffer, offset, _recent[_next], 0, count);
        _recentLength[_next] = count;
        _next = (_next + 1) % Kept;
        MessagesSent++;
        return true;
    }

    /// <summary>The most recent of the last few messages sent whose first line starts with <paramref name="prefix"/>.</summary>
    public (byte[] Bytes, int Length) LastSent(string prefix)
    {
        for (int back = 1; back <= Kept; back++)
        {
            int i = (_next - back + Kept) % Kept;
            byte[] bytes = _recent[i];
            int length = _recentLength[i];
            bool match = length >= prefix.Length;
            for (int k = 0; match && k < prefix.Length; k++)
            {
                match = bytes[k] == prefix[k];
            }

            if (match)
            {
                return (bytes, length);
            }
        }

        throw new InvalidOperationException("nothing starting with '" + prefix + "' was sent recently");
    }

    public void Deliver(byte[] bytes, int count) => Received!(bytes, 0, count);
}

/// <summary>
/// Flash in RAM: files are fixed-capacity buffers taken from a pool filled at construction, so appends
/// and the journal's compactions allocate nothing here and the pool counts as "flash", not as UA heap.
/// </summary>
internal sealed class RamStorage : IFileStorage
{
    private const int FileCapacity = 512 * 1024;

    private readonly Dictionary<string, RamFile> _files = new();
    private readonly Stack<byte[]> _pool = new();

    public RamStorage(int poolSize)
    {
        for (int i = 0; i < poolSize; i++)
        {
            _pool.Push(new byte[FileCapacity]);
        }
    }

    public bool Exists(string name) => _files.ContainsKey(name);

    public IStorageFile Open(string name) => _files.TryGetValue(name, out RamFile? file) ? file.Handle : throw new IOException("no " + name);

    public IStorageFile Create(string name)
    {
        Delete(name);
        var file = new RamFile(_pool.Pop());
        _files[name] = file;
        return file.Handle;
    }

    public void Rename(string from, string to)
    {
        if (_files.ContainsKey(to))
        {
            throw new IOException(to + " exists");
        }

        _files[to] = _files[from];
        _files.Remove(from);
    }

    public void Delete(string name)
    {
        if (_files.Remove(name, out RamFile? file))
        {
            _pool.Push(file.Bytes);
        }
    }

    private sealed class RamFile
    {
        public RamFile(byte[] bytes)
        {
            Bytes = bytes;
            Handle = new RamHandle(this);
        }

        public byte[] Bytes { get; }

        public int Length { get; set; }

        public RamHandle Handle { get; }
    }

    private sealed class RamHandle : IStorageFile
    {
        private readonly RamFile _file;

        public RamHandle(RamFile file)
        {
            _file = file;
        }

        public long Length => _file.Length;

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            int available = (int)Math.Max(0, _file.Length - position);
            int n = Math.Min(count, available);
            Array.Copy(_file.Bytes, position, buffer, offset, n);
            return n;
        }

        public void Append(byte[] buffer, int offset, int count)
        {
            Array.Copy(buffer, offset, _file.Bytes, _file.Length, count);
            _file.Length += count;
        }

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
