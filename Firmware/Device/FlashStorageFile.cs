using System.IO;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Device
{
    /// <summary>
    /// <see cref="IStorageFile"/> over a nanoFramework FileStream. nanoFramework writes every
    /// FileStream.Write through to the file system, so Flush has nothing left to do, but it is called
    /// anyway in case a later version buffers.
    /// </summary>
    internal sealed class FlashStorageFile : IStorageFile
    {
        private readonly FileStream _stream;

        public FlashStorageFile(FileStream stream)
        {
            _stream = stream;
        }

        public long Length => _stream.Length;

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            _stream.Seek(position, SeekOrigin.Begin);
            return _stream.Read(buffer, offset, count);
        }

        public void Append(byte[] buffer, int offset, int count)
        {
            _stream.Seek(0, SeekOrigin.End);
            _stream.Write(buffer, offset, count);
        }

        public void Flush()
        {
            _stream.Flush();
        }

        public void Dispose()
        {
            _stream.Dispose();
        }
    }
}
