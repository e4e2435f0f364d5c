using System;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Tests.Fakes
{
    /// <summary>An open handle on a <see cref="MemoryFile"/>; it follows the file through renames.</summary>
    internal sealed class MemoryStorageFile : IStorageFile
    {
        private readonly MemoryFileStorage _storage;
        private readonly MemoryFile _file;
        private bool _closed;

        public MemoryStorageFile(MemoryFileStorage storage, MemoryFile file)
        {
            _storage = storage;
            _file = file;
        }

        public long Length
        {
            get
            {
                CheckUsable();
                return _file.Length;
            }
        }

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            CheckUsable();
            if (position < 0 || count < 0 || offset < 0 || offset + count > buffer.Length)
            {
                throw new ArgumentOutOfRangeException("position");
            }

            long available = _file.Length - position;
            if (available <= 0)
            {
                return 0;
            }

            int n = available < count ? (int)available : count;
            Array.Copy(_file.Data, (int)position, buffer, offset, n);
            return n;
        }

        public void Append(byte[] buffer, int offset, int count)
        {
            CheckUsable();
            _storage.Write(_file, buffer, offset, count);
        }

        public void Flush()
        {
            CheckUsable();
            _storage.Flush(_file);
        }

        public void Dispose()
        {
            _closed = true;
        }

        private void CheckUsable()
        {
            if (_closed)
            {
                throw new ObjectDisposedException("file " + _file.Name);
            }

            _storage.CheckPower();
        }
    }
}
