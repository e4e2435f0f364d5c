using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Simulator.Host;

/// <summary>An <see cref="IStorageFile"/> over a <see cref="FileStream"/>; Flush reaches the disk.</summary>
public sealed class FolderStorageFile : IStorageFile
{
    private readonly FileStream _stream;

    internal FolderStorageFile(FileStream stream)
    {
        _stream = stream;
    }

    /// <inheritdoc/>
    public long Length => _stream.Length;

    /// <inheritdoc/>
    public int Read(long position, byte[] buffer, int offset, int count)
    {
        _stream.Position = position;
        int total = 0;
        while (total < count)
        {
            int n = _stream.Read(buffer, offset + total, count - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <inheritdoc/>
    public void Append(byte[] buffer, int offset, int count)
    {
        _stream.Seek(0, SeekOrigin.End);
        _stream.Write(buffer, offset, count);
    }

    /// <inheritdoc/>
    public void Flush() => _stream.Flush(flushToDisk: true);

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();
}
