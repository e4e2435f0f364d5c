using System;

namespace SimpleImGateway.Firmware.Platform
{
    /// <summary>An open file that is read at any offset and only ever grows at its end.</summary>
    public interface IStorageFile : IDisposable
    {
        /// <summary>The current length in bytes.</summary>
        long Length { get; }

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes starting at <paramref name="position"/>;
        /// returns how many were read, fewer only at the end of the file.
        /// </summary>
        int Read(long position, byte[] buffer, int offset, int count);

        /// <summary>Writes the bytes at the end of the file.</summary>
        void Append(byte[] buffer, int offset, int count);

        /// <summary>Makes everything appended so far durable.</summary>
        void Flush();
    }
}
